// A camera's state as a dot whose shape differs as well as its colour (a colour-blind officer, a
// grey monitor): filled circle live, diamond connecting or reconnecting, square offline, triangle
// awaiting repair, hollow ring unknown. Named in words for screen readers and on hover.
import type { Camera, CameraHealth, HealthState } from '../../shared/contract';
import { useHealth } from './HealthProvider';

/** The core's word when it has one; before the first snapshot, only what the register says. */
export function healthOf(camera: Pick<Camera, 'id' | 'status'>, byCamera: ReadonlyMap<string, CameraHealth>): CameraHealth {
  const h = byCamera.get(camera.id);
  if (h) return h;
  const state: HealthState = camera.status === 'awaiting_repair' || camera.status === 'decommissioned' ? camera.status : 'unknown';
  return { cameraId: camera.id, state, reason: null, since: null };
}

export function HealthDot({ camera }: { camera: Pick<Camera, 'id' | 'status'> }) {
  const { byCamera, current, label } = useHealth();
  const h = healthOf(camera, byCamera);
  const text = label(h, current);
  return <span className={`hdot hdot--${h.state}${current ? '' : ' hdot--stale'}`} role="img" aria-label={text} title={text} data-health={h.state} />;
}
