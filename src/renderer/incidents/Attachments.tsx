// An incident's attachments: snapshots shown as pictures (JPEG/PNG recognised by the core from
// their bytes), everything else a download; a file of any type attached by streaming it up, and a
// fresh snapshot of one of the incident's cameras.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_ATTACHMENT_BYTES, type Attachment, type Staged } from '../../shared/contract';
import { ApiError, errorText } from '../api/client';
import { useApp } from '../app/app-context';
import { formatBytes, formatDateTime, type Language } from '../i18n';

export function Attachments({
  incidentId,
  attachments,
  cameras,
  canWrite,
}: {
  incidentId: string;
  attachments: Attachment[];
  cameras: { id: string; name: string }[];
  canWrite: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { api, settings } = useApp();
  const lang = i18n.language as Language;
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const attachStaged = async (staged: Staged) => {
    await api.call('incidents.attach', { id: incidentId, staged: [staged.id] });
  };

  const upload = async (file: File) => {
    setError(null);
    setBusy(t('book.incidents.uploading', { name: file.name }));
    try {
      // Streamed as the request body; the core writes it to disk as it arrives.
      const res = await fetch(api.downloadUrl('/incidents/upload', { name: file.name }), {
        method: 'POST',
        body: file,
        headers: { 'Content-Type': 'application/octet-stream' },
        credentials: 'same-origin',
      });
      const body = (await res.json()) as { ok: true; value: Staged } | { ok: false; error: ApiError['info'] };
      if (!body.ok) throw new ApiError(body.error);
      await attachStaged(body.value);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(null);
      if (input.current) input.current.value = '';
    }
  };

  const snapshot = async (cameraId: string) => {
    setError(null);
    setBusy(t('book.incidents.snapshotTaking'));
    try {
      await attachStaged(await api.call('incidents.snapshot', { cameraId }));
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="attachments" aria-labelledby={`att-${incidentId}`}>
      <h3 id={`att-${incidentId}`}>{t('book.incidents.attachments')}</h3>
      {attachments.length === 0 ? <p className="muted">{t('book.incidents.noAttachments')}</p> : null}
      <ul className="attachments__list">
        {attachments.map((a) => {
          const href = api.downloadUrl(`/incidents/attachment/${a.id}`);
          const picture = a.mime === 'image/jpeg' || a.mime === 'image/png';
          return (
            <li key={a.id} className="attachments__item">
              {picture ? (
                <a href={api.downloadUrl(`/incidents/attachment/${a.id}`, { inline: '1' })} target="_blank" rel="noopener noreferrer">
                  <img
                    className="attachments__thumb"
                    src={api.downloadUrl(`/incidents/attachment/${a.id}`, { inline: '1' })}
                    alt={a.name}
                    loading="lazy"
                  />
                </a>
              ) : null}
              <div className="attachments__meta">
                <span className="attachments__name">{a.name}</span>
                <span className="muted">
                  {a.kind === 'snapshot' && a.width ? `${a.width}×${a.height} · ` : ''}
                  {a.bytes ? formatBytes(a.bytes, lang) : (a.ref ?? '')} · {formatDateTime(a.createdAt, lang, settings.timeZone)}
                  {a.createdByName ? ` · ${a.createdByName}` : ''}
                </span>
                {a.bytes > 0 ? (
                  <a className="button button--quiet" href={href} download={a.name}>
                    {t('book.incidents.download')}
                  </a>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
      {canWrite ? (
        <div className="attachments__add">
          <label className="button">
            {t('book.incidents.attach')}
            <input
              ref={input}
              type="file"
              className="visually-hidden"
              onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])}
              disabled={!!busy}
            />
          </label>
          {cameras.map((c) => (
            <button key={c.id} type="button" className="button" disabled={!!busy} onClick={() => void snapshot(c.id)}>
              {t('book.incidents.takeSnapshot', { camera: c.name })}
            </button>
          ))}
          <p className="muted attachments__hint">{t('book.incidents.attachHint', { size: formatBytes(MAX_ATTACHMENT_BYTES, lang) })}</p>
          {busy ? (
            <p className="muted" role="status">
              {busy}
            </p>
          ) : null}
          {error ? (
            <p className="message message--error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
