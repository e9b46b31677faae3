// A camera that changes resolution mid-stream (same socket, same ffmpeg: only its SPS changes), and
// a corrupt stretch of bytes: in the real Chromium, on both decoding paths, the picture takes the
// new size at the next keyframe and frames keep coming (the tile never freezes).
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { TEST_FFMPEG } from '../../src/core/media/testing/make-ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Real ffmpeg output: 3 s at 320x240 then 3 s at 640x360 in one TS stream (same pids, timestamps
 * running on): what a camera sends when its resolution is changed in its web page while a client
 * keeps reading. Each part has its own SPS.
 */
function resizingTs(): Buffer {
  const part = (size: string, offset: number) =>
    // prettier-ignore
    execFileSync(TEST_FFMPEG, [
      '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=25:duration=3`,
      '-c:v', 'libx264', '-preset', 'ultrafast', '-bf', '0', '-g', '25', '-pix_fmt', 'yuv420p',
      '-output_ts_offset', String(offset), '-omit_video_pes_length', '0', '-f', 'mpegts', 'pipe:1',
    ], { maxBuffer: 64 * 1024 * 1024 });
  return Buffer.concat([part('320x240', 0), part('640x360', 3)]);
}

/** Splits a TS into one chunk per video frame (each starting where a video PES starts). */
function frames(ts: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let at = 188; at < ts.length; at += 188) {
    const pid = ((ts[at + 1]! & 0x1f) << 8) | ts[at + 2]!;
    if (pid === 0x100 && ts[at + 1]! & 0x40) {
      out.push(ts.subarray(start, at));
      start = at;
    }
  }
  out.push(ts.subarray(start));
  return out;
}

let server: Server;
let wss: WebSocketServer;
let browser: Browser;
let page: Page;
let url: string;
let chunks: Buffer[];

beforeAll(async () => {
  const ts = resizingTs();
  chunks = frames(ts);
  const js = (await build({ entryPoints: [path.join(here, 'support/player-page.ts')], bundle: true, write: false, format: 'esm', target: 'chrome120', logLevel: 'silent' })).outputFiles[0]!.text;
  server = createServer((req, res) => {
    if (req.url === '/player.js') res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(js);
    else res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><body><script type="module" src="/player.js"></script></body>');
  });
  wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => play(ws, new URL(req.url ?? '/', 'http://x').searchParams.has('corrupt'))));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/video`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'] });
  page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await page.waitForFunction(() => typeof (window as unknown as { startPlayer?: unknown }).startPlayer === 'function');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  for (const c of wss?.clients ?? []) c.terminate();
  wss?.close();
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
});

/** Sends the stream in real time (a frame every 40 ms), as the core would; `corrupt`: garbles frames 60–64. */
function play(ws: WebSocket, corrupt: boolean) {
  ws.send(JSON.stringify({ type: 'state', state: 'live', since: 1, codec: 'h264', sourceCodec: 'h264', transcoded: false, width: 320, height: 240 }));
  let i = 0;
  const timer = setInterval(() => {
    if (ws.readyState !== ws.OPEN || i >= chunks.length) {
      clearInterval(timer);
      return;
    }
    let c = chunks[i]!;
    if (corrupt && i >= 60 && i < 65) {
      c = Buffer.from(c);
      for (let k = 200; k < c.length; k += 7) c[k] = (c[k]! * 31 + 17) & 0xff;
    }
    ws.send(c);
    i++;
  }, 40);
  ws.on('close', () => clearInterval(timer));
}

type W = { frames(): number; size(): [number, number]; startPlayer(u: string, s: number, t: undefined, p: string): void; stopPlayer(): void; player: { path(): string } | null };

async function sizes(): Promise<{ size: [number, number]; frames: number }> {
  return page.evaluate(() => ({ size: (window as unknown as W).size(), frames: (window as unknown as W).frames() }));
}

it.each(['webcodecs', 'mse'] as const)('%s: a mid-stream resolution change shows the new size at the next keyframe and never freezes', async (p) => {
  await page.evaluate(({ url, p }) => (window as unknown as W).startPlayer(url, 10_000, undefined, p), { url, p });
  await expect.poll(async () => (await sizes()).size, { timeout: 15_000 }).toEqual([320, 240]);
  expect(await page.evaluate(() => (window as unknown as W).player!.path())).toBe(p);
  await expect.poll(async () => (await sizes()).size, { timeout: 15_000 }).toEqual([640, 360]);
  // Still moving at the new size.
  const f = (await sizes()).frames;
  await expect.poll(async () => (await sizes()).frames, { timeout: 5000 }).toBeGreaterThan(f + 10);
  await page.evaluate(() => (window as unknown as W).stopPlayer());
}, 40_000);

it('webcodecs: garbled frames cost at most the rest of their GOP, then the picture moves again', async () => {
  await page.evaluate((u) => (window as unknown as W).startPlayer(u, 10_000, undefined, 'webcodecs'), `${url}?corrupt`);
  // Frames 60–64 (the third GOP) are garbled; the stream goes on with frame 75's keyframe.
  await expect.poll(async () => (await sizes()).frames, { timeout: 15_000 }).toBeGreaterThan(30);
  await expect.poll(async () => (await sizes()).frames, { timeout: 15_000 }).toBeGreaterThan(110);
  await page.evaluate(() => (window as unknown as W).stopPlayer());
}, 40_000);

it('a browser without WebCodecs plays through MSE and says why', async () => {
  const bare = await browser.newPage();
  try {
    // As in a browser that has no VideoDecoder at all.
    await bare.addInitScript(() => {
      delete (window as unknown as { VideoDecoder?: unknown }).VideoDecoder;
    });
    await bare.goto(page.url());
    await bare.waitForFunction(() => typeof (window as unknown as { startPlayer?: unknown }).startPlayer === 'function');
    await bare.evaluate((u) => (window as unknown as W).startPlayer(u, 10_000, undefined, 'auto'), url);
    await expect.poll(() => bare.evaluate(() => (window as unknown as W).frames()), { timeout: 15_000 }).toBeGreaterThan(10);
    const chosen = await bare.evaluate(() => {
      const p = (window as unknown as { player: { path(): string; fallback(): string | null } }).player;
      return [p.path(), p.fallback()];
    });
    expect(chosen).toEqual(['mse', 'no_webcodecs']);
    await bare.evaluate(() => (window as unknown as W).stopPlayer());
  } finally {
    await bare.close();
  }
}, 40_000);

it('webcodecs: a hidden page keeps only the newest frame and shows it at once when shown, no backlog', async () => {
  await page.evaluate((u) => (window as unknown as W).startPlayer(u, 10_000, undefined, 'webcodecs'), url);
  await expect.poll(async () => (await sizes()).frames, { timeout: 15_000 }).toBeGreaterThan(10);
  const setHidden = (hidden: boolean) =>
    page.evaluate((h) => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
  await setHidden(true);
  const hiddenAt = (await sizes()).frames;
  await new Promise((r) => setTimeout(r, 1500)); // ~37 frames arrive meanwhile
  expect((await sizes()).frames - hiddenAt).toBeLessThanOrEqual(1);
  await setHidden(false);
  // The newest frame at once, then the stream's own pace: not the 37 frames of the backlog.
  const shown = await page.evaluate(() => (window as unknown as W).frames());
  expect(shown - hiddenAt).toBeGreaterThanOrEqual(1);
  await new Promise((r) => setTimeout(r, 200));
  expect((await sizes()).frames - shown).toBeLessThanOrEqual(8);
  await page.evaluate(() => (window as unknown as W).stopPlayer());
}, 40_000);
