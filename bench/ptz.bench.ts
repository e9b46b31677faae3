// PTZ and onboarding as the operator and the technician meet them, against serve mode and the
// camera lab on 127.0.0.1:
//  ptz.command_rtt_ms_p50 — an arrow key pressed in the real UI in Chromium (an open PTZ panel) →
//                           the action → ptz.move over the API socket → the core (lock, audit,
//                           ContinuousMove to the lab camera) → the camera's answer → the result
//                           back in the page. Timed in the page: keydown to the result message.
//  onvif.onboard_16_s     — discover 16 lab cameras (WS-Discovery probe + range scan of their
//                           ports) and bulk-add them all, through the API, until every row answered.
import { chromium } from 'playwright-core';
import { startLab } from '../src/sim/lab';
import { TestApi } from '../test/e2e/support/api';
import { chromiumPath, CHROMIUM_ARGS } from '../test/e2e/support/chromium';
import { ADMIN, startServe } from '../test/e2e/support/serve';
import { median, percentile, type Benchmark, type BenchResult } from './types';

const SAMPLES = Number(process.env.BENCH_PTZ_SAMPLES ?? 40);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Patches the page's WebSocket to time a key press to the result of the ptz.move it causes. */
const PROBE = `
  window.__name = (f) => f;
  const send = WebSocket.prototype.send;
  window.__ptz = { waiting: null, keyAt: 0, samples: [] };
  document.addEventListener('keydown', (e) => { if (e.key.startsWith('Arrow') && !e.repeat) window.__ptz.keyAt = performance.now(); }, true);
  WebSocket.prototype.send = function (data) {
    try {
      const m = JSON.parse(data);
      if (m.kind === 'call' && m.method === 'ptz.move') window.__ptz.waiting = m.id;
    } catch {}
    if (!this.__ptzListening) {
      this.__ptzListening = true;
      this.addEventListener('message', (ev) => {
        try {
          const m = JSON.parse(ev.data);
          if (m.kind === 'result' && m.id === window.__ptz.waiting) {
            window.__ptz.samples.push({ ms: performance.now() - window.__ptz.keyAt, ok: m.ok });
            window.__ptz.waiting = null;
          }
        } catch {}
      });
    }
    return send.call(this, data);
  };
`;

async function onboard16(): Promise<BenchResult> {
  const lab = await startLab({ cameras: Array.from({ length: 16 }, (_, i) => ({ name: `Bench ONVIF ${String(i + 1).padStart(2, '0')}`, variant: i % 2 ? ('fixed' as const) : ('ptz' as const), live: false })), discoveryPort: 0 });
  const serve = await startServe({ env: { WATCHFLOOR_LOG: 'warn' } });
  try {
    const api = await TestApi.connect(serve.url);
    const area = await api.call('register.createArea', { parentId: null, name: 'Bench', kind: 'ward' });
    const point = await api.call('register.createPoint', { areaId: area.id, name: 'Bench point' });
    const creds = { username: lab.cameras[0]!.username, password: lab.cameras[0]!.password };
    const t0 = performance.now();
    const { jobId } = await api.call('onboarding.discover', {
      probe: true,
      probeTarget: { address: '127.0.0.1', port: lab.discoveryPort! },
      range: { from: '127.0.0.1', to: '127.0.0.1' },
      ports: lab.cameras.map((c) => c.onvifPort),
      credentials: creds,
    });
    let job = await api.call('onboarding.job', { jobId });
    while (job.state === 'running') {
      await sleep(50);
      job = await api.call('onboarding.job', { jobId });
    }
    const discoveredMs = performance.now() - t0;
    const added = await api.call('onboarding.bulkAdd', { ...creds, pointId: point.id, devices: job.devices.map((d) => ({ address: d.deviceUrl, name: d.name ?? undefined, endpoint: d.endpoint })) });
    const seconds = (performance.now() - t0) / 1000;
    api.close();
    const ok = added.results.filter((r) => r.ok).length;
    if (job.devices.length !== 16 || ok !== 16) throw new Error(`found ${job.devices.length}, added ${ok} of 16`);
    return {
      name: 'onvif.onboard_16_s',
      value: Math.round(seconds * 100) / 100,
      unit: 's',
      target: 10,
      better: 'lower',
      extra: { discoverMs: Math.round(discoveredMs), bulkAddMs: Math.round(seconds * 1000 - discoveredMs), found: job.devices.length, added: ok, probeListenMs: 3000 },
    };
  } finally {
    await serve.stop();
    await lab.dispose();
  }
}

async function commandRtt(): Promise<BenchResult> {
  const lab = await startLab({ cameras: [{ name: 'Bench vòm PTZ', variant: 'ptz', live: false }], discoveryPort: false });
  const serve = await startServe({ env: { WATCHFLOOR_LOG: 'warn' } });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const c = lab.cameras[0]!;
    const api = await TestApi.connect(serve.url);
    const area = await api.call('register.createArea', { parentId: null, name: 'Bench', kind: 'ward' });
    const point = await api.call('register.createPoint', { areaId: area.id, name: 'Bench point' });
    const cam = await api.call('onboarding.add', { address: c.onvif, username: c.username, password: c.password, name: c.name, pointId: point.id });
    api.close();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    await page.addInitScript(PROBE);
    const origin = new URL(serve.url).origin;
    await page.request.post(`${origin}/api/http/session.signIn`, { data: ADMIN, headers: { Origin: origin } });
    await page.goto(`${serve.url}#/wall?camera=${cam.id}`);
    const tile = page.getByRole('region', { name: c.name });
    await tile.waitFor();
    await tile.dblclick({ position: { x: 200, y: 40 } }); // maximise: the PTZ panel opens
    await page.getByRole('group', { name: `PTZ controls for ${c.name}` }).waitFor();
    const samples = () => page.evaluate(() => (window as unknown as { __ptz: { samples: { ms: number; ok: boolean }[] } }).__ptz.samples);
    for (let i = 0; i < SAMPLES + 5; i++) {
      const key = i % 2 ? 'ArrowLeft' : 'ArrowRight';
      const n = (await samples()).length;
      await page.keyboard.down(key);
      for (let w = 0; w < 200 && (await samples()).length === n; w++) await sleep(5);
      await page.keyboard.up(key);
      await sleep(150 + Math.random() * 100); // the Stop goes out; the camera settles
    }
    const all = await samples();
    if (all.some((s) => !s.ok)) throw new Error('a ptz.move was refused');
    const rtt = all.slice(5).map((s) => s.ms); // the first few warm up the JIT and the sockets
    const r = (v: number) => Math.round(v * 10) / 10;
    return {
      name: 'ptz.command_rtt_ms_p50',
      value: r(median(rtt)),
      unit: 'ms',
      target: 50,
      better: 'lower',
      extra: {
        samples: rtt.length,
        p95: r(percentile(rtt, 95)),
        max: r(Math.max(...rtt)),
        what: 'arrow key down in Chromium (PTZ panel open) → action → ptz.move over the API socket → core → lab camera ContinuousMove answer → result in the page',
      },
    };
  } finally {
    await browser.close();
    await serve.stop();
    await lab.dispose();
  }
}

const bench: Benchmark = async () => [await commandRtt(), await onboard16()];

export default bench;
