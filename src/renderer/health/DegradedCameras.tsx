// The dashboard's list of cameras that work but need a look (degraded): which, why (a frame rate
// below the one the camera is set to, a wrong clock) and since when. Taken from camera health now,
// so it changes the moment a relay or a probe says so; names and configured rates from the register.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraRecord } from '../../shared/contract';
import { useApp } from '../app/app-context';
import { formatTime, type Language } from '../i18n';
import { reasonText } from './format';
import { useHealth } from './HealthProvider';

/** More than this are counted above, not listed one by one. */
const MAX_LISTED = 50;

export function DegradedCameras() {
  const { t, i18n } = useTranslation();
  const { api, settings } = useApp();
  const { byCamera } = useHealth();
  const degraded = [...byCamera.values()].filter((h) => h.state === 'degraded').slice(0, MAX_LISTED);
  const ids = degraded.map((h) => h.cameraId).join(',');
  const [records, setRecords] = useState<ReadonlyMap<string, CameraRecord>>(new Map());
  useEffect(() => {
    let alive = true;
    const wanted = ids ? ids.split(',') : [];
    void Promise.all(wanted.map((id) => api.call('register.camera', { id }).catch(() => null))).then((list) => {
      if (alive) setRecords(new Map(list.filter((c): c is CameraRecord => c !== null).map((c) => [c.id, c])));
    });
    return () => {
      alive = false;
    };
  }, [api, ids]);
  return (
    <section className="card" aria-labelledby="health-degraded">
      <h2 id="health-degraded">{t('healthPage.degraded.heading')}</h2>
      {degraded.length === 0 ? (
        <p className="muted">{t('healthPage.degraded.none')}</p>
      ) : (
        <ul className="health__list">
          {degraded.map((h) => {
            const c = records.get(h.cameraId);
            return (
              <li key={h.cameraId}>
                <strong>{c?.name ?? '…'}</strong> · {reasonText(t, h.reason)}
                {h.reason === 'low_fps' && c?.frameRate ? ` (${t('healthPage.degraded.setTo', { fps: c.frameRate })})` : ''}
                {h.since ? ` · ${t('healthPage.degraded.since', { time: formatTime(h.since, i18n.language as Language, settings.timeZone) })}` : ''}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
