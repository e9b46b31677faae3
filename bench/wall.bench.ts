// The wall as an operator feels it, in headless Chromium against serve mode and the camera lab:
// - live.ttff_warm_ms_p50: camera put on a tile (Enter in the tree) → first frame presented, while
//   another viewer already watches it (the relay runs; the GOP cache gives a keyframe at once);
// - live.ttff_cold_rtsp_only_ms_p50: the same when nobody watches, so ffmpeg must start, for
//   cameras registered by RTSP address alone (looped clips): nobody can ask them for a keyframe,
//   so this waits 0–2 s of their GOP. The field case (ONVIF, keyframe on request) is
//   live.ttff_cold_ms_p50 in coldstart.bench.ts;
// - live.latency_ms_p50: steady-state player latency (buffered end − currentTime) of a 2x2 wall;
// - live.wall9_stalls_60s: 3x3 wall of sub streams for 60 s, stalls = a tile whose decoded frame
//   count does not move for ≥ 1 s; page memory at start and end.
import { chromium, type Page } from 'playwright-core';
import { startLab } from '../src/sim/lab';
import { chromiumPath, CHROMIUM_ARGS } from '../test/e2e/support/chromium';
import { registerCameras, TestApi } from '../test/e2e/support/api';
import { ADMIN, startServe } from '../test/e2e/support/serve';
import { select, timeToFirstFrame } from './support/first-frame';
import { median, type Benchmark, type BenchResult } from './types';

const STALL_SECONDS = Number(process.env.BENCH_WALL_SECONDS ?? 60);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Signs the page's context in with the same HTTP call the sign-in screen makes. */
export async function signInPage(page: Page, baseUrl: string): Promise<void> {
  const u = new URL(baseUrl);
  const res = await page.request.post(new URL('/api/http/session.signIn', u).toString(), { data: ADMIN, headers: { Origin: u.origin } });
  if (!((await res.json()) as { ok: boolean }).ok) throw new Error('bench sign-in failed');
}

async function layout(page: Page, name: string) {
  await page.getByRole('combobox', { name: 'Layout' }).selectOption(name);
}

const bench: Benchmark = async () => {
  const lab = await startLab({ cameras: Array.from({ length: 16 }, (_, i) => ({ name: `Bench ${String(i + 1).padStart(2, '0')}`, variant: 'fixed' as const })), discoveryPort: false });
  const serve = await startServe({ env: { WATCHFLOOR_LOG: 'warn' } });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'] });
  const results: BenchResult[] = [];
  try {
    const api = await TestApi.connect(serve.url);
    const cams = await registerCameras(api, lab.cameras.map((c) => ({ name: c.name, rtspMain: c.rtspMain, rtspSub: c.rtspSub, username: c.username, password: c.password })));
    api.close();
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'en-GB' });
    const watcher = await browser.newPage({ locale: 'en-GB' });
    // tsx keeps function names with a __name() helper that does not exist in the page.
    for (const p of [page, watcher]) {
      await p.addInitScript('window.__name = (f) => f');
      await signInPage(p, serve.url);
    }
    await page.goto(`${serve.url}#/wall`);
    await watcher.goto(`${serve.url}#/wall`);
    await layout(page, '1');
    await layout(watcher, '3x3');

    // Cold: cameras nobody has watched yet (each one starts its own ffmpeg). Single layout → main
    // stream. A random pause before each sample: back-to-back samples take about one GOP each and
    // would all land on the same phase of the camera's 2 s GOP (the keyframe wait is 0–2 s).
    const cold: number[] = [];
    for (let i = 0; i < 9; i++) {
      await sleep(Math.random() * 2000);
      cold.push(await timeToFirstFrame(page, 1, cams[i]!.id, cams[i]!.name));
    }

    // Warm: another page watches the camera first (its relay runs and its GOP cache is full),
    // then the measured page puts the same camera on its tile.
    const warm: number[] = [];
    for (let i = 9; i < 14; i++) {
      await layout(watcher, '1');
      await timeToFirstFrame(watcher, 1, cams[i]!.id, cams[i]!.name);
      await sleep(1500);
      warm.push(await timeToFirstFrame(page, 1, cams[i]!.id, cams[i]!.name));
    }
    await watcher.close();
    results.push(
      { name: 'live.ttff_warm_ms_p50', value: Math.round(median(warm)), unit: 'ms', target: 150, better: 'lower', extra: { samples: warm.map(Math.round) } },
      { name: 'live.ttff_cold_rtsp_only_ms_p50', value: Math.round(median(cold)), unit: 'ms', target: 1000, better: 'lower', extra: { samples: cold.map(Math.round) } },
    );

    // Steady-state player latency on a 2x2 wall (main streams: tiles of a quarter of the wall):
    // what the MSE player buffers (the WebCodecs path has no buffer: its tiles show none).
    await layout(page, '2x2');
    for (let i = 0; i < 4; i++) await select(page, i + 1).then(() => page.getByRole('tree', { name: 'Cameras' }).getByRole('treeitem', { name: cams[i]!.name, exact: true }).press('Enter'));
    await sleep(8000);
    const lat: number[] = [];
    for (let s = 0; s < 40; s++) {
      const v = await page.$$eval('[data-tile] video', (vs) =>
        (vs as HTMLVideoElement[]).filter((x) => x.buffered.length).map((x) => (x.buffered.end(x.buffered.length - 1) - x.currentTime) * 1000),
      );
      lat.push(...v);
      await sleep(500);
    }
    results.push({ name: 'live.latency_ms_p50', value: Math.round(median(lat)), unit: 'ms', target: 300, better: 'lower', extra: { samples: lat.length } });

    // 3x3 wall of sub streams for STALL_SECONDS.
    await page.reload();
    await layout(page, '3x3');
    for (let i = 0; i < 9; i++) {
      await select(page, i + 1);
      await page.getByRole('tree', { name: 'Cameras' }).getByRole('treeitem', { name: cams[i]!.name, exact: true }).press('Enter');
    }
    await page.waitForFunction(() => document.querySelectorAll('[data-tile][data-state="live"]').length === 9, null, { timeout: 180_000 });
    await sleep(3000);
    const heap = () => page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0);
    const heapStart = await heap();
    const stalls = await page.evaluate(async (seconds) => {
      const frameCount = (el: Element) => ('getVideoPlaybackQuality' in el ? (el as HTMLVideoElement).getVideoPlaybackQuality().totalVideoFrames : Number((el as HTMLElement).dataset.frames ?? 0));
      const videos = [...document.querySelectorAll('[data-tile] [data-picture]')];
      const last = videos.map(frameCount);
      const since = videos.map(() => performance.now());
      const stalled = videos.map(() => false);
      let count = 0;
      const end = performance.now() + seconds * 1000;
      while (performance.now() < end) {
        await new Promise((r) => setTimeout(r, 250));
        videos.forEach((v, i) => {
          const f = frameCount(v);
          if (f !== last[i]) {
            last[i] = f;
            since[i] = performance.now();
            stalled[i] = false;
          } else if (!stalled[i] && performance.now() - since[i]! >= 1000) {
            stalled[i] = true;
            count++;
          }
        });
      }
      return count;
    }, STALL_SECONDS);
    const heapEnd = await heap();
    results.push({
      name: 'live.wall9_stalls_60s',
      value: stalls,
      unit: 'stalls',
      target: 0,
      better: 'lower',
      extra: { seconds: STALL_SECONDS, heapStartMiB: +(heapStart / 2 ** 20).toFixed(1), heapEndMiB: +(heapEnd / 2 ** 20).toFixed(1) },
    });
  } finally {
    await browser.close();
    await serve.stop();
    await lab.dispose();
  }
  return results;
};

export default bench;
