// What the ONVIF handlers need to know about their camera, without knowing how the lab runs it.
import type { PtzModel } from '../ptz/ptz-model';
import type { SimCameraInfo, StreamName } from '../types';
import type { EventHub } from './events';
import type { SoapRequest } from './soap';

export interface OnvifCamera {
  readonly info: SimCameraInfo;
  /** The camera's clock: host clock plus the configured offset. */
  nowMs(): number;
  readonly ptz: PtzModel | null;
  readonly events: EventHub;
  /** Called after any PTZ command so the picture can show the new position. */
  ptzChanged(): void;
  snapshot(stream: StreamName): Promise<Buffer>;
  /** Media SetSynchronizationPoint: true when a keyframe was forced (live cameras only). */
  requestKeyframe(): Promise<boolean>;
  /** ONVIF SystemReboot: the camera goes away shortly after answering, then comes back. */
  systemReboot(): void;
}

export type Handler = (req: SoapRequest, cam: OnvifCamera, url: URL) => string | Promise<string>;

export const PROFILES: { token: string; stream: StreamName; name: string }[] = [
  { token: 'Profile_1', stream: 'main', name: 'mainStream' },
  { token: 'Profile_2', stream: 'sub', name: 'subStream' },
];

export function serviceUrl(info: SimCameraInfo, service: 'device' | 'media' | 'ptz' | 'events'): string {
  const path = { device: 'device_service', media: 'media_service', ptz: 'ptz_service', events: 'event_service' }[service];
  return `http://${info.host}:${info.onvifPort}/onvif/${path}`;
}
