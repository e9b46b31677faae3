// A live tile's player: the video socket decoded by an engine (engine.ts) — WebCodecs onto a
// canvas where the browser can, else mpegts.js/MSE into a <video>. DOM only, no React, so the
// wall, the single view, benchmarks and tests can all use it.
// - Which path: `path: 'auto'` takes WebCodecs when the browser has it (measured faster: see
//   docs/live-video.md), MSE otherwise or when WebCodecs turns out unable to decode the stream;
//   the stats overlay says which, and why MSE. `?player=mse|webcodecs` in the page URL forces one.
// - Recovery: a player can freeze without an error (mpegts.js issues #50, #181), so a watchdog
//   recreates the engine when no new frame was presented for `stallMs` although the server says
//   the stream is live; errors and socket closes recreate it too, with backoff. A server-side
//   restart (new ffmpeg, new timestamps) is seen as a `live` state with a new `since` and also
//   recreates it.
// - Truth: the time of each presented frame mapped through the core's keyframe anchors
//   (FrameTimes), so a tile's clock is the picture's time and stops with it.
import type mpegts from 'mpegts.js';
import type { DecodePath, Engine, EngineHooks, FallbackReason } from './engine';
import { FrameTimes, type FrameInfo } from './frame-times';
import { parseTextFrame, type ServerLiveState, type ServerLiveStats } from './frames';
import { startMse } from './mse-engine';
import { pictureSize, type PictureElement } from './picture';
import { startWebCodecs, webCodecsSupported } from './webcodecs-engine';

export { LIVE_PLAYER_CONFIG } from './mse-engine';
export type { DecodePath, FallbackReason, FrameInfo };

/** What the tile shows: the server's view of the stream, plus what the player itself sees. */
export type PlayerState =
  | ServerLiveState
  /** Frames are being presented. */
  | { state: 'playing' }
  /** The player froze or failed; it is recreated at `retryAt`. */
  | { state: 'stalled'; retryAt: number; cause: 'no_frames' | 'player_error' | 'socket_closed' };

export interface PlayerStats extends ServerLiveStats {
  /** What the player holds beyond the newest frame: what it adds to glass-to-glass latency. */
  latencyMs: number | null;
  decodedFrames: number;
  droppedFrames: number;
  path: DecodePath;
  /** Why MSE, when it is MSE. */
  fallback: FallbackReason | null;
}

export type PathChoice = 'auto' | DecodePath;

export interface LivePlayerOptions {
  /** ws(s)://host/video?camera=<id>&stream=main|sub */
  url: string;
  onState: (s: PlayerState) => void;
  onStats?: (s: PlayerStats) => void;
  /** The engine changed (start, fallback): the tile shows the element that engine draws on. */
  onPath?: (path: DecodePath, fallback: FallbackReason | null) => void;
  /** Default 'auto'. */
  path?: PathChoice;
  /** No new presented frame for this long while the server says live → recreate. Default 4000. */
  stallMs?: number;
  /** Recreate backoff: first delay and ceiling. Defaults 1000 and 15000. */
  retryMs?: number;
  maxRetryMs?: number;
  /** Overrides of LIVE_PLAYER_CONFIG (MSE experiments, benchmarks). */
  tuning?: Partial<mpegts.Config>;
  /** Where the last picture is kept when the player is torn down (a greyed still, not black). */
  stillCanvas?: HTMLCanvasElement | null;
}

export interface LivePlayer {
  /** What the player holds beyond the newest frame, in ms, or null. */
  latencyMs(): number | null;
  /** The newest presented frame: its time (camera or arrival) and when it was presented. */
  frame(): FrameInfo;
  /** Frames presented since the player was created (all engines together). */
  presentedFrames(): number;
  /** Frames the current engine decoded but never showed. */
  droppedFrames(): number;
  path(): DecodePath;
  fallback(): FallbackReason | null;
  /** The element the picture is on now. */
  picture(): PictureElement;
  /** Try again now instead of at the end of the backoff (the core is back). */
  retryNow(): void;
  dispose(): void;
}

/** Once a VideoDecoder said it cannot decode H.264 here, no tile of this page tries again. */
let webCodecsRefused = false;

/** Where a forced path is kept for a browser profile (tests, comparisons): see pathFromUrl. */
export const PLAYER_PATH_KEY = 'watchfloor.player';

/**
 * `?player=mse|webcodecs` in the page's URL, else the same value under PLAYER_PATH_KEY in
 * localStorage (the e2e tests run the wall on both paths this way), else auto.
 */
export function pathFromUrl(search = typeof location === 'undefined' ? '' : location.search): PathChoice {
  let v = new URLSearchParams(search).get('player');
  if (!v) {
    try {
      v = globalThis.localStorage?.getItem(PLAYER_PATH_KEY) ?? null;
    } catch {
      // storage denied: auto
    }
  }
  return v === 'mse' || v === 'webcodecs' ? v : 'auto';
}

function choose(choice: PathChoice): { path: DecodePath; fallback: FallbackReason | null } {
  if (choice === 'mse') return { path: 'mse', fallback: 'forced' };
  if (!webCodecsSupported()) return { path: 'mse', fallback: 'no_webcodecs' };
  if (webCodecsRefused && choice === 'auto') return { path: 'mse', fallback: 'no_h264' };
  return { path: 'webcodecs', fallback: null };
}

export function createLivePlayer(target: { video: HTMLVideoElement; canvas: HTMLCanvasElement }, opts: LivePlayerOptions): LivePlayer {
  const stallMs = opts.stallMs ?? 4000;
  const retryMs = opts.retryMs ?? 1000;
  const maxRetryMs = opts.maxRetryMs ?? 15_000;
  let engine: Engine | null = null;
  let { path, fallback } = choose(opts.path ?? 'auto');
  let disposed = false;
  let failures = 0;
  let serverState: ServerLiveState = { state: 'idle' };
  let liveSince: number | null = null;
  let lastFrames = 0;
  let lastFrameAt = 0;
  /** Frames of engines already stopped, so the count only grows. */
  let framesBefore = 0;
  let playing = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let goodSince: number | null = null;
  const times = new FrameTimes();

  const picture = (): PictureElement => (path === 'webcodecs' ? target.canvas : target.video);
  const presentedFrames = () => framesBefore + (engine?.frames() ?? 0);

  const onText = (text: string) => {
    const frame = parseTextFrame(text);
    if (!frame || disposed) return;
    if (frame.type === 'clock') {
      times.anchor(frame);
      return;
    }
    if (frame.type === 'stats') {
      const { type: _t, ...stats } = frame;
      opts.onStats?.({
        ...stats,
        latencyMs: engine?.latencyMs() ?? null,
        decodedFrames: presentedFrames(),
        droppedFrames: engine?.dropped() ?? 0,
        path,
        fallback,
      });
      return;
    }
    const { type: _t, ...state } = frame;
    serverState = state;
    if (state.state === 'live') {
      if (liveSince !== null && state.since !== liveSince) {
        // A new ffmpeg took over: its timestamps start afresh. A new engine starts clean.
        liveSince = state.since;
        recreate(0);
        return;
      }
      liveSince = state.since;
      lastFrameAt = Date.now(); // give the decoder stallMs from now
    } else {
      playing = false;
      // The tile covers the video with the kept picture as soon as the stream is not live: keep
      // the picture on it now (and each frame still draining, below), not only when the player is
      // torn down, or a lost stream showed an empty curtain instead of its last picture.
      keepStill();
    }
    opts.onState(state);
  };

  /** Draws the picture into the still canvas, so a lost stream leaves its last picture. */
  const keepStill = () => {
    const c = opts.stillCanvas;
    const el = picture();
    const { width, height } = pictureSize(el);
    if (!c || !width || ('readyState' in el && el.readyState < 2)) return;
    try {
      c.width = width;
      c.height = height;
      c.getContext('2d')?.drawImage(el, 0, 0, width, height);
      c.dataset.kept = String(times.info().time ?? '');
    } catch {
      // A decoder already gone has nothing to draw: the tile shows its curtain instead.
    }
  };

  const teardown = () => {
    const e = engine;
    engine = null;
    if (!e) return;
    keepStill();
    framesBefore += e.frames();
    e.stop();
  };

  const hooks: EngineHooks = {
    onText,
    onFailure: (cause) => scheduleRecreate(cause),
    onPresented(at) {
      if ('ptsMs' in at) times.presentedPts(at.ptsMs);
      else times.presented(at.mediaTime);
      if (serverState.state !== 'live') keepStill();
    },
    onUnsupported(reason) {
      if (disposed || path === 'mse') return;
      // This browser's WebCodecs cannot decode the stream: MSE from now on, at once.
      if (reason === 'no_h264') webCodecsRefused = true;
      path = 'mse';
      fallback = reason;
      recreate(0);
    },
  };

  const build = () => {
    if (disposed) return;
    playing = false;
    // A new socket starts with a new keyframe and a new timestamp base (see frame-times.ts).
    times.restart();
    lastFrames = presentedFrames();
    lastFrameAt = Date.now();
    opts.onPath?.(path, fallback);
    engine = path === 'webcodecs' ? startWebCodecs(target.canvas, opts.url, hooks) : startMse(target.video, opts.url, hooks, opts.tuning);
  };

  const recreate = (delay: number) => {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    teardown();
    if (delay <= 0) build();
    else retryTimer = setTimeout(() => ((retryTimer = null), build()), delay);
  };

  const scheduleRecreate = (cause: 'no_frames' | 'player_error' | 'socket_closed') => {
    if (disposed || retryTimer) return;
    failures++;
    goodSince = null;
    const delay = Math.min(maxRetryMs, retryMs * 2 ** (failures - 1));
    playing = false;
    liveSince = null;
    opts.onState({ state: 'stalled', retryAt: Date.now() + delay, cause });
    recreate(delay);
  };

  // Watchdog: frames presented, not bytes received, are what the operator sees.
  const watchdog = setInterval(() => {
    if (disposed || !engine) return;
    const frames = presentedFrames();
    const now = Date.now();
    if (frames !== lastFrames) {
      lastFrames = frames;
      lastFrameAt = now;
      // Frames still draining from the buffer after the server said "reconnecting" are not "playing".
      if (!playing && serverState.state === 'live') {
        playing = true;
        goodSince = now;
        opts.onState({ state: 'playing' });
      }
      if (goodSince !== null && now - goodSince > 10_000) failures = 0;
      return;
    }
    if (serverState.state === 'live' && now - lastFrameAt > stallMs) scheduleRecreate('no_frames');
  }, 500);

  build();

  return {
    latencyMs: () => engine?.latencyMs() ?? null,
    frame: () => times.info(),
    presentedFrames,
    droppedFrames: () => engine?.dropped() ?? 0,
    path: () => path,
    fallback: () => fallback,
    picture,
    retryNow() {
      if (disposed || !retryTimer) return;
      failures = 0;
      recreate(0);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      clearInterval(watchdog);
      if (retryTimer) clearTimeout(retryTimer);
      teardown();
    },
  };
}
