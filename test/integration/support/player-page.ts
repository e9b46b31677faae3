// Bundled into the test page of live-player-browser.test.ts and bench/live.bench.ts: exposes the
// player to the test, on either path (WebCodecs onto a canvas, MSE into a video).
import { decodeStamp, STAMP_GRID_ROWS } from '../../../src/sim/stamp';
import { createLivePlayer, type LivePlayer, type PathChoice, type PlayerState, type PlayerStats } from '../../../src/renderer/video/live-player';
import { pictureSize } from '../../../src/renderer/video/picture';

interface TestWindow {
  states: PlayerState[];
  stats: PlayerStats[];
  player: LivePlayer | null;
  video: HTMLVideoElement | null;
  canvas: HTMLCanvasElement | null;
  startPlayer(url: string, stallMs?: number, tuning?: Record<string, unknown>, path?: PathChoice): void;
  waiting: number;
  stopPlayer(): void;
  frames(): number;
  size(): [number, number];
  measureStamp(durationMs: number): Promise<{ latencies: number[]; unreadable: number; presented: number; seconds: number }>;
}

const w = window as unknown as TestWindow;
w.states = [];
w.stats = [];
w.player = null;
w.video = null;
w.canvas = null;
w.startPlayer = (url, stallMs, tuning, path = 'auto') => {
  const video = document.createElement('video');
  const canvas = document.createElement('canvas');
  video.width = 320;
  canvas.style.width = '320px';
  document.body.append(video, canvas);
  w.video = video;
  w.canvas = canvas;
  w.waiting = 0;
  video.addEventListener('waiting', () => w.waiting++);
  w.player = createLivePlayer({ video, canvas }, { url, stallMs, tuning, path, onState: (s) => w.states.push(s), onStats: (s) => w.stats.push(s) });
};
w.stopPlayer = () => {
  w.player?.dispose();
  w.player = null;
};
w.frames = () => w.player?.presentedFrames() ?? 0;
w.size = () => {
  const s = w.player ? pictureSize(w.player.picture()) : { width: 0, height: 0 };
  return [s.width, s.height];
};

/**
 * Glass-to-glass latency against the camera lab: decodes the lab's 48-bit capture-time stamp
 * (src/sim/stamp.ts) from every presented frame and compares it with the clock when that frame
 * reaches the screen: for a video, requestVideoFrameCallback (runs as the frame is composited);
 * for the canvas, the first animation frame after it was drawn (the canvas is composited then).
 * Only the top rows are read back. `presented`: frames that reached the screen in the window.
 */
function measureStamp(durationMs: number): Promise<{ latencies: number[]; unreadable: number; presented: number; seconds: number }> {
  const player = w.player!;
  const band = document.createElement('canvas');
  const ctx = band.getContext('2d', { willReadFrequently: true })!;
  const latencies: number[] = [];
  let unreadable = 0;
  let full: Uint8ClampedArray | null = null;
  const read = (): number | null => {
    const el = player.picture();
    const { width, height } = pictureSize(el);
    if (!width || !height) return null;
    const rows = Math.ceil((height / STAMP_GRID_ROWS) * 3);
    if (band.width !== width || band.height !== rows) {
      band.width = width;
      band.height = rows;
      full = new Uint8ClampedArray(width * height * 4);
    }
    ctx.drawImage(el, 0, 0, width, rows, 0, 0, width, rows);
    full!.set(ctx.getImageData(0, 0, width, rows).data);
    return decodeStamp(full!, width, height);
  };
  const record = (stamp: number | null) => {
    if (stamp === null) unreadable++;
    else latencies.push(Date.now() - stamp);
  };
  const started = performance.now();
  const frames0 = player.presentedFrames();
  return new Promise((resolve) => {
    const end = Date.now() + durationMs;
    const finish = () => resolve({ latencies, unreadable, presented: player.presentedFrames() - frames0, seconds: (performance.now() - started) / 1000 });
    if (player.path() === 'mse') {
      const video = w.video!;
      const onFrame = () => {
        record(read());
        if (Date.now() < end) video.requestVideoFrameCallback(onFrame);
        else finish();
      };
      video.requestVideoFrameCallback(onFrame);
      return;
    }
    let seen = player.presentedFrames();
    const tick = () => {
      const n = player.presentedFrames();
      if (n !== seen) {
        seen = n;
        record(read());
      }
      if (Date.now() < end) requestAnimationFrame(tick);
      else finish();
    };
    requestAnimationFrame(tick);
  });
}
w.measureStamp = measureStamp;
