// What can be done to the ticked cameras at once: set their status (after a storm, a repair round)
// or move them to another point.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CAMERA_STATUSES } from '../../shared/contract';
import { errorText } from '../api/client';
import { useApp } from '../app/app-context';
import { Dialog } from '../app/Dialog';
import { PointPicker } from './PointPicker';

/** `onDone(text)`: the change is made; the bar goes with the selection, so the caller shows the text. */
export function BulkBar({ ids, onDone }: { ids: string[]; onDone(text: string): void }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const [moving, setMoving] = useState(false);
  const [pointId, setPointId] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const run = async (f: () => Promise<{ changed: number }>) => {
    try {
      const { changed } = await f();
      onDone(t('register.bulk.done', { count: changed }));
    } catch (err) {
      setMessage({ ok: false, text: errorText(t, err) });
    }
  };
  return (
    <div className="bulk-bar" role="toolbar" aria-label={t('register.table.selected', { count: ids.length })}>
      <strong>{t('register.table.selected', { count: ids.length })}</strong>
      <select
        className="input"
        aria-label={t('register.bulk.status')}
        value=""
        onChange={(e) =>
          e.target.value && void run(() => api.call('register.bulkStatus', { ids, status: e.target.value as (typeof CAMERA_STATUSES)[number] }))
        }
      >
        <option value="">{t('register.bulk.status')}</option>
        {CAMERA_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`camera.status.${s}`)}
          </option>
        ))}
      </select>
      <button type="button" className="button" onClick={() => setMoving(true)}>
        {t('register.bulk.move')}
      </button>
      {message ? (
        <span role="status" className={`message ${message.ok ? 'message--ok' : 'message--error'}`}>
          {message.text}
        </span>
      ) : null}
      {moving ? (
        <Dialog
          title={t('register.bulk.moveTitle', { count: ids.length })}
          submitLabel={t('register.bulk.apply')}
          cancelLabel={t('register.actions.cancel')}
          onClose={() => setMoving(false)}
          onSubmit={() => {
            setMoving(false);
            if (pointId) void run(() => api.call('register.bulkMove', { ids, pointId }));
          }}
        >
          <PointPicker id="bulk-point" label={t('register.camera.point')} value={pointId} onChange={setPointId} />
        </Dialog>
      ) : null}
    </div>
  );
}
