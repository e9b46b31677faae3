// The MSE engine: mpegts.js over our video socket into a <video>. The fallback where WebCodecs is
// missing or cannot decode the stream (see engine.ts).
// - Latency: live mode, no stash buffer, playback-rate sync for small drift and a seek for big
//   drift (after a hidden tab, a slow network burst). See LIVE_PLAYER_CONFIG.
// - Destroy properly: leaked players still count against Chromium's per-page media player limit.
import mpegts from 'mpegts.js';
import type { Engine, EngineHooks } from './engine';
import { metaWebSocketLoader } from './meta-ws-loader';

/** Tuned for low latency: measured in docs/live-video.md. */
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

export function startMse(video: HTMLVideoElement, url: string, hooks: EngineHooks, tuning?: Partial<mpegts.Config>): Engine {
  let stopped = false;
  video.muted = true;
  video.playsInline = true;
  video.autoplay = true;
  const quality = () => video.getVideoPlaybackQuality?.();
  // The element outlives engines (a recreated player reuses it): count from where it stands now.
  const base = { frames: quality()?.totalVideoFrames ?? 0, dropped: quality()?.droppedVideoFrames ?? 0 };

  const p = mpegts.createPlayer(
    { type: 'mse', isLive: true, url, hasAudio: false, hasVideo: true },
    { ...LIVE_PLAYER_CONFIG, ...tuning, customLoader: metaWebSocketLoader((t) => !stopped && hooks.onText(t)) },
  );
  p.on(mpegts.Events.ERROR, () => !stopped && hooks.onFailure('player_error'));
  // A live socket only completes when it closed: the server went away or dropped us.
  p.on(mpegts.Events.LOADING_COMPLETE, () => !stopped && hooks.onFailure('socket_closed'));
  p.attachMediaElement(video);
  p.load();
  void Promise.resolve(p.play()).catch(() => {
    // Autoplay of a muted video is allowed; a rejection here means the player was torn down.
  });

  let frameCallback = 0;
  const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
    if (stopped) return;
    hooks.onPresented({ mediaTime: meta.mediaTime });
    frameCallback = video.requestVideoFrameCallback(onFrame);
  };
  if ('requestVideoFrameCallback' in video) frameCallback = video.requestVideoFrameCallback(onFrame);

  return {
    path: 'mse',
    frames: () => (quality()?.totalVideoFrames ?? 0) - base.frames,
    dropped: () => (quality()?.droppedVideoFrames ?? 0) - base.dropped,
    latencyMs() {
      const b = video.buffered;
      if (!b.length) return null;
      return Math.max(0, (b.end(b.length - 1) - video.currentTime) * 1000);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      if (frameCallback && 'cancelVideoFrameCallback' in video) video.cancelVideoFrameCallback(frameCallback);
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
    },
  };
}
