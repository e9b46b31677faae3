// A live tile's player: mpegts.js over our video WebSocket into a <video>. DOM only, no React, so
// the wall, the single view and tests can all use it.
// - Latency: live mode, no stash buffer, playback-rate sync for small drift and a seek for big
//   drift (after a hidden tab, a slow network burst).
// - Recovery: mpegts.js can freeze without an error (issues #50, #181), so a watchdog recreates the
//   player when no new frame was decoded for `stallMs` although the server says the stream is live;
//   errors and socket closes recreate it too, with backoff. A server-side restart (new ffmpeg, new
//   timestamps) is seen as a `live` state with a new `since` and also recreates the player.
// - Destroy properly: leaked players still count against Chromium's per-page media player limit.
// - Truth: the time of each presented frame (requestVideoFrameCallback) mapped through the core's
//   keyframe anchors (FrameClock), so a tile's clock is the picture's time and stops with it.
import mpegts from 'mpegts.js';
import { FrameTimes, type FrameInfo } from './frame-times';
import { parseTextFrame, type ServerLiveState, type ServerLiveStats } from './frames';
import { metaWebSocketLoader } from './meta-ws-loader';

export type { FrameInfo };

/** What the tile shows: the server's view of the stream, plus what the player itself sees. */
export type PlayerState =
  | ServerLiveState
  /** Frames are being presented. */
  | { state: 'playing' }
  /** The player froze or failed; it is recreated at `retryAt`. */
  | { state: 'stalled'; retryAt: number; cause: 'no_frames' | 'player_error' | 'socket_closed' };

export interface PlayerStats extends ServerLiveStats {
  /** Buffered end minus current time: what the player adds to glass-to-glass latency. */
  latencyMs: number | null;
  decodedFrames: number;
  droppedFrames: number;
}

export interface LivePlayerOptions {
  /** ws(s)://host/video?camera=<id>&stream=main|sub */
  url: string;
  onState: (s: PlayerState) => void;
  onStats?: (s: PlayerStats) => void;
  /** No new decoded frame for this long while the server says live → recreate. Default 4000. */
  stallMs?: number;
  /** Recreate backoff: first delay and ceiling. Defaults 1000 and 15000. */
  retryMs?: number;
  maxRetryMs?: number;
  /** Overrides of LIVE_PLAYER_CONFIG (experiments, benchmarks). */
  tuning?: Partial<mpegts.Config>;
  /** Where the last picture is kept when the player is torn down (a greyed still, not black). */
  stillCanvas?: HTMLCanvasElement | null;
}

export interface LivePlayer {
  /** (buffered end − currentTime) × 1000, or null with nothing buffered. */
  latencyMs(): number | null;
  /** The newest presented frame: its time (camera or arrival) and when it was presented. */
  frame(): FrameInfo;
  /** Try again now instead of at the end of the backoff (the core is back). */
  retryNow(): void;
  dispose(): void;
}

/** Tuned for ≤ 300 ms: see docs in design.md "Live video path". */
export const LIVE_PLAYER_CONFIG: mpegts.Config = {
  enableWorker: false, // a customLoader cannot be posted to a worker (see meta-ws-loader.ts)
  enableStashBuffer: false,
  stashInitialSize: 32 * 1024,
  isLive: true,
  lazyLoad: false,
  deferLoadAfterSourceOpen: false,
  // Two latency controls: above 0.5 s of buffer (hidden tab, network burst) jump to 0.1 s before
  // the end; between 0.12 s and 0.5 s play 15 % faster until 0.06 s remain. mpegts.js's defaults
  // (1.5 s / 1.2 s) let the buffer float up to a second; measured here, the buffer floated to
  // ~170 ms with 0.35/0.2 and glass-to-glass varied 240–330 ms between runs.
  liveBufferLatencyChasing: true,
  liveBufferLatencyMaxLatency: 0.5,
  liveBufferLatencyMinRemain: 0.1,
  liveSync: true,
  liveSyncMaxLatency: 0.12,
  liveSyncTargetLatency: 0.06,
  liveSyncPlaybackRate: 1.15,
  autoCleanupSourceBuffer: true,
  autoCleanupMaxBackwardDuration: 10,
  autoCleanupMinBackwardDuration: 5,
  fixAudioTimestampGap: false,
};

function decodedFrames(video: HTMLVideoElement): number {
  return video.getVideoPlaybackQuality?.().totalVideoFrames ?? 0;
}

export function createLivePlayer(video: HTMLVideoElement, opts: LivePlayerOptions): LivePlayer {
  const stallMs = opts.stallMs ?? 4000;
  const retryMs = opts.retryMs ?? 1000;
  const maxRetryMs = opts.maxRetryMs ?? 15_000;
  let player: mpegts.Player | null = null;
  let disposed = false;
  let failures = 0;
  let serverState: ServerLiveState = { state: 'idle' };
  let liveSince: number | null = null;
  let lastFrames = 0;
  let lastFrameAt = 0;
  let playing = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let goodSince: number | null = null;

  video.muted = true;
  video.playsInline = true;
  video.autoplay = true;

  const latencyMs = (): number | null => {
    const b = video.buffered;
    if (!b.length) return null;
    return Math.max(0, (b.end(b.length - 1) - video.currentTime) * 1000);
  };

  const times = new FrameTimes();

  const onText = (text: string) => {
    const frame = parseTextFrame(text);
    if (!frame || disposed) return;
    if (frame.type === 'clock') {
      times.anchor(frame);
      return;
    }
    if (frame.type === 'stats') {
      const { type: _t, ...stats } = frame;
      const q = video.getVideoPlaybackQuality?.();
      opts.onStats?.({
        ...stats,
        latencyMs: latencyMs(),
        decodedFrames: q?.totalVideoFrames ?? 0,
        droppedFrames: q?.droppedVideoFrames ?? 0,
      });
      return;
    }
    const { type: _t, ...state } = frame;
    serverState = state;
    if (state.state === 'live') {
      if (liveSince !== null && state.since !== liveSince) {
        // A new ffmpeg took over: its timestamps start afresh. A new player starts clean.
        liveSince = state.since;
        recreate(0);
        return;
      }
      liveSince = state.since;
      lastFrameAt = Date.now(); // give the decoder stallMs from now
    } else {
      playing = false;
    }
    opts.onState(state);
  };

  /** Draws what the video shows into the still canvas, so a lost stream leaves its last picture. */
  const keepStill = () => {
    const c = opts.stillCanvas;
    if (!c || video.readyState < 2 || !video.videoWidth) return;
    try {
      c.width = video.videoWidth;
      c.height = video.videoHeight;
      c.getContext('2d')?.drawImage(video, 0, 0, c.width, c.height);
      c.dataset.kept = String(times.info().time ?? '');
    } catch {
      // A decoder already gone has nothing to draw: the tile shows its curtain instead.
    }
  };

  const teardown = () => {
    const p = player;
    player = null;
    if (!p) return;
    keepStill();
    try {
      p.pause();
      p.unload();
      p.detachMediaElement();
      p.destroy();
    } catch {
      // a half-initialised player may throw on unload; destroy what we can
    }
    // Release the MediaSource object URL so Chromium frees the media player.
    video.removeAttribute('src');
    video.load();
  };

  const build = () => {
    if (disposed) return;
    playing = false;
    // A new socket starts with a new keyframe and a new timestamp base (see frame-times.ts).
    times.restart();
    lastFrames = decodedFrames(video);
    lastFrameAt = Date.now();
    const p = mpegts.createPlayer(
      { type: 'mse', isLive: true, url: opts.url, hasAudio: false, hasVideo: true },
      { ...LIVE_PLAYER_CONFIG, ...opts.tuning, customLoader: metaWebSocketLoader(onText) },
    );
    player = p;
    p.on(mpegts.Events.ERROR, () => {
      if (player === p) scheduleRecreate('player_error');
    });
    p.on(mpegts.Events.LOADING_COMPLETE, () => {
      // A live socket only completes when it closed: the server went away or dropped us.
      if (player === p) scheduleRecreate('socket_closed');
    });
    p.attachMediaElement(video);
    p.load();
    void Promise.resolve(p.play()).catch(() => {
      // Autoplay of a muted video is allowed; a rejection here means the player was torn down.
    });
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

  // Watchdog: frames decoded by the browser, not bytes received, are what the operator sees.
  const watchdog = setInterval(() => {
    if (disposed || !player) return;
    const frames = decodedFrames(video);
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

  // Every presented frame: its media time → its wall-clock time through the newest anchor.
  let frameCallback = 0;
  const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
    if (disposed) return;
    times.presented(meta.mediaTime);
    frameCallback = video.requestVideoFrameCallback(onFrame);
  };
  if ('requestVideoFrameCallback' in video) frameCallback = video.requestVideoFrameCallback(onFrame);

  build();

  return {
    latencyMs,
    frame: () => times.info(),
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
      if (frameCallback && 'cancelVideoFrameCallback' in video) video.cancelVideoFrameCallback(frameCallback);
      teardown();
    },
  };
}
