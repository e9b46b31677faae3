// alarms.sustained_per_s: alarms per second the console absorbs while its UI stays responsive.
// Real parts end to end: lab cameras raise ONVIF events (motion and tampering, off→on = one alarm),
// serve mode's pull-point subscriptions bring them in, the queue coalesces them (one row per
// camera and kind), events reach a Chromium page showing the wall with the alarm drawer open.
// Rates step up for STEP_S seconds each; a rate is sustained when the core has counted every alarm
// raised (read back through the API) and the page had no main-thread long task (≥ 50 ms).
import { chromium } from 'playwright-core';
import os from 'node:os';
import { startLab } from '../src/sim/lab';
import { CHROMIUM_ARGS, chromiumPath } from '../test/e2e/support/chromium';
import { TestApi } from '../test/e2e/support/api';
import { signIn } from '../test/e2e/support/fixtures';
import { startServe } from '../test/e2e/support/serve';
import type { Benchmark, BenchResult } from './types';

const CAMERAS = Number(process.env.BENCH_ALARM_CAMERAS ?? 40);
const STEP_S = Number(process.env.BENCH_ALARM_STEP_S ?? 10);
const RATES = (process.env.BENCH_ALARM_RATES ?? '0,100,200,400,800').split(',').map(Number);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const bench: Benchmark = async () => {
  // ONVIF only ('dead' cameras have no RTSP): nothing but events costs CPU here.
  const lab = await startLab({
    cameras: Array.from({ length: CAMERAS }, (_, i) => ({ name: `Alarm ${String(i + 1).padStart(2, '0')}`, variant: 'dead' as const })),
    discoveryPort: false,
  });
  const serve = await startServe({ env: { WATCHFLOOR_LOG: 'warn' } });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const api = await TestApi.connect(serve.url);
    const city = await api.call('register.createArea', { parentId: null, name: 'TP', kind: 'city' });
    const point = await api.call('register.createPoint', { areaId: city.id, name: 'Điểm' });
    for (const c of lab.cameras)
      await api.call('register.createCamera', { pointId: point.id, name: c.name, onvifUrl: c.onvif, username: c.username, password: c.password });
    const counted = async () => (await api.call('alarms.queue', {})).alarms.reduce((n, a) => n + a.count, 0);
    // Every camera's subscription is up once each has brought one alarm in (an event raised before
    // its subscription exists is lost, as at a real camera: raise again until each row is there).
    for (let i = 0; i < 60 && (await api.call('alarms.queue', {})).alarms.length < CAMERAS; i++) {
      for (const c of lab.cameras) {
        lab.camera(c.name).raiseMotion(false);
        lab.camera(c.name).raiseMotion(true);
      }
      await sleep(1000);
    }
    await sleep(1000);
    if ((await api.call('alarms.queue', {})).alarms.length < CAMERAS) throw new Error(`not every camera subscribed`);
    let raised = await counted();

    const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'en-GB' });
    await page.addInitScript('window.__name = (f) => f');
    await signIn(page, serve.url);
    await page.goto(`${serve.url}#/wall`);
    await page.locator('.alarm-bell').click();
    await page.getByRole('complementary', { name: 'Alarm queue' }).waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { __long: number[] };
      w.__long = [];
      new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__long.push(e.duration))).observe({ type: 'longtask', buffered: false });
    });

    const steps: { rate: number; raised: number; counted: number; longTasks: number; maxLongMs: number }[] = [];
    const kinds = ['motion', 'tampering'] as const;
    let sustained = 0;
    for (const rate of RATES) {
      await page.evaluate(() => ((window as unknown as { __long: number[] }).__long = []));
      const perTick = rate / 20;
      let carry = 0;
      let n = 0;
      const end = Date.now() + STEP_S * 1000;
      let next = Date.now();
      while (Date.now() < end) {
        carry += perTick;
        for (; carry >= 1; carry--, n++) {
          const cam = lab.camera(lab.cameras[n % CAMERAS]!.name);
          // off then on: one new alarm (the queue counts it into the camera's row).
          if (kinds[Math.floor(n / CAMERAS) % 2] === 'motion') {
            cam.raiseMotion(false);
            cam.raiseMotion(true);
          } else {
            cam.raiseTampering(false);
            cam.raiseTampering(true);
          }
        }
        next += 50;
        await sleep(Math.max(0, next - Date.now()));
      }
      raised += n;
      let got = 0;
      for (let i = 0; i < 20; i++) {
        got = await counted();
        if (got >= raised) break;
        await sleep(250);
      }
      const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
      steps.push({ rate, raised: n, counted: got - (raised - n), longTasks: long.length, maxLongMs: Math.round(Math.max(0, ...long)) });
      process.stderr.write(`  ${rate}/s: ${JSON.stringify(steps[steps.length - 1])}\n`);
      // Rate 0 is the page's own baseline on this (shared, loaded) machine: reported, not judged.
      if (rate === 0) continue;
      if (got < raised * 0.999 || long.length > 0) break;
      sustained = rate;
    }
    api.close();
    return [
      {
        name: 'alarms.sustained_per_s',
        value: sustained,
        unit: 'alarms/s',
        target: 200,
        better: 'higher',
        extra: {
          cameras: CAMERAS,
          stepSeconds: STEP_S,
          steps,
          loadAvg: os.loadavg()[0]!.toFixed(1),
          note: 'ONVIF pull-point events from the lab → serve core → Chromium wall with the alarm drawer open',
        },
      },
    ] satisfies BenchResult[];
  } finally {
    await browser.close();
    await serve.stop();
    await lab.dispose();
  }
};

export default bench;
