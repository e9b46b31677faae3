// The WebCodecs engine: video socket → TsAccessUnits → VideoDecoder → canvas. No media buffer at
// all: a frame is drawn the moment the decoder hands it out, so what the tile shows is as new as
// the decoder can make it (MSE keeps frames in its buffer and paces them by timestamps).
// - The decoder is configured from the stream's own SPS (`avc1.PPCCLL`), with optimizeForLatency
//   and software decoding preferred: camera streams have no B-frames, and hardware decoders may
//   hold frames back for reordering. A new SPS (resolution, profile) reconfigures at that keyframe.
// - After every configure, and after anything lost (a corrupt frame, a skipped backlog, a late part
//   of a split keyframe), nothing is decoded until the next keyframe: the tile keeps its last good
//   picture instead of showing a smeared one.
// - Newest frame wins: the decoder's queue is kept short; if it backs up (a hidden tab, a busy
//   page) deltas are skipped to the next keyframe, never played late. While the page is hidden
//   only the newest frame is kept, and drawn the moment the page is shown.
// - Every VideoFrame is closed as soon as it is drawn or replaced: Chromium's frame pool is small
//   and a leaked frame stalls the decoder.
import type { Engine, EngineHooks } from './engine';
import { avcCodecString, TsAccessUnits, type AccessUnit } from './ts-access-units';

/**
 * More queued chunks than this (about two seconds at 25 fps) and the decoder is behind: skip to the
 * next keyframe. A squeeze shorter than that (a garbage collection, a burst of other work on a
 * 4x4 wall of software decoders) is caught up instead: every frame shown, briefly late, then live
 * again — an officer misses nothing. Skipping costs up to a whole GOP of frames: at one second
 * (25) a single squeeze during the floor bench's ten seconds cost one tile a fifth of its frames;
 * lower still (6) turned every short squeeze into a freeze the soak bench counted as a stall.
 */
const MAX_DECODE_QUEUE = 50;

export function webCodecsSupported(): boolean {
  return typeof VideoDecoder === 'function' && typeof EncodedVideoChunk === 'function' && window.isSecureContext !== false;
}

function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function startWebCodecs(canvas: HTMLCanvasElement, url: string, hooks: EngineHooks): Engine {
  const demux = new TsAccessUnits();
  const ctx = canvas.getContext('2d', { alpha: false });
  let decoder: VideoDecoder | null = null;
  let sps: Uint8Array | null = null;
  let needKey = true;
  let stopped = false;
  let presented = 0;
  let dropped = 0;
  /** The newest decoded frame not yet drawn (only while the page is hidden). */
  let pending: VideoFrame | null = null;
  let lastInMs: number | null = null;
  let lastOutMs: number | null = null;

  const draw = (frame: VideoFrame) => {
    const w = frame.displayWidth;
    const h = frame.displayHeight;
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    ctx?.drawImage(frame, 0, 0, w, h);
    const ptsMs = frame.timestamp / 1000;
    lastOutMs = ptsMs;
    frame.close();
    presented++;
    canvas.dataset.frames = String(presented);
    hooks.onPresented({ ptsMs });
  };

  const output = (frame: VideoFrame) => {
    if (stopped) {
      frame.close();
      return;
    }
    if (document.hidden) {
      // Nothing is shown anyway: keep only the newest, for the moment the page is shown again.
      if (pending) {
        pending.close();
        dropped++;
      }
      pending = frame;
      return;
    }
    draw(frame);
  };

  const onVisible = () => {
    if (!document.hidden && pending) {
      const f = pending;
      pending = null;
      draw(f);
    }
  };
  document.addEventListener('visibilitychange', onVisible);

  const newDecoder = (): VideoDecoder => {
    const d: VideoDecoder = new VideoDecoder({
      output,
      error: (e: DOMException) => {
        if (stopped || decoder !== d) return;
        decoder = null;
        if (e.name === 'NotSupportedError') {
          hooks.onUnsupported?.('no_h264');
          return;
        }
        // A corrupt or truncated frame: start over at the next keyframe, keep the last picture.
        sps = null;
        needKey = true;
      },
    });
    return d;
  };

  const configure = (unit: AccessUnit): boolean => {
    const codec = avcCodecString(unit.sps!);
    if (!codec) return false;
    if (!decoder || decoder.state === 'closed') decoder = newDecoder();
    try {
      decoder.configure({ codec, optimizeForLatency: true, hardwareAcceleration: 'prefer-software' });
    } catch {
      hooks.onUnsupported?.('no_h264');
      return false;
    }
    sps = unit.sps;
    return true;
  };

  const decode = (unit: AccessUnit) => {
    if (unit.orphan) {
      // The rest of a keyframe that already went to the decoder without it: wait for a whole one.
      needKey = true;
      return;
    }
    if (unit.key && unit.sps && (!sps || !sameBytes(unit.sps, sps) || !decoder || decoder.state !== 'configured')) {
      // First keyframe, or a new resolution/profile: (re)configure, starting at this keyframe.
      if (!configure(unit)) return;
      needKey = true;
    }
    if (!decoder || decoder.state !== 'configured') return;
    if (needKey && !unit.key) {
      dropped++; // a frame of the stretch skipped to the next keyframe
      return;
    }
    if (!unit.key && decoder.decodeQueueSize > MAX_DECODE_QUEUE) {
      // Behind: what is queued is already old. Skip to the next keyframe instead of playing it late.
      dropped++;
      needKey = true;
      return;
    }
    needKey = false;
    lastInMs = unit.pts / 90;
    try {
      decoder.decode(new EncodedVideoChunk({ type: unit.key ? 'key' : 'delta', timestamp: Math.round((unit.pts / 90) * 1000), data: unit.data }));
    } catch {
      // Only a decoder in a wrong state throws here: start over at the next keyframe.
      needKey = true;
      sps = null;
    }
  };

  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  ws.onmessage = (e: MessageEvent) => {
    if (stopped) return;
    if (typeof e.data === 'string') {
      hooks.onText(e.data);
      return;
    }
    for (const unit of demux.push(new Uint8Array(e.data as ArrayBuffer))) decode(unit);
    if (demux.kind === 'other') hooks.onUnsupported?.('no_h264');
  };
  ws.onclose = () => {
    if (!stopped) hooks.onFailure('socket_closed');
  };
  ws.onerror = () => {
    // onclose follows and reports it.
  };

  return {
    path: 'webcodecs',
    frames: () => presented,
    dropped: () => dropped,
    // Frames given to the decoder but not yet shown, in stream time.
    latencyMs: () => (lastInMs === null || lastOutMs === null ? null : Math.max(0, lastInMs - lastOutMs)),
    stop() {
      if (stopped) return;
      stopped = true;
      document.removeEventListener('visibilitychange', onVisible);
      ws.onmessage = ws.onclose = ws.onerror = null;
      if (ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.OPEN) ws.close();
      pending?.close();
      pending = null;
      if (decoder && decoder.state !== 'closed') decoder.close();
      decoder = null;
    },
  };
}
