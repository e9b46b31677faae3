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

/** Several players at once, laid out as a wall of tiles (bench/floor.bench.ts). */
interface WallWindow {
  wall: LivePlayer[];
  startWall(urls: string[], path: PathChoice, columns: number): void;
  stopWall(): void;
  wallFrames(): number[];
  measureWall(
    durationMs: number,
    stampTile: number,
  ): Promise<{ presented: number[]; latencies: number[]; unreadable: number; seconds: number; profile: TileProfile[]; startedAt: number; endedAt: number }>;
}

/** Where frames went that were not presented (the frame-skip profile). */
interface TileProfile {
  /** Decoded but never shown (MSE: the element's dropped count; WebCodecs: skipped/replaced). */
  dropped: number;
  seeks: number;
  rateChanges: number;
  waiting: number;
}
const ww = window as unknown as WallWindow & TestWindow;
ww.wall = [];
ww.startWall = (urls, path, columns) => {
  const grid = document.createElement('div');
  grid.id = 'wall';
  grid.style.cssText = `display:grid;grid-template-columns:repeat(${columns},1fr);width:1600px;height:900px;gap:2px;background:#000`;
  document.body.append(grid);
  ww.wall = urls.map((url) => {
    const cell = document.createElement('div');
    cell.style.cssText = 'position:relative;overflow:hidden';
    const video = document.createElement('video');
    const canvas = document.createElement('canvas');
    for (const el of [video, canvas]) el.style.cssText = 'position:absolute;inset:0;width:100%;height:100%;object-fit:contain';
    cell.append(video, canvas);
    grid.append(cell);
    const p = createLivePlayer({ video, canvas }, { url, path, onState: () => {} });
    video.style.display = p.path() === 'mse' ? '' : 'none';
    canvas.style.display = p.path() === 'mse' ? 'none' : '';
    return p;
  });
};
ww.stopWall = () => {
  for (const p of ww.wall) p.dispose();
  ww.wall = [];
  document.getElementById('wall')?.remove();
};
function droppedOf(p: LivePlayer): number {
  const el = p.picture();
  return 'getVideoPlaybackQuality' in el ? el.getVideoPlaybackQuality().droppedVideoFrames : p.droppedFrames();
}
ww.wallFrames = () => ww.wall.map((p) => p.presentedFrames());

/**
 * Frames that reached the screen on every tile (video: requestVideoFrameCallback, which fires
 * once per composited frame; canvas: frames drawn), and glass-to-glass on the stamped tile.
 */
ww.measureWall = (durationMs, stampTile) =>
  new Promise((resolve) => {
    const presented = ww.wall.map(() => 0);
    const profile: TileProfile[] = ww.wall.map(() => ({ dropped: 0, seeks: 0, rateChanges: 0, waiting: 0 }));
    const dropped0 = ww.wall.map((p) => droppedOf(p));
    const listeners: Array<() => void> = [];
    ww.wall.forEach((p, i) => {
      if (p.path() !== 'mse') return;
      const v = p.picture() as HTMLVideoElement;
      const on = (k: 'seeks' | 'rateChanges' | 'waiting') => () => profile[i]![k]++;
      const pairs: Array<[string, () => void]> = [['seeking', on('seeks')], ['ratechange', on('rateChanges')], ['waiting', on('waiting')]];
      for (const [e, f] of pairs) v.addEventListener(e, f);
      listeners.push(() => pairs.forEach(([e, f]) => v.removeEventListener(e, f)));
    });
    const started = performance.now();
    // The host's clock, shared with the bench process: it counts the frames sent over this same window.
    const startedAt = Date.now();
    const end = started + durationMs;
    const cancel: Array<() => void> = [];
    ww.wall.forEach((p, i) => {
      if (p.path() !== 'mse') {
        const f0 = p.presentedFrames();
        cancel.push(() => (presented[i] = p.presentedFrames() - f0));
        return;
      }
      const v = p.picture() as HTMLVideoElement;
      let id = 0;
      const on = () => {
        presented[i]!++;
        id = v.requestVideoFrameCallback(on);
      };
      id = v.requestVideoFrameCallback(on);
      cancel.push(() => v.cancelVideoFrameCallback(id));
    });
    // The stamped tile reuses the single-player measure.
    const saved = w.player;
    w.player = ww.wall[stampTile]!;
    if (w.player.path() === 'mse') w.video = w.player.picture() as HTMLVideoElement;
    void measureStamp(durationMs).then((m) => {
      w.player = saved;
      const wait = Math.max(0, end - performance.now());
      setTimeout(() => {
        cancel.forEach((c) => c());
        const endedAt = Date.now();
        listeners.forEach((c) => c());
        ww.wall.forEach((p, i) => (profile[i]!.dropped = droppedOf(p) - dropped0[i]!));
        resolve({ presented, latencies: m.latencies, unreadable: m.unreadable, seconds: (performance.now() - started) / 1000, profile, startedAt, endedAt });
      }, wait);
    });
  });
