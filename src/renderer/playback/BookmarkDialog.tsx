// A bookmark at the cursor: which camera (of those playing) and a note. A client-chosen id, kept
// for this dialog, makes a retried save harmless.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/client';
import { useApp } from '../app/app-context';
import { Dialog } from '../app/Dialog';
import { formatDateTime, type Language } from '../i18n';

export function BookmarkDialog({
  at,
  cameraIds,
  names,
  onDone,
  onClose,
}: {
  at: number;
  cameraIds: string[];
  names: Map<string, string>;
  onDone(): void;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const { api, settings } = useApp();
  const [cameraId, setCameraId] = useState(cameraIds[0] ?? '');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = useRef(crypto.randomUUID());
  return (
    <Dialog
      title={t('rec.bookmarks.dialog', { time: formatDateTime(at, i18n.language as Language, settings.timeZone, true) })}
      submitLabel={t('rec.actions.bookmark')}
      cancelLabel={t('common.close')}
      onClose={onClose}
      onSubmit={() =>
        void api
          .call('bookmarks.add', { id: id.current, cameraId, at: Math.round(at), note })
          .then(onDone, (err: unknown) => setError(errorText(t, err)))
      }
    >
      <label className="field field--stack">
        <span>{t('rec.export.cameras')}</span>
        <select className="input" value={cameraId} onChange={(e) => setCameraId(e.target.value)}>
          {cameraIds.map((c) => (
            <option key={c} value={c}>
              {names.get(c) ?? c}
            </option>
          ))}
        </select>
      </label>
      <label className="field field--stack">
        <span>{t('rec.bookmarks.prompt')}</span>
        <textarea className="input" rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} autoFocus />
      </label>
      {error ? <p role="alert">{error}</p> : null}
    </Dialog>
  );
}
