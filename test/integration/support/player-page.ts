// Bundled into the test page of live-player-browser.test.ts: exposes the player to the test.
import { decodeStamp, STAMP_GRID_ROWS } from '../../../src/sim/stamp';
import { createLivePlayer, type LivePlayer, type PlayerState, type PlayerStats } from '../../../src/renderer/video/live-player';

interface TestWindow {
  states: PlayerState[];
  stats: PlayerStats[];
  player: LivePlayer | null;
  video: HTMLVideoElement | null;
  startPlayer(url: string, stallMs?: number, tuning?: Record<string, unknown>): void;
  waiting: number;
  stopPlayer(): void;
  frames(): number;
  measureGlassToGlass(durationMs: number): Promise<{ latencies: number[]; unreadable: number }>;
  measureStamp(durationMs: number): Promise<{ latencies: number[]; unreadable: number }>;
}

const w = window as unknown as TestWindow;
w.states = [];
w.stats = [];
w.player = null;
w.video = null;
w.startPlayer = (url, stallMs, tuning) => {
  const video = document.createElement('video');
  video.width = 320;
  document.body.append(video);
  w.video = video;
  w.waiting = 0;
  video.addEventListener('waiting', () => w.waiting++);
  w.player = createLivePlayer(video, { url, stallMs, tuning, onState: (s) => w.states.push(s), onStats: (s) => w.stats.push(s) });
};
w.stopPlayer = () => {
  w.player?.dispose();
  w.player = null;
};
w.frames = () => w.video?.getVideoPlaybackQuality().totalVideoFrames ?? 0;

/**
 * Glass-to-glass latency (bench/live.bench.ts): reads the 24-bit capture-time strip of the /clock
 * source from every presented frame and compares it with the clock at presentation.
 */
function measureGlassToGlass(durationMs: number): Promise<{ latencies: number[]; unreadable: number }> {
  const video = (window as unknown as { video: HTMLVideoElement }).video;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const latencies: number[] = [];
  let unreadable = 0;
  return new Promise((resolve) => {
    const end = Date.now() + durationMs;
    const onFrame = () => {
      const now = Date.now();
      const w = video.videoWidth;
      if (w) {
        canvas.width = w;
        canvas.height = 16;
        ctx.drawImage(video, 0, 0, w, 16, 0, 0, w, 16);
        const row = ctx.getImageData(0, 8, w, 1).data;
        const block = Math.floor(w / 24);
        let v = 0;
        let ambiguous = false;
        for (let i = 0; i < 24; i++) {
          const luma = row[(i * block + Math.floor(block / 2)) * 4]!;
          if (luma > 64 && luma < 192) ambiguous = true;
          v = (v << 1) | (luma >= 128 ? 1 : 0);
        }
        const lat = ((now & 0xffffff) - v + 0x1000000) % 0x1000000;
        if (ambiguous || lat > 10_000) unreadable++;
        else latencies.push(lat);
      }
      if (Date.now() < end) video.requestVideoFrameCallback(onFrame);
      else resolve({ latencies, unreadable });
    };
    video.requestVideoFrameCallback(onFrame);
  });
}
w.measureGlassToGlass = measureGlassToGlass;

/**
 * Glass-to-glass latency against the camera lab: decodes the lab's 48-bit capture-time stamp
 * (src/sim/stamp.ts) from every presented frame. Only the top rows are read back from the canvas.
 */
function measureStamp(durationMs: number): Promise<{ latencies: number[]; unreadable: number }> {
  const video = w.video!;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const latencies: number[] = [];
  let unreadable = 0;
  let full: Uint8ClampedArray | null = null;
  return new Promise((resolve) => {
    const end = Date.now() + durationMs;
    const onFrame = () => {
      const now = Date.now();
      const width = video.videoWidth;
      const height = video.videoHeight;
      if (width && height) {
        const band = Math.ceil((height / STAMP_GRID_ROWS) * 3);
        if (canvas.width !== width || canvas.height !== band) {
          canvas.width = width;
          canvas.height = band;
          full = new Uint8ClampedArray(width * height * 4);
        }
        ctx.drawImage(video, 0, 0, width, band, 0, 0, width, band);
        full!.set(ctx.getImageData(0, 0, width, band).data);
        const stamp = decodeStamp(full!, width, height);
        if (stamp === null) unreadable++;
        else latencies.push(now - stamp);
      }
      if (Date.now() < end) video.requestVideoFrameCallback(onFrame);
      else resolve({ latencies, unreadable });
    };
    video.requestVideoFrameCallback(onFrame);
  });
}
w.measureStamp = measureStamp;
