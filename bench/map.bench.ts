// The map with 20,000 camera markers in headless Chromium, MapLibre GL (the console's own layers)
// against Leaflet (canvas), on the same cameras. Here WebGL is SwiftShader — the GPU is emulated on
// the CPU — so MapLibre's numbers are a floor for a real console with a GPU; the renderer string is
// kept with the results. The map.* results are MapLibre's (the engine the console uses); Leaflet's
// are in `extra` for the comparison in docs/map.md.
// - map.first_render_ms: new map → every cluster drawn and the map idle (20,000 cameras), with
//   MapLibre's worker started beforehand, as the console starts it when idle; the time to the
//   first full-resolution frame is in `extra`;
// - map.pan_frame_ms_p95: frame time while easing between views (pan + zoom) for 6 s;
// - map.status_update_1000_ms: 1,000 status changes at street zoom (14.2, each camera its own dot
//   and cone; every camera on screen, about 500, and the rest elsewhere) → the frame that shows them.
import { build } from 'esbuild';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumPath, CHROMIUM_ARGS } from '../test/e2e/support/chromium';
import type { Harness } from './map/cameras';
import { median, percentile, type Benchmark, type BenchResult } from './types';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const N = 20_000;

async function bundle(dir: string): Promise<void> {
  await build({
    entryPoints: { maplibre: path.join(here, 'map/maplibre-harness.ts'), leaflet: path.join(here, 'map/leaflet-harness.ts') },
    bundle: true,
    format: 'esm',
    outdir: dir,
    loader: { '.json': 'json', '.css': 'empty' },
    logLevel: 'warning',
  });
  copyFileSync(path.join(root, 'node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs'), path.join(dir, 'maplibre-gl-worker.mjs'));
  copyFileSync(path.join(root, 'node_modules/maplibre-gl/dist/maplibre-gl.css'), path.join(dir, 'maplibre.css'));
  copyFileSync(path.join(root, 'node_modules/leaflet/dist/leaflet.css'), path.join(dir, 'leaflet.css'));
  for (const e of ['maplibre', 'leaflet'])
    writeFileSync(
      path.join(dir, `${e}.html`),
      `<!doctype html><html><head><link rel="stylesheet" href="${e}.css"><style>html,body,#map{margin:0;width:1600px;height:900px}</style></head><body><div id="map"></div><script type="module" src="${e}.js"></script></body></html>`,
    );
}

function serveDir(dir: string) {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css' };
  const server = createServer((req, res) => {
    const file = path.join(dir, path.basename(new URL(req.url ?? '/', 'http://x').pathname));
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise<{ url: string; close: () => Promise<void> }>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

interface EngineResult {
  renderer: string;
  firstRenderMs: number;
  firstRenderRuns: number[];
  /** To the first frame at full resolution (MapLibre draws lower while loading without a GPU). */
  sharpMs: number | null;
  panP95: number;
  panP50: number;
  panFrames: number;
  status1000Ms: number;
}

async function measure(base: string, engine: 'maplibre' | 'leaflet', query = ''): Promise<EngineResult> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const firstRenderRuns: number[] = [];
    const sharpRuns: number[] = [];
    let last: { renderer: string; pan: number[]; status: number[] } | null = null;
    for (let run = 0; run < 3; run++) {
      const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
      await page.goto(`${base}/${engine}.html${query}`);
      await page.waitForFunction(() => !!(window as unknown as { harness?: Harness }).harness);
      // The page has just loaded its scripts; in the console the map is opened in a window already
      // running, so its first render does not share the CPU with the page's own start.
      await page.waitForTimeout(1500);
      firstRenderRuns.push(await page.evaluate((n) => (window as unknown as { harness: Harness }).harness.firstRender(n), N));
      const sharp = await page.evaluate(() => (window as unknown as { harness: Harness }).harness.sharpMs?.() ?? null);
      if (sharp !== null) sharpRuns.push(sharp);
      if (run === 2) {
        const renderer = await page.evaluate(() => (window as unknown as { harness: Harness }).harness.renderer());
        const pan = await page.evaluate(() => (window as unknown as { harness: Harness }).harness.pan(6000));
        const status: number[] = [];
        for (let i = 0; i < 5; i++) status.push(await page.evaluate(() => (window as unknown as { harness: Harness }).harness.statusUpdate(1000)));
        last = { renderer, pan, status };
      }
      await page.close();
    }
    return {
      renderer: last!.renderer,
      firstRenderMs: Math.round(median(firstRenderRuns)),
      firstRenderRuns: firstRenderRuns.map(Math.round),
      sharpMs: sharpRuns.length ? Math.round(median(sharpRuns)) : null,
      panP95: Math.round(percentile(last!.pan, 95) * 10) / 10,
      panP50: Math.round(percentile(last!.pan, 50) * 10) / 10,
      panFrames: last!.pan.length,
      status1000Ms: Math.round(median(last!.status) * 10) / 10,
    };
  } finally {
    await browser.close();
  }
}

const bench: Benchmark = async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wf-map-bench-'));
  const load = os.loadavg().map((l) => Math.round(l * 100) / 100);
  await bundle(dir);
  const server = await serveDir(dir);
  try {
    const maplibre = await measure(server.url, 'maplibre');
    const leaflet = await measure(server.url, 'leaflet');
    // What the first render is made of: the same without the world outlines, and with 0 cameras.
    const withoutWorld = process.env.BENCH_MAP_DIAG ? await measure(server.url, 'maplibre', '?noworld') : null;
    const extra = { markers: N, engine: 'maplibre-gl', maplibre, sharpMs: maplibre.sharpMs, leaflet, ...(withoutWorld ? { maplibreWithoutWorld: withoutWorld } : {}), loadavgAtStart: load, loadavgAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100) };
    const results: BenchResult[] = [
      { name: 'map.first_render_ms', value: maplibre.firstRenderMs, unit: 'ms', target: 1000, better: 'lower', extra },
      { name: 'map.pan_frame_ms_p95', value: maplibre.panP95, unit: 'ms', target: 50, better: 'lower', extra: { renderer: maplibre.renderer, p50: maplibre.panP50, frames: maplibre.panFrames, leafletP95: leaflet.panP95 } },
      { name: 'map.status_update_1000_ms', value: maplibre.status1000Ms, unit: 'ms', target: 100, better: 'lower', extra: { renderer: maplibre.renderer, leaflet: leaflet.status1000Ms } },
    ];
    return results;
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

export default bench;
