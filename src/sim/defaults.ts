// The default camera mix of an N-camera lab (documented in src/sim/README.md):
//   cam01  ptz    live H.264 with clock, frame counter, PTZ position and latency stamp
//   cam02  fixed  H.264 looped clip
//   cam03  h265   H.265 Main looped clip
//   cam04  mjpeg  RTP/JPEG looped clip
//   cam05  dead   ONVIF answers, RTSP port closed
//   cam06+ alternating ptz (looped) and fixed (looped)
// Only cam01 is live-encoded: a live 720p+360p camera costs ~45 % of a core on this machine.
import type { CameraSpec, CameraVariant } from './types';

const HEAD: CameraVariant[] = ['ptz', 'fixed', 'h265', 'mjpeg', 'dead'];

export function defaultVariant(index: number): CameraVariant {
  return HEAD[index] ?? (index % 2 === 1 ? 'ptz' : 'fixed');
}

export function cameraName(index: number): string {
  return `cam${String(index + 1).padStart(2, '0')}`;
}

export const MODELS: Record<CameraVariant, { manufacturer: string; model: string }> = {
  ptz: { manufacturer: 'Watchfloor Sim', model: 'WF-SIM-PTZ-2MP' },
  fixed: { manufacturer: 'Watchfloor Sim', model: 'WF-SIM-BULLET-2MP' },
  h265: { manufacturer: 'Watchfloor Sim', model: 'WF-SIM-H265-2MP' },
  mjpeg: { manufacturer: 'Watchfloor Sim', model: 'WF-SIM-MJPEG-VGA' },
  dead: { manufacturer: 'Watchfloor Sim', model: 'WF-SIM-BULLET-2MP' },
};

export function defaultCameraSpecs(count: number): CameraSpec[] {
  return Array.from({ length: count }, (_, i) => ({ name: cameraName(i), variant: defaultVariant(i), live: i === 0 }));
}
