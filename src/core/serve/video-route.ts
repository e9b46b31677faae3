// /video?camera=<id>&stream=main|sub — the binary live channel. Checked here (session, permission,
// the camera exists and lies in the caller's area scope, stream name), then handed to the live
// service's socket. Who watched which camera, from when to when, goes to the audit trail.
import type { WebSocket } from 'ws';
import type { VideoTextFrame } from '../../shared/contract/live';
import type { AuditSink } from '../api/audit-sink';
import type { ViewingRecorder } from '../audit';
import type { AccessPolicy } from '../auth/access-policy';
import type { CallSource } from '../auth/auth-service';
import { can, type Principal } from '../auth/principal';
import { attachVideoSocket, type LiveService } from '../media/live';

function refuse(ws: WebSocket, reason: 'no_permission' | 'unknown_camera' | 'bad_request'): void {
  const frame: VideoTextFrame = { type: 'state', state: 'offline', reason, attempt: 0, retryAt: null };
  ws.send(JSON.stringify(frame));
  ws.close(1008, reason);
}

export interface VideoRouteDeps {
  live: LiveService;
  access: AccessPolicy;
  audit: AuditSink;
  viewings: ViewingRecorder;
  /** The camera's name as it is now: the audit trail keeps what was watched, not only an id. */
  cameraName: (id: string) => string | null;
}

export function videoRoute(d: VideoRouteDeps) {
  return (ws: WebSocket, url: URL, principal: Principal, source: CallSource): void => {
    const cameraId = (url.searchParams.get('camera') ?? '').slice(0, 64);
    const stream = url.searchParams.get('stream') ?? 'sub';
    const actor = { userId: principal.user.id, username: principal.user.username };
    const target = { kind: 'camera', id: cameraId };
    if (stream !== 'main' && stream !== 'sub') return refuse(ws, 'bad_request');
    if (!can(principal, 'live.view')) {
      void d.audit.append({ actor, action: 'live.view', outcome: 'denied', target, details: { error: 'permission_denied', stream }, source: source.address });
      return refuse(ws, 'no_permission');
    }
    // A camera outside the scope reads exactly like one that is not there.
    if (!cameraId || !d.access.cameraVisible(principal, cameraId)) {
      void d.audit.append({ actor, action: 'live.view', outcome: 'denied', target, details: { error: 'not_found', stream }, source: source.address });
      return refuse(ws, 'unknown_camera');
    }
    // Who watched which camera, from when to when: a start entry at once (a crash still leaves it),
    // an end entry with the span when the socket closes.
    const viewing = d.viewings.start({ kind: 'live', actor, camera: { id: cameraId, name: d.cameraName(cameraId) }, stream, source: source.address });
    ws.once('close', () => void viewing.then((v) => v.end('closed')).catch(() => undefined));
    attachVideoSocket(ws, { cameraId, stream }, d.live);
  };
}
