// The renderer's live player in the real Chromium: it plays, survives a camera restart by itself,
// and leaves nothing behind when disposed (socket closed, media element released).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { LiveService } from '../../src/core/media/live/live-service';
import { startHarness, type Harness } from './support/browser-harness';
import { ffmpegChildren, waitFor } from './support/live-helpers';
import { startRtspSource, type RtspSource } from './support/rtsp-source';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
let source: RtspSource;
let live: LiveService;
let harness: Harness;
let browser: Browser;
let page: Page;
let tmp: string;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'wf-player-'));
  source = await startRtspSource({ user: 'u', password: 'p' });
  live = new LiveService({
    runtimeDir: tmp,
    ffmpegPath: '/usr/bin/ffmpeg',
    graceMs: 200,
    timing: { stallTimeoutMs: 2000, socketTimeoutMs: 2000 },
    resolveSource: async () => ({ url: source.url('h264'), username: 'u', password: 'p', transport: 'tcp' }),
  });
  harness = await startHarness(live, { statsIntervalMs: 500 });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'],
  });
  page = await browser.newPage();
  await page.goto(harness.url);
  await page.waitForFunction(() => typeof (window as unknown as { startPlayer?: unknown }).startPlayer === 'function');
});

afterAll(async () => {
  await browser?.close();
  await harness?.close();
  await live?.dispose();
  await source?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

type W = { states: Array<{ state: string }>; stats: Array<{ latencyMs: number | null; fps: number; path: string }>; frames(): number; size(): [number, number]; video: HTMLVideoElement; canvas: HTMLCanvasElement; player: { path(): string } | null };

const states = () => page.evaluate(() => (window as unknown as W).states.map((s) => s.state));
const frames = () => page.evaluate(() => (window as unknown as W).frames());

async function waitUntil(what: string, fn: () => Promise<boolean>, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}; states ${JSON.stringify(await states())}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

it.each(['webcodecs', 'mse'] as const)('%s: plays the camera, comes back by itself after the camera restarts, and cleans up on dispose', async (path) => {
  await page.evaluate(({ url, path }) => {
    (window as unknown as { states: unknown[]; stats: unknown[] }).states = [];
    (window as unknown as { states: unknown[]; stats: unknown[] }).stats = [];
    (window as unknown as { startPlayer(u: string, s: number, t: undefined, p: string): void }).startPlayer(url, 3000, undefined, path);
  }, { url: harness.wsUrl('cam1'), path });
  await waitUntil('playing', async () => (await states()).includes('playing'));
  expect(await page.evaluate(() => (window as unknown as W).player!.path())).toBe(path);
  const size = await page.evaluate(() => (window as unknown as W).size());
  expect(size).toEqual([320, 240]);
  const f1 = await frames();
  await waitUntil('frames advance', async () => (await frames()) > f1 + 10);
  await waitUntil('stats with latency', async () =>
    page.evaluate(() => (window as unknown as W).stats.some((s) => s.fps > 0 && s.latencyMs !== null)),
  );

  // The camera goes away and comes back: the tile shows it and recovers without a click.
  await source.stop();
  await waitUntil('reconnecting shown', async () => (await states()).includes('reconnecting'));
  const before = (await states()).length;
  await source.start();
  await waitUntil('playing again', async () => (await states()).slice(before).includes('playing'), 30_000);
  expect((await states()).slice(before)).toContain('live');
  const f2 = await frames();
  await waitUntil('frames advance again', async () => (await frames()) > f2 + 10);

  if (process.env.WF_DEBUG)
    console.log(
      JSON.stringify(await page.evaluate(() => ({ s: (window as unknown as W).states, l: (window as unknown as W).stats.map((x) => x.latencyMs) }))),
    );
  await page.evaluate(() => (window as unknown as { stopPlayer(): void }).stopPlayer());
  const src = await page.evaluate(() => (window as unknown as W).video.getAttribute('src'));
  expect(src).toBeNull();
  await page.evaluate(() => {
    const x = window as unknown as W;
    x.video.remove();
    x.canvas.remove();
  });
  await waitFor('server released the stream', () => live.stats().length === 0 && ffmpegChildren().length === 0, 5000);
});
