// Cold start of ONVIF cameras as an operator feels it, in headless Chromium against serve mode:
// camera put on an empty tile (Enter in the tree) → first frame presented, while the core has no
// relay for it (ffmpeg must start). Cameras are registered with their ONVIF address, so the core
// may ask for a keyframe (Media SetSynchronizationPoint) and knows the codec from the profile.
//
// - live.ttff_cold_ms_p50: live-encoded lab cameras that honour SetSynchronizationPoint, as the
//   encoders of real ONVIF cameras do: the cold first frame, measured as in the field.
//   A real camera encodes all the time, so a client lands anywhere in its GOP: each camera's
//   encoder is kept running by a "keeper" (an ffmpeg reading its main stream, as an NVR would);
//   without one the lab would start a fresh encoder, with an IDR, for every cold start.
// - live.ttff_cold_looped_ms_p50: looped-clip cameras (their keyframes are baked into the file and
//   cannot be forced; the random GOP phase is kept by the lab): only the probe saving shows here.
//
// Same camera again only after its relay has stopped (5 s grace + margin). A random pause before
// each sample spreads the samples over the 2 s GOP.
import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Page } from 'playwright-core';
import { startLab } from '../src/sim/lab';
import type { SimCameraInfo } from '../src/sim/types';
import { TestApi } from '../test/e2e/support/api';
import { chromiumPath, CHROMIUM_ARGS } from '../test/e2e/support/chromium';
import { ADMIN, startServe } from '../test/e2e/support/serve';
import { timeToFirstFrame } from './support/first-frame';
import { median, percentile, type Benchmark, type BenchResult } from './types';

const SAMPLES = Number(process.env.BENCH_COLD_SAMPLES ?? 10);
const RELAY_GONE_MS = 7000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Keeps a lab camera's main encoder running, as a real camera's always is. */
function keeper(cam: SimCameraInfo): ChildProcess {
  const u = new URL(cam.rtspMain);
  u.username = cam.username;
  u.password = cam.password;
  return spawn('ffmpeg', ['-nostdin', '-loglevel', 'quiet', '-rtsp_transport', 'tcp', '-i', u.href, '-c', 'copy', '-f', 'null', '-'], { stdio: 'ignore' });
}

async function clearTile(page: Page): Promise<void> {
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('1');
  await page.keyboard.press('Delete');
  await page.locator('[data-tile="1"][data-state="empty"]').waitFor();
}

async function sampleCold(page: Page, cams: { id: string; name: string }[]): Promise<number[]> {
  const lastUsed = new Map<string, number>();
  const out: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const cam = cams[i % cams.length]!;
    const wait = (lastUsed.get(cam.id) ?? 0) + RELAY_GONE_MS - Date.now();
    if (wait > 0) await sleep(wait);
    await sleep(Math.random() * 2000);
    out.push(await timeToFirstFrame(page, 1, cam.id, cam.name));
    await clearTile(page);
    lastUsed.set(cam.id, Date.now());
  }
  return out;
}

const bench: Benchmark = async () => {
  const lab = await startLab({
    cameras: [
      { name: 'Cold live 1', variant: 'ptz', live: true },
      { name: 'Cold live 2', variant: 'fixed', live: true },
      { name: 'Cold looped 1', variant: 'fixed' },
      { name: 'Cold looped 2', variant: 'fixed' },
    ],
    discoveryPort: false,
  });
  const keepers = lab.cameras.filter((c) => c.live).map(keeper);
  const serve = await startServe({ env: { WATCHFLOOR_LOG: process.env.BENCH_LOG ?? 'warn' } });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const api = await TestApi.connect(serve.url);
    const area = await api.call('register.createArea', { parentId: null, name: 'Bench', kind: 'ward' });
    const point = await api.call('register.createPoint', { areaId: area.id, name: 'Bench point' });
    const registered = [];
    for (const c of lab.cameras) {
      const cam = await api.call('register.createCamera', {
        pointId: point.id,
        name: c.name,
        onvifUrl: c.onvif,
        rtspMain: c.rtspMain,
        rtspSub: c.rtspSub,
        username: c.username,
        password: c.password,
        preferredStream: 'main',
      });
      registered.push({ ...cam, live: c.live });
    }
    api.close();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    await page.addInitScript('window.__name = (f) => f');
    const origin = new URL(serve.url).origin;
    const signedIn = await page.request.post(`${origin}/api/http/session.signIn`, { data: ADMIN, headers: { Origin: origin } });
    if (!((await signedIn.json()) as { ok: boolean }).ok) throw new Error('bench sign-in failed');
    await page.goto(`${serve.url}#/wall`);
    await page.getByRole('combobox', { name: 'Layout' }).selectOption('1');
    await sleep(2000); // keepers connected, encoders running at their own GOP phase
    const live = await sampleCold(page, registered.filter((c) => c.live));
    const looped = await sampleCold(page, registered.filter((c) => !c.live));
    const r = (v: number) => Math.round(v);
    const result = (name: string, v: number[], what: string): BenchResult => ({
      name,
      value: r(median(v)),
      unit: 'ms',
      target: 1000,
      better: 'lower',
      extra: { samples: v.map(r), p90: r(percentile(v, 90)), what },
    });
    return [
      result('live.ttff_cold_ms_p50', live, 'live-encoded ONVIF lab cameras kept encoding by another client; GOP 2 s'),
      result('live.ttff_cold_looped_ms_p50', looped, 'looped-clip ONVIF lab cameras (keyframes cannot be forced); GOP 2 s'),
    ];
  } finally {
    if (process.env.BENCH_LOG) process.stderr.write(serve.stderr());
    await browser.close();
    await serve.stop();
    for (const k of keepers) k.kill('SIGTERM');
    await lab.dispose();
  }
};

export default bench;
