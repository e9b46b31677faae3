// One probe of one camera, without opening video: RTSP OPTIONS/DESCRIBE with its credentials
// (which proves the TCP connection, the credentials and that the stream exists), then ONVIF
// GetSystemDateAndTime for the clock. Answers a verdict; never throws.
import { OnvifClient } from '../onvif';
import { isOnvifError } from '../onvif/errors';
import { probeRtsp, type RtspProbeFailure } from '../rtsp/probe';

export interface ProbeAccess {
  rtsp: string | null;
  onvifUrl: string | null;
  username: string;
  password: string;
}

export type ProbeVerdict =
  | { reachable: true; clockOffsetMs: number | null }
  | { reachable: false; reason: RtspProbeFailure }
  /** Nothing to probe: no RTSP and no ONVIF address. */
  | null;

export async function probeCamera(a: ProbeAccess, signal: AbortSignal, timeoutMs = 5000): Promise<ProbeVerdict> {
  if (!a.rtsp && !a.onvifUrl) return null;
  if (a.rtsp) {
    const r = await probeRtsp(a.rtsp, { username: a.username, password: a.password, timeoutMs, signal });
    if (!r.ok) return { reachable: false, reason: r.reason };
  }
  let clockOffsetMs: number | null = null;
  if (a.onvifUrl) {
    try {
      const client = new OnvifClient({ deviceUrl: a.onvifUrl, username: a.username, password: a.password, timeoutMs, signal });
      clockOffsetMs = (await client.measureClock()).offsetMs;
    } catch (err) {
      // With a working stream, a silent ONVIF service is not an outage: only the clock is unknown.
      if (!a.rtsp) return { reachable: false, reason: onvifReason(err) };
    }
  }
  return { reachable: true, clockOffsetMs };
}

function onvifReason(err: unknown): RtspProbeFailure {
  if (isOnvifError(err, 'camera_timeout') || isOnvifError(err, 'onvif_cancelled')) return 'timeout';
  if (isOnvifError(err, 'camera_auth_failed')) return 'auth_failed';
  if (isOnvifError(err, 'camera_unreachable')) return 'unreachable';
  return 'bad_response';
}
