// The binary video channel: one WebSocket per viewer per camera-stream. Binary frames carry MPEG-TS
// (whole 188-byte packets; the first frame starts with PAT, PMT and a keyframe); text frames carry
// JSON `{type:'state', ...}` on every state change, `{type:'stats', ...}` every 2 s, and
// `{type:'clock', ...}` before every keyframe (the wall-clock anchor of the frames that follow).
// Transport-agnostic beyond `ws`: the serve layer checks session and permission, then calls this.
import type { WebSocket } from 'ws';
import type { LiveService } from './live-service';
import type { StreamKind } from './types';

export interface VideoSocketParams {
  cameraId: string;
  stream: StreamKind;
}

export interface VideoSocketOptions {
  /**
   * Coalescing window. 0 (default): flush at the end of the current event-loop turn, which merges
   * the chunks ffmpeg wrote together without adding latency; >0 adds up to that many ms.
   */
  flushMs?: number;
  /** Flush at once when this many bytes are pending. */
  maxMessageBytes?: number;
  statsIntervalMs?: number;
}

export type { VideoTextFrame } from '../../../shared/contract/live';
import type { VideoTextFrame } from '../../../shared/contract/live';

const OPEN = 1;

/** Subscribes the socket to the stream; returns a detach function (also run on close). */
export function attachVideoSocket(ws: WebSocket, params: VideoSocketParams, live: LiveService, options: VideoSocketOptions = {}): () => void {
  const flushMs = options.flushMs ?? 0;
  const maxBytes = options.maxMessageBytes ?? 64 * 1024;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let scheduled: NodeJS.Immediate | NodeJS.Timeout | null = null;
  let detached = false;

  const flush = () => {
    if (scheduled) {
      if (flushMs > 0) clearTimeout(scheduled as NodeJS.Timeout);
      else clearImmediate(scheduled as NodeJS.Immediate);
      scheduled = null;
    }
    if (pendingBytes === 0) return;
    const body = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    // Never compress video: per-message deflate would burn CPU for nothing on H.264.
    if (ws.readyState === OPEN) ws.send(body, { binary: true, compress: false });
  };

  const sendText = (frame: VideoTextFrame) => {
    flush(); // keep order: bytes sent before a state change arrive before it
    if (ws.readyState === OPEN) ws.send(JSON.stringify(frame), { binary: false, compress: false });
  };

  const unsubscribe = live.subscribe(params.cameraId, params.stream, {
    data(chunk) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= maxBytes) flush();
      else if (!scheduled) scheduled = flushMs > 0 ? setTimeout(flush, flushMs) : setImmediate(flush);
    },
    state(s) {
      sendText({ type: 'state', ...s });
    },
    clock(c) {
      sendText({ type: 'clock', ...c });
    },
    // What the browser has not taken yet: above the hub's bound, this viewer skips to a keyframe.
    backlog: () => ws.bufferedAmount + pendingBytes,
  });

  const statsTimer = setInterval(() => {
    const stats = live.statsFor(params.cameraId, params.stream);
    if (stats) sendText({ type: 'stats', ...stats });
  }, options.statsIntervalMs ?? 2000);

  const detach = () => {
    if (detached) return;
    detached = true;
    clearInterval(statsTimer);
    if (scheduled) {
      if (flushMs > 0) clearTimeout(scheduled as NodeJS.Timeout);
      else clearImmediate(scheduled as NodeJS.Immediate);
    }
    pending = [];
    unsubscribe();
  };
  ws.once('close', detach);
  ws.once('error', detach);
  return detach;
}
