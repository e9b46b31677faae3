// live.soak_1h: the console's 3x3 wall of sub streams left running, as on a shift. Serve mode (the
// real core process) and the real UI in Chromium, lab cameras. Reports stalls (a tile that
// presented no new frame for ≥ 1 s), page heap (after a full GC), DOM nodes, listeners and core
// memory every five minutes, and, after the
// page is closed, what is left: ffmpeg children and the core's open sockets.
//
// BENCH_SOAK_SECONDS (default 3600) shortens it: `BENCH_SOAK_SECONDS=300 npx tsx bench/run.ts soak`.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startLab } from '../src/sim/lab';
import { registerCameras, TestApi } from '../test/e2e/support/api';
import { chromiumPath, CHROMIUM_ARGS } from '../test/e2e/support/chromium';
import { ADMIN, startServe } from '../test/e2e/support/serve';
import type { Benchmark } from './types';

const SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 3600);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mib = (n: number) => +(n / 2 ** 20).toFixed(1);

function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

function children(pid: number): number {
  let n = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]) === pid) n++;
    } catch {
      // gone meanwhile
    }
  }
  return n;
}

function sockets(pid: number): number {
  let n = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) n++;
    } catch {
      // closed meanwhile
    }
  }
  return n;
}

const bench: Benchmark = async () => {
  const lab = await startLab({ cameras: Array.from({ length: 9 }, (_, i) => ({ name: `Soak ${i + 1}`, variant: 'fixed' as const })), discoveryPort: false });
  const serve = await startServe({ env: { WATCHFLOOR_LOG: 'warn' } });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'] });
  try {
    const api = await TestApi.connect(serve.url);
    const cams = await registerCameras(api, lab.cameras.map((c) => ({ name: c.name, rtspMain: c.rtspMain, rtspSub: c.rtspSub, username: c.username, password: c.password })));
    api.close();
    const pid = serve.child.pid!;
    const socketsBefore = sockets(pid);
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, locale: 'en-GB' });
    await page.addInitScript('window.__name = (f) => f');
    const u = new URL(serve.url);
    await page.request.post(new URL('/api/http/session.signIn', u).toString(), { data: ADMIN, headers: { Origin: u.origin } });
    await page.goto(`${serve.url}#/wall`);
    await page.getByRole('combobox', { name: 'Layout' }).selectOption('3x3');
    for (let i = 0; i < 9; i++) {
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press(String(i + 1));
      await page.getByRole('tree', { name: 'Cameras' }).getByRole('treeitem', { name: cams[i]!.name, exact: true }).press('Enter');
    }
    await page.waitForFunction(() => document.querySelectorAll('[data-tile][data-state="live"]').length === 9, null, { timeout: 60_000 });
    await sleep(5000);
    // Memory after a full garbage collection (what is held, not what is waiting to be freed), with
    // the page's DOM nodes and listeners: a leak shows as a steady climb across the samples.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const memory = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const m = (n: string) => metrics.find((x) => x.name === n)?.value ?? 0;
      return { heap: m('JSHeapUsedSize'), nodes: m('Nodes'), listeners: m('JSEventListeners'), core: rssBytes(pid) };
    };
    const path = await page.locator('[data-tile] [data-picture]').first().evaluate((el) => el.tagName.toLowerCase());
    const first = await memory();
    const start = { heap: first.heap, core: first.core, ffmpeg: children(pid) };
    const samples: { atS: number; heapMiB: number; coreMiB: number; nodes: number; listeners: number }[] = [];
    const sample = (atS: number, m: Awaited<ReturnType<typeof memory>>) => samples.push({ atS, heapMiB: mib(m.heap), coreMiB: mib(m.core), nodes: m.nodes, listeners: m.listeners });
    sample(0, first);
    // The watcher runs in the page; this side only samples memory every five minutes meanwhile.
    await page.evaluate(() => {
      const count = (el: Element) => ('getVideoPlaybackQuality' in el ? (el as HTMLVideoElement).getVideoPlaybackQuality().totalVideoFrames : Number((el as HTMLElement).dataset.frames ?? 0));
      const pictures = () => [...document.querySelectorAll('[data-tile] [data-picture]')];
      const w = window as unknown as { __soak: { stalls: number; on: boolean } };
      w.__soak = { stalls: 0, on: true };
      let last = pictures().map(count);
      const since = last.map(() => performance.now());
      const stalled = last.map(() => false);
      const tick = () => {
        if (!w.__soak.on) return;
        // The element may change (a recreated player, a fallback): read afresh each time.
        const now = pictures().map(count);
        now.forEach((f, i) => {
          if (f !== last[i]) {
            since[i] = performance.now();
            stalled[i] = false;
          } else if (!stalled[i] && performance.now() - since[i]! >= 1000) {
            stalled[i] = true;
            w.__soak.stalls++;
          }
        });
        last = now;
        setTimeout(tick, 250);
      };
      setTimeout(tick, 250);
    });
    const began = Date.now();
    const until = began + SECONDS * 1000;
    while (Date.now() < until) {
      await sleep(Math.min(300_000, until - Date.now()));
      if (Date.now() < until) sample(Math.round((Date.now() - began) / 1000), await memory());
    }
    const stalls = await page.evaluate(() => {
      const w = window as unknown as { __soak: { stalls: number; on: boolean } };
      w.__soak.on = false;
      return w.__soak.stalls;
    });
    const last = await memory();
    sample(SECONDS, last);
    const end = { heap: last.heap, core: last.core, ffmpeg: children(pid) };
    await page.close();
    await sleep(8000); // the relays' grace period
    const left = { ffmpeg: children(pid), sockets: sockets(pid) - socketsBefore };
    return [
      {
        name: 'live.soak_1h',
        value: stalls,
        unit: 'stalls',
        target: 0,
        better: 'lower',
        extra: {
          seconds: SECONDS,
          note: SECONDS < 3600 ? `shortened run (${SECONDS} s), BENCH_SOAK_SECONDS` : 'full hour',
          picture: path === 'canvas' ? 'webcodecs' : 'mse',
          pageHeapMiB: [mib(start.heap), mib(end.heap)],
          coreRssMiB: [mib(start.core), mib(end.core)],
          samples,
          ffmpegWhileWatching: [start.ffmpeg, end.ffmpeg],
          ffmpegLeftAfterClose: left.ffmpeg,
          coreSocketsLeftAfterClose: left.sockets,
        },
      },
    ];
  } finally {
    await browser.close();
    await serve.stop();
    await lab.dispose();
  }
};

export default bench;
