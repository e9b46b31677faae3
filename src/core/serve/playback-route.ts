// /playback?camera=<id>&at=<utc ms>[&speed=<x>][&paused=1] — recorded video over the binary channel.
// Checked like /video (session, playback.view, the camera in the caller's scope) and audited like
// it: who watched which camera's recording, which recorded span, from when to when.
import type { WebSocket } from 'ws';
import type { PlaybackTextFrame } from '../../shared/contract/playback';
import type { AuditSink } from '../api/audit-sink';
import type { AccessPolicy } from '../auth/access-policy';
import type { CallSource } from '../auth/auth-service';
import { can, type Principal } from '../auth/principal';
import { attachPlaybackSocket } from '../media/playback/playback-socket';
import { PLAYBACK_SPEEDS } from '../media/playback/playback-session';
import type { SegmentSource } from '../media/playback/segment-source';

export interface PlaybackRouteDeps {
  source: SegmentSource;
  access: AccessPolicy;
  audit: AuditSink;
}

function refuse(ws: WebSocket, reason: string): void {
  const frame: PlaybackTextFrame = { type: 'error', reason };
  ws.send(JSON.stringify(frame));
  ws.close(1008, reason);
}

export function playbackRoute(d: PlaybackRouteDeps) {
  return (ws: WebSocket, url: URL, principal: Principal, source: CallSource): void => {
    const cameraId = (url.searchParams.get('camera') ?? '').slice(0, 64);
    const at = Number(url.searchParams.get('at'));
    const speed = Number(url.searchParams.get('speed') ?? '1');
    const paused = url.searchParams.get('paused') === '1';
    const actor = { userId: principal.user.id, username: principal.user.username };
    const target = { kind: 'camera', id: cameraId };
    if (!Number.isSafeInteger(at) || at < 0 || !(PLAYBACK_SPEEDS as readonly number[]).includes(speed)) return refuse(ws, 'bad_request');
    if (!can(principal, 'playback.view')) {
      void d.audit.append({
        actor,
        action: 'playback.view',
        outcome: 'denied',
        target,
        details: { error: 'permission_denied', at },
        source: source.address,
      });
      return refuse(ws, 'no_permission');
    }
    if (!cameraId || !d.access.cameraVisible(principal, cameraId)) {
      void d.audit.append({ actor, action: 'playback.view', outcome: 'denied', target, details: { error: 'not_found', at }, source: source.address });
      return refuse(ws, 'unknown_camera');
    }
    const from = Date.now();
    void d.audit.append({ actor, action: 'playback.view.start', outcome: 'ok', target, details: { at, speed }, source: source.address });
    const { session, closed } = attachPlaybackSocket(ws, d.source, { cameraId, at, speed, paused });
    void closed.then(() => {
      const to = Date.now();
      const span = session.span;
      void d.audit.append({
        actor,
        action: 'playback.view',
        outcome: 'ok',
        target,
        details: { at, from, to, seconds: Math.round((to - from) / 1000), recordedFrom: span.from, recordedTo: span.to },
        source: source.address,
      });
    });
  };
}
