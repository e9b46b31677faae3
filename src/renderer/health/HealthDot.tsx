// A camera's state as a dot whose shape differs as well as its colour (a colour-blind officer, a
// grey monitor): filled circle live, diamond connecting or reconnecting, square offline, triangle
// awaiting repair, hollow ring unknown. Named in words for screen readers and on hover.
import { useTranslation } from 'react-i18next';
import type { Camera, CameraHealth, HealthState } from '../../shared/contract';
import { formatTime, type Language } from '../i18n';
import { useApp } from '../app/app-context';
import { useHealth } from './HealthProvider';

/** The core's word when it has one; before the first snapshot, only what the register says. */
export function healthOf(camera: Pick<Camera, 'id' | 'status'>, byCamera: ReadonlyMap<string, CameraHealth>): CameraHealth {
  const h = byCamera.get(camera.id);
  if (h) return h;
  const state: HealthState = camera.status === 'awaiting_repair' || camera.status === 'decommissioned' ? camera.status : 'unknown';
  return { cameraId: camera.id, state, reason: null, since: null };
}

export function useHealthLabel(): (h: CameraHealth, current: boolean) => string {
  const { t, i18n } = useTranslation();
  const { settings } = useApp();
  return (h, current) => {
    const parts = [t(`health.${h.state}`)];
    if (h.reason) parts.push(t(`pages.wall.reason.${h.reason}`, { defaultValue: h.reason }));
    if (h.since) parts.push(t('health.since', { time: formatTime(h.since, i18n.language as Language, settings.timeZone) }));
    if (!current) parts.push(t('health.noContact'));
    return parts.join(' · ');
  };
}

export function HealthDot({ camera }: { camera: Pick<Camera, 'id' | 'status'> }) {
  const { byCamera, current } = useHealth();
  const label = useHealthLabel();
  const h = healthOf(camera, byCamera);
  const text = label(h, current);
  return <span className={`hdot hdot--${h.state}${current ? '' : ' hdot--stale'}`} role="img" aria-label={text} title={text} data-health={h.state} />;
}
