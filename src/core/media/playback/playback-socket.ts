// The binary playback channel: one WebSocket per player. Binary frames carry MPEG-TS (whole
// packets), text frames the session's `start`/`map`/`gap`/`end`/`none` (contract/playback.ts); the
// player sends `play`, `pause` and `speed`. Closing the socket stops the reading at once.
import type { WebSocket } from 'ws';
import { parsePlaybackControl, type PlaybackTextFrame } from '../../../shared/contract/playback';
import { PlaybackSession, type PlaybackOptions } from './playback-session';
import type { SegmentSource } from './segment-source';

const OPEN = 1;

export function attachPlaybackSocket(
  ws: WebSocket,
  source: SegmentSource,
  options: PlaybackOptions,
): { session: PlaybackSession; closed: Promise<void> } {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let scheduled: NodeJS.Immediate | null = null;
  const flush = () => {
    if (scheduled) clearImmediate(scheduled);
    scheduled = null;
    if (!pendingBytes) return;
    const body = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    if (ws.readyState === OPEN) ws.send(body, { binary: true, compress: false });
  };
  const session = new PlaybackSession(
    source,
    {
      data(buf) {
        pending.push(buf);
        pendingBytes += buf.length;
        if (pendingBytes >= 256 * 1024) flush();
        else scheduled ??= setImmediate(flush);
      },
      text(frame: PlaybackTextFrame) {
        flush(); // keep order: a `map` belongs after the bytes sent before it
        if (ws.readyState === OPEN) ws.send(JSON.stringify(frame), { binary: false, compress: false });
      },
      backlog: () => ws.bufferedAmount + pendingBytes,
    },
    options,
  );
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    const c = parsePlaybackControl(data.toString().slice(0, 200));
    if (!c) return;
    if (c.type === 'play') session.play();
    else if (c.type === 'pause') session.pause();
    else if (c.type === 'position') session.position(c.mediaMs);
    else session.setSpeed(c.rate);
  });
  const closed = new Promise<void>((resolve) => {
    const end = () => {
      if (scheduled) clearImmediate(scheduled);
      pending = [];
      void session.dispose().then(resolve);
    };
    ws.once('close', end);
    ws.once('error', end);
  });
  return { session, closed };
}
