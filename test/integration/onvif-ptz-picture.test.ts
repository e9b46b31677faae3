// The lab's live PTZ camera shows its moves: frames read with ffmpeg before and after a move
// change the way the move says (the scene: chroma U rises left→right, V rises top→bottom, a grid
// that widens when zooming in). And Media SetSynchronizationPoint gives a joined client a
// keyframe at once instead of at the next 2 s GOP boundary.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCamera, type OnvifCamera } from '../../src/core/onvif/camera';
import { startLab, type Lab } from '../../src/sim/lab';
import { childPids, hasTool } from '../../src/sim/test-support';
import type { SimCameraInfo } from '../../src/sim/types';

const W = 640;
const H = 360;
const missing = hasTool('ffmpeg') ? '' : 'ffmpeg not installed';
if (missing) console.warn(`SKIPPED PTZ picture tests: ${missing}`);

let lab: Lab;
let info: SimCameraInfo;
let cam: OnvifCamera;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function authed(url: string): string {
  const u = new URL(url);
  u.username = info.username;
  u.password = info.password;
  return u.href;
}

/** One decoded sub-stream frame (I420); asks for keyframes meanwhile so the wait is short. */
async function grab(): Promise<Buffer> {
  const child = spawn('ffmpeg', ['-v', 'error', '-rtsp_transport', 'tcp', '-i', authed(info.rtspSub), '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', 'pipe:1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  let done = false;
  const poke = (async () => {
    while (!done) {
      await sleep(250);
      if (!done) await cam.requestKeyframe(cam.description.streams.sub!.profileToken).catch(() => undefined);
    }
  })();
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await new Promise((r) => child.on('close', r));
  done = true;
  clearTimeout(timer);
  await poke;
  const frame = Buffer.concat(chunks);
  if (frame.length !== (W * H * 3) / 2) throw new Error(`expected one ${W}x${H} frame, got ${frame.length} bytes`);
  return frame;
}

/** Mean of a chroma plane over columns [x0, x1) of the lower 2/3 (the OSD and stamp are on top). */
function meanChroma(frame: Buffer, plane: 'u' | 'v', x0 = 0, x1 = W / 2): number {
  const cw = W / 2;
  const off = W * H + (plane === 'v' ? cw * (H / 2) : 0);
  let sum = 0;
  let n = 0;
  for (let y = Math.floor(H / 2 / 3); y < H / 2; y++) {
    for (let x = x0; x < x1; x++) {
      sum += frame[off + y * cw + x]!;
      n++;
    }
  }
  return sum / n;
}

const FAST = { pan: 100, tilt: 100, zoom: 100 };
async function moveTo(p: { pan: number; tilt: number; zoom: number }): Promise<void> {
  await cam.absoluteMove(p, FAST);
  await sleep(400); // the picture follows within ~80 ms; the rest is margin for the encoder
}

describe.skipIf(missing !== '')('live PTZ camera picture', () => {
  beforeAll(async () => {
    lab = await startLab({ cameras: [{ name: 'livedome', variant: 'ptz', live: true }], discoveryPort: false });
    info = lab.cameras[0]!;
    cam = await connectCamera({ address: info.onvif, username: info.username, password: info.password });
  }, 60_000);
  afterAll(async () => {
    await lab?.dispose();
    expect(childPids()).toEqual([]); // every ffmpeg client and the GStreamer process are gone
  });

  it('pans, tilts and zooms the picture in the direction of the move', async () => {
    await moveTo({ pan: 0, tilt: 0, zoom: 0 });
    const home = await grab();
    await moveTo({ pan: 0.8, tilt: 0, zoom: 0 });
    const right = await grab();
    await moveTo({ pan: 0.8, tilt: 0.8, zoom: 0 });
    const up = await grab();
    await moveTo({ pan: 0.8, tilt: 0.8, zoom: 1 });
    const zoomed = await grab();
    // Pan right: the scene's U rises to the right.
    expect(meanChroma(right, 'u')).toBeGreaterThan(meanChroma(home, 'u') + 8);
    // Tilt up: the scene's V rises downwards, so looking up lowers it.
    expect(meanChroma(up, 'v')).toBeLessThan(meanChroma(right, 'v') - 8);
    // Zoom in: the frame spans less of the world, so U changes less from its left to right edge.
    const spread = (f: Buffer) => meanChroma(f, 'u', W / 2 - 40, W / 2) - meanChroma(f, 'u', 0, 40);
    expect(spread(zoomed)).toBeLessThan(spread(up) * 0.75);
    expect(spread(up)).toBeGreaterThan(10);
  }, 90_000);

  it('SetSynchronizationPoint gives a joined client a keyframe at once (GOP is 2 s)', async () => {
    const child = spawn('ffmpeg', ['-v', 'info', '-rtsp_transport', 'tcp', '-i', authed(info.rtspSub), '-t', '6', '-vf', 'showinfo', '-f', 'null', '-'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const keyAt: number[] = [];
    let firstFrameAt = 0;
    const lines = createInterface({ input: child.stderr });
    lines.on('line', (l) => {
      if (!/Parsed_showinfo.*n:\s*\d+/.test(l)) return;
      firstFrameAt ||= Date.now();
      if (/iskey:1/.test(l)) keyAt.push(Date.now());
    });
    const closed = new Promise((r) => child.on('close', r));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    while (!firstFrameAt) await sleep(50);
    const asked: number[] = [];
    for (let i = 0; i < 3; i++) {
      await sleep(700);
      asked.push(Date.now());
      await cam.requestKeyframe(cam.description.streams.sub!.profileToken);
    }
    await closed;
    clearTimeout(timer);
    for (const t of asked) {
      const next = keyAt.find((k) => k >= t);
      expect(next, `a keyframe after the request at ${t}`).toBeDefined();
      // Request → encoder → RTP → decode: well under the 2 s a client would wait for the GOP.
      expect(next! - t).toBeLessThan(500);
    }
  }, 60_000);
});
