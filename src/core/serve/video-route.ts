// /video?camera=<id>&stream=main|sub — the binary live channel. Checked here (permission, camera
// exists, stream name), then handed to the live service's socket.
import type { WebSocket } from 'ws';
import { roleAllows } from '../../shared/contract';
import type { VideoTextFrame } from '../../shared/contract/live';
import type { CallContext } from '../api/dispatcher';
import type { Core } from '../core';
import { attachVideoSocket } from '../media/live';

function refuse(ws: WebSocket, reason: 'no_permission' | 'unknown_camera' | 'bad_request'): void {
  const frame: VideoTextFrame = { type: 'state', state: 'offline', reason, attempt: 0, retryAt: null };
  ws.send(JSON.stringify(frame));
  ws.close(1008, reason);
}

export function videoRoute(core: Core) {
  return (ws: WebSocket, url: URL, ctx: CallContext): void => {
    const cameraId = url.searchParams.get('camera') ?? '';
    const stream = url.searchParams.get('stream') ?? 'sub';
    if (stream !== 'main' && stream !== 'sub') return refuse(ws, 'bad_request');
    if (!roleAllows(ctx.user.role, 'live.view')) return refuse(ws, 'no_permission');
    if (!core.services.register.exists(cameraId)) return refuse(ws, 'unknown_camera');
    attachVideoSocket(ws, { cameraId, stream }, core.services.live);
  };
}
