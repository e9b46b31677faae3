// A ticket's photos: thumbnails (made by the core, small whatever the original), each opening the
// photo full size in a viewer; a technician adds one (JPEG or PNG up to the limit said here; the
// core checks the bytes, not the name) through the repair.addPhoto action.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PHOTO_MAX_BYTES, type TicketPhoto } from '../../shared/contract';
import { useActionRegistry } from '../actions/ActionsProvider';
import { useApp } from '../app/app-context';
import { formatBytes, formatDateTime, type Language } from '../i18n';
import { HEALTH_ACTIONS, type PhotoInput } from './health-actions';

function PhotoViewer({ photo, onClose }: { photo: TicketPhoto; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const { api, settings } = useApp();
  const [actual, setActual] = useState(false);
  const lang = i18n.language as Language;
  return (
    <dialog
      className="dialog photo-viewer"
      aria-label={t('repair.photos.viewer', { name: photo.name })}
      ref={(d) => {
        if (d && !d.open) d.showModal();
      }}
      onClose={onClose}
    >
      <div className={`photo-viewer__frame${actual ? ' photo-viewer__frame--actual' : ''}`}>
        <img src={api.downloadUrl(`/repair/photo/${photo.id}`)} alt={photo.name} />
      </div>
      <p className="muted">
        {photo.name} · {photo.width && photo.height ? `${photo.width}×${photo.height} · ` : ''}
        {formatBytes(photo.bytes, lang)} · {formatDateTime(photo.createdAt, lang, settings.timeZone)}
        {photo.createdBy ? ` · ${photo.createdBy}` : ''}
      </p>
      <div className="dialog__actions">
        <button type="button" className="button" aria-pressed={actual} onClick={() => setActual(!actual)}>
          {t('repair.photos.actualSize')}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {t('repair.dismiss')}
        </button>
      </div>
    </dialog>
  );
}

export function TicketPhotos({ ticketId, photos, canAdd }: { ticketId: string; photos: TicketPhoto[]; canAdd: boolean }) {
  const { t, i18n } = useTranslation();
  const { api } = useApp();
  const registry = useActionRegistry();
  const input = useRef<HTMLInputElement>(null);
  const [shown, setShown] = useState<TicketPhoto | null>(null);
  const [busy, setBusy] = useState<{ name: string; percent: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const lang = i18n.language as Language;

  const add = (file: File) => {
    setError(null);
    setBusy({ name: file.name, percent: 0 });
    const job: PhotoInput = {
      ticketId,
      file,
      onProgress: (f) => setBusy({ name: file.name, percent: Math.round(f * 100) }),
      onDone: (err) => {
        setBusy(null);
        setError(err);
        if (input.current) input.current.value = '';
      },
    };
    if (!registry.run(HEALTH_ACTIONS.addPhoto, job)) setBusy(null);
  };

  return (
    <section className="ticket__photos" aria-labelledby={`photos-${ticketId}`}>
      <h3 id={`photos-${ticketId}`}>{t('repair.photos.heading', { count: photos.length })}</h3>
      {photos.length === 0 ? <p className="muted">{t('repair.photos.none')}</p> : null}
      <ul className="ticket__photo-list">
        {photos.map((p) => (
          <li key={p.id}>
            <button
              type="button"
              className="ticket__photo"
              title={p.name}
              aria-label={t('repair.photos.open', { name: p.name })}
              onClick={() => setShown(p)}
            >
              <img src={api.downloadUrl(`/repair/photo/${p.id}`, { size: 'thumb' })} alt="" loading="lazy" />
            </button>
          </li>
        ))}
      </ul>
      {canAdd ? (
        <div className="ticket__photo-add">
          <label className="button">
            {t('repair.photos.add')}
            <input
              ref={input}
              type="file"
              accept="image/jpeg,image/png"
              className="visually-hidden"
              disabled={!!busy}
              onChange={(e) => e.target.files?.[0] && add(e.target.files[0])}
            />
          </label>
          <span className="muted">{t('repair.photos.hint', { size: formatBytes(PHOTO_MAX_BYTES, lang) })}</span>
          {busy ? (
            <span className="muted" role="status">
              {t('repair.photos.sending', { name: busy.name, percent: busy.percent })}
            </span>
          ) : null}
        </div>
      ) : null}
      {error ? (
        <p className="message message--error" role="alert">
          {error}
        </p>
      ) : null}
      {shown ? <PhotoViewer photo={shown} onClose={() => setShown(null)} /> : null}
    </section>
  );
}
