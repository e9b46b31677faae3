// Recording and playback against the camera lab, through serve mode and real Chromium:
// - record.cpu_per_camera_pct: 16 lab cameras recording 720p main streams continuously, no viewer:
//   CPU of the core process and its ffmpeg children (the lab not counted), two 20 s windows.
// - playback.sync16_drift_ms_p95: the 16 recordings played together in the Playback page; every
//   100 ms the UTC each player is presenting is read (at one instant, in the page); the spread
//   (latest − earliest) over 20 s, 95th percentile.
// - playback.seek_first_frame_ms_p50: one camera, 20 seeks to random instants of its recording:
//   from the seek to the first frame painted (requestVideoFrameCallback), median.
import { readdirSync, readFileSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { startLab } from '../src/sim/lab';
import { registerCameras, signInCookie, TestApi } from '../test/e2e/support/api';
import { CHROMIUM_ARGS, chromiumPath } from '../test/e2e/support/chromium';
import { ADMIN, startServe } from '../test/e2e/support/serve';
import { median, percentile, type Benchmark, type BenchResult } from './types';

const CAMERAS = Number(process.env.BENCH_RECORD_CAMERAS ?? 16);
const WINDOW_S = Number(process.env.BENCH_RECORD_WINDOW ?? 20);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function stat(pid: number): { ppid: number; ticks: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return null;
  }
}

function treeTicks(root: number): { ticks: number; children: number } {
  let ticks = stat(root)?.ticks ?? 0;
  let children = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const s = stat(Number(d));
    if (s && s.ppid === root) {
      ticks += s.ticks;
      children++;
    }
  }
  return { ticks, children };
}

async function openPlayback(page: Page, url: string, cameraIds: string[], at: number): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${url}#/playback?${cameraIds.map((c) => `camera=${c}`).join('&')}&at=${at}`);
  await page.waitForSelector('.pb__grid .rtile');
}

const bench: Benchmark = async () => {
  const lab = await startLab({ cameras: Array.from({ length: CAMERAS }, (_, i) => ({ name: `Rec ${i + 1}`, variant: 'fixed' as const })), discoveryPort: false });
  const serve = await startServe({ env: { WATCHFLOOR_LOG: 'warn', WATCHFLOOR_SEGMENT_SECONDS: '10' } });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const api = await TestApi.connect(serve.url);
    const cams = await registerCameras(api, lab.cameras.map((c) => ({ name: c.name, rtspMain: c.rtspMain, rtspSub: c.rtspSub, username: c.username, password: c.password })));
    const t0 = Date.now();
    for (const c of cams) {
      await api.call('recording.settings.save', { cameraId: c.id, mode: 'continuous', stream: 'main', schedule: [], eventKinds: [], preSeconds: 0, postSeconds: 0, retentionDays: 30 });
    }
    await sleep(10_000); // every recorder up and steady
    const pid = serve.child.pid!;
    const samples: number[] = [];
    let children = 0;
    for (let w = 0; w < 2; w++) {
      const a = treeTicks(pid);
      const start = performance.now();
      await sleep(WINDOW_S * 1000);
      const b = treeTicks(pid);
      children = b.children;
      samples.push((((b.ticks - a.ticks) / 100 / ((performance.now() - start) / 1000)) * 100) / CAMERAS);
    }
    const status = await api.call('recording.status', {});
    const writing = status.cameras.filter((c) => c.writing).length;
    // Enough recorded for playback: at least 60 s since the recorders started.
    await sleep(Math.max(0, 60_000 - (Date.now() - t0)));
    const results: BenchResult[] = [
      {
        name: 'record.cpu_per_camera_pct',
        value: +median(samples).toFixed(2),
        unit: '% of one core per camera',
        target: 1.5,
        better: 'lower',
        extra: { cameras: CAMERAS, writing, ffmpegChildren: children, windows: samples.map((s) => +s.toFixed(2)) },
      },
    ];

    const cookie = await signInCookie(serve.url, ADMIN);
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    await context.addCookies([{ name: cookie.split('=')[0]!, value: cookie.split('=').slice(1).join('='), url: serve.url }]);
    const page = await context.newPage();

    // Synchronised playback of all cameras from 45 s ago.
    await openPlayback(page, serve.url, cams.map((c) => c.id), Date.now() - 45_000);
    await page.waitForFunction((n) => document.querySelectorAll('.rtile[data-state="paused"], .rtile[data-state="playing"]').length >= n, cams.length, { timeout: 60_000 });
    // Play as an officer does (the transport bar's Play), and make sure every tile plays: a
    // spread measured on paused tiles would say nothing about synchronised playback.
    await page.getByRole('toolbar').getByRole('button', { name: /^(Play|Phát)$/ }).click();
    await page.waitForFunction((n) => document.querySelectorAll('.rtile[data-state="playing"]').length >= n, cams.length, { timeout: 30_000 });
    await sleep(6000);
    const spreads: number[] = [];
    // How far the pictures moved while sampled: about 20 s of recording if they really played.
    let firstShown: number | null = null;
    let lastShown = 0;
    for (let i = 0; i < 200; i++) {
      const shown = (await page.evaluate(() => (globalThis as { __wfPlaybackProbe?: () => Array<number | null> }).__wfPlaybackProbe?.() ?? [])).filter((x): x is number => x !== null);
      if (shown.length === cams.length) {
        spreads.push(Math.max(...shown) - Math.min(...shown));
        firstShown ??= shown[0]!;
        lastShown = shown[0]!;
      }
      await sleep(100);
    }
    console.error(`sync spreads: p50 ${percentile(spreads, 50)} p95 ${percentile(spreads, 95)} n ${spreads.length}`);
    results.push({
      name: 'playback.sync16_drift_ms_p95',
      value: Math.round(percentile(spreads, 95)),
      unit: 'ms spread of presented timestamps',
      target: 80,
      better: 'lower',
      extra: {
        cameras: cams.length,
        samples: spreads.length,
        p50: Math.round(percentile(spreads, 50)),
        max: Math.round(Math.max(...spreads)),
        playedS: firstShown === null ? 0 : +((lastShown - firstShown) / 1000).toFixed(1),
      },
    });

    // Seeks, one camera, paused: from the seek to the first painted frame.
    await openPlayback(page, serve.url, [cams[1]!.id], Date.now() - 40_000);
    await page.waitForSelector('.rtile[data-state="paused"]', { timeout: 30_000 });
    const seeks: number[] = [];
    for (let i = 0; i < 20; i++) {
      const at = Date.now() - 50_000 + Math.round(Math.random() * 40_000);
      const local = new Date(at + 7 * 3600_000).toISOString().slice(0, 19);
      await page.locator('#pb-jump').fill(local);
      const ms = await page.evaluate(async () => {
        const video = document.querySelector('.rtile__video') as HTMLVideoElement;
        const form = document.querySelector('.pb__jump') as HTMLFormElement;
        const oldSrc = video.src;
        const t = performance.now();
        form.requestSubmit();
        while (video.src === oldSrc) await new Promise((r) => setTimeout(r, 1));
        return new Promise<number>((resolve) => {
          video.requestVideoFrameCallback(() => resolve(performance.now() - t));
        });
      });
      seeks.push(ms);
      await sleep(300);
    }
    results.push({
      name: 'playback.seek_first_frame_ms_p50',
      value: Math.round(median(seeks)),
      unit: 'ms from seek to first painted frame',
      target: 300,
      better: 'lower',
      extra: { seeks: seeks.length, p95: Math.round(percentile(seeks, 95)), min: Math.round(Math.min(...seeks)) },
    });
    api.close();
    await context.close();
    return results;
  } finally {
    await browser.close();
    await serve.stop();
    await lab.dispose();
  }
};

export default bench;
