// A recorded video player: mpegts.js over the /playback socket into a <video>, as the live player
// does (MSE, measured to paint the first frame of a seek well inside 300 ms here), but not chasing a
// live edge: it plays at the chosen speed, pauses, steps frames, and maps what it shows to UTC with
// the session's `start` and `map` frames. A seek is a new player (a new session at the new time);
// the old one is destroyed properly (leaked players count against Chromium's limit). DOM only.
import mpegts from 'mpegts.js';
import { parsePlaybackText, type PlaybackControl, type PlaybackTextFrame } from '../../shared/contract/playback';
import { playbackLoader } from './playback-loader';

export type RecordedStatus =
  | { state: 'loading' }
  | { state: 'playing' }
  | { state: 'paused' }
  | { state: 'none' }
  | { state: 'ended'; utcMs: number }
  | { state: 'error'; reason: string };

export interface RecordedPlayerOptions {
  /** ws(s)://…/playback?camera=…&at=…&speed=…&paused=… (api.videoUrl). */
  url: string;
  /** The instant asked for: shown exactly once the data around it arrived (a keyframe comes first). */
  at: number;
  speed: number;
  paused: boolean;
  onStatus?: (s: RecordedStatus) => void;
  onFrame?: (f: PlaybackTextFrame) => void;
  /** Called on the first painted frame (seek latency, tests). */
  onFirstFrame?: () => void;
}

export interface RecordedPlayer {
  /** UTC of the frame on screen, or null before the first one. */
  presentedUtc(): number | null;
  play(): void;
  pause(): void;
  setSpeed(rate: number): void;
  /** Nudges the rate around the chosen speed (synchronised playback keeps players together). */
  setRateFactor(f: number): void;
  /** One frame on (1) or back (-1) inside what is buffered; false when the buffer does not reach. */
  step(direction: 1 | -1): boolean;
  /** Shows `utc` if it is buffered (reverse play, small seeks); false otherwise. */
  showBuffered(utc: number): boolean;
  /** Diagnostics: where the element is and what it holds. */
  stats(): { currentTime: number; playbackRate: number; bufferedEnd: number | null; paused: boolean; base: number | null };
  dispose(): void;
}

export const PLAYBACK_PLAYER_CONFIG: mpegts.Config = {
  enableWorker: false, // the custom loader cannot be posted to a worker
  enableStashBuffer: false,
  isLive: true, // a stream of unknown length; no latency chasing below
  lazyLoad: false,
  liveBufferLatencyChasing: false,
  liveSync: false,
  autoCleanupSourceBuffer: true,
  // Keep half a minute behind the playhead: frame steps back and reverse play stay in the buffer.
  autoCleanupMaxBackwardDuration: 40,
  autoCleanupMinBackwardDuration: 30,
  fixAudioTimestampGap: false,
};

const FRAME_S = 0.04;

export function createRecordedPlayer(video: HTMLVideoElement, o: RecordedPlayerOptions): RecordedPlayer {
  const maps: Array<{ mediaMs: number; utcMs: number }> = [];
  let base: number | null = null; // currentTime of media time 0 (the first frame)
  let ws: WebSocket | null = null;
  let disposed = false;
  let paused = o.paused;
  let speed = o.speed;
  let factor = 1;
  let sought = false;
  let firstFrame = false;
  const status = (s: RecordedStatus) => !disposed && o.onStatus?.(s);
  const send = (c: PlaybackControl) => ws?.readyState === WebSocket.OPEN && ws.send(JSON.stringify(c));

  video.muted = true;
  video.playsInline = true;
  video.autoplay = false;

  const mediaToUtc = (mediaMs: number): number | null => {
    let m: { mediaMs: number; utcMs: number } | null = null;
    for (const x of maps) if (x.mediaMs <= mediaMs + 0.5) m = x;
    return m ? m.utcMs + (mediaMs - m.mediaMs) : null;
  };
  const utcToTime = (utc: number): number | null => {
    if (base === null) return null;
    let m: { mediaMs: number; utcMs: number } | null = null;
    for (const x of maps) if (x.utcMs <= utc) m = x;
    m ??= maps[0] ?? null;
    return m ? base + (m.mediaMs + (utc - m.utcMs)) / 1000 : null;
  };
  const buffered = (t: number) => {
    const b = video.buffered;
    for (let i = 0; i < b.length; i++) if (t >= b.start(i) - 0.001 && t <= b.end(i) + 0.001) return true;
    return false;
  };

  const onText = (text: string) => {
    const f = parsePlaybackText(text);
    if (!f || disposed) return;
    o.onFrame?.(f);
    if (f.type === 'start') maps.push({ mediaMs: 0, utcMs: f.utcMs });
    else if (f.type === 'map') maps.push({ mediaMs: f.mediaMs, utcMs: f.utcMs });
    else if (f.type === 'none') status({ state: 'none' });
    else if (f.type === 'end') status({ state: 'ended', utcMs: f.utcMs });
    else if (f.type === 'error') status({ state: 'error', reason: f.reason });
  };

  const player = mpegts.createPlayer(
    { type: 'mse', isLive: true, url: o.url, hasAudio: false, hasVideo: true },
    {
      ...PLAYBACK_PLAYER_CONFIG,
      customLoader: playbackLoader(onText, (socket) => {
        ws = socket;
        if (paused) send({ type: 'pause' });
      }),
    },
  );
  player.on(mpegts.Events.ERROR, () => status({ state: 'error', reason: 'player' }));
  player.attachMediaElement(video);
  player.load();
  status({ state: 'loading' });

  // Once data arrives: fix media time 0, go to the exact instant asked for, then play or hold.
  const onProgress = () => {
    if (disposed || sought || !video.buffered.length || !maps.length) return;
    base ??= video.buffered.start(0);
    const target = utcToTime(o.at) ?? base;
    if (!buffered(target) && video.buffered.end(video.buffered.length - 1) < target) return; // wait for more
    sought = true;
    video.currentTime = Math.max(base, target);
    video.playbackRate = Math.min(16, speed * factor);
    if (!paused) void video.play().catch(() => undefined);
  };
  video.addEventListener('progress', onProgress);
  const poll = setInterval(onProgress, 40);
  // Where the player really is (its rate is nudged by the sync controller): the server paces from it.
  const report = setInterval(() => {
    if (base !== null && sought && !video.paused) send({ type: 'position', mediaMs: Math.max(0, (video.currentTime - base) * 1000) });
  }, 1000);
  const onPlaying = () => status({ state: paused ? 'paused' : 'playing' });
  video.addEventListener('playing', onPlaying);
  video.addEventListener('pause', onPlaying);
  const frameCb = () => {
    if (disposed || firstFrame) return;
    if (sought) {
      firstFrame = true;
      o.onFirstFrame?.();
      if (paused) status({ state: 'paused' });
      return;
    }
    video.requestVideoFrameCallback?.(frameCb);
  };
  video.requestVideoFrameCallback?.(frameCb);
  const onSeeked = () => {
    if (!firstFrame && sought && paused) {
      firstFrame = true;
      o.onFirstFrame?.();
      status({ state: 'paused' });
    }
  };
  video.addEventListener('seeked', onSeeked);

  return {
    presentedUtc() {
      if (base === null || !firstFrame) return null;
      return mediaToUtc((video.currentTime - base) * 1000);
    },
    play() {
      paused = false;
      send({ type: 'play' });
      video.playbackRate = Math.min(16, speed * factor);
      void video.play().catch(() => undefined);
    },
    pause() {
      paused = true;
      send({ type: 'pause' });
      video.pause();
    },
    setSpeed(rate) {
      speed = rate;
      send({ type: 'speed', rate });
      video.playbackRate = Math.min(16, Math.max(0.0625, speed * factor));
    },
    setRateFactor(f) {
      factor = f;
      if (!paused) video.playbackRate = Math.min(16, Math.max(0.0625, speed * factor));
    },
    step(direction) {
      const t = video.currentTime + direction * FRAME_S;
      if (!buffered(t) || (base !== null && t < base)) return false;
      this.pause();
      video.currentTime = t;
      return true;
    },
    showBuffered(utc) {
      const t = utcToTime(utc);
      if (t === null || !buffered(t)) return false;
      video.currentTime = t;
      return true;
    },
    stats() {
      const b = video.buffered;
      return {
        currentTime: video.currentTime,
        playbackRate: video.playbackRate,
        bufferedEnd: b.length ? b.end(b.length - 1) : null,
        paused: video.paused,
        base,
      };
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      clearInterval(poll);
      clearInterval(report);
      video.removeEventListener('progress', onProgress);
      video.removeEventListener('playing', onPlaying);
      video.removeEventListener('pause', onPlaying);
      video.removeEventListener('seeked', onSeeked);
      try {
        player.pause();
        player.unload();
        player.detachMediaElement();
        player.destroy();
      } catch {
        // a half-initialised player may throw on unload
      }
      video.removeAttribute('src');
      video.load();
    },
  };
}
