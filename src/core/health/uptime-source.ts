// Keeps the dashboard's uptime figures fresh without blocking the core: every few minutes a thread
// of its own reads the status log (uptime-worker.ts) and hands back the figures. Uptime over days
// moves slowly; a console never waits for it, and the event loop that relays live video never
// stops for the most of a second the query takes at 100,000 cameras.
//
// Where the thread's code is: from TypeScript sources (tests, tsx) uptime-worker.ts loaded through
// tsx, which the thread registers itself (Node 20 does not apply `--import` loaders to workers); in
// the built app out/main/uptime-worker.js (an input in electron.vite.config.ts).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../log/logger';
import { fromWire, type UptimeFigures, type UptimeProvider, type UptimeWire } from './uptime';

function workerScript(): { script: string; evalCode: boolean } | null {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    const tsxDir = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
    const tsxApi = pathToFileURL(path.join(tsxDir, 'dist/esm/api/index.mjs')).href;
    const entry = pathToFileURL(path.join(path.dirname(here), 'uptime-worker.ts')).href;
    return { script: `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`, evalCode: true };
  }
  for (const dir of [path.dirname(here), path.dirname(path.dirname(here))]) {
    const file = path.join(dir, 'uptime-worker.js');
    if (existsSync(file)) return { script: file, evalCode: false };
  }
  return null;
}

export interface UptimeSource extends UptimeProvider {
  /** Compute now (the first run, tests); resolves when the new figures are in. */
  refresh(): Promise<void>;
  /** How long the last computation took in its thread, end to end (benchmarks). */
  lastRunMs(): number | null;
  stop(): Promise<void>;
}

export function startUptimeSource(o: { databaseFile: string; log: Logger; everyMs?: number; now?: () => number }): UptimeSource {
  const now = o.now ?? Date.now;
  let latest: UptimeFigures | null = null;
  let running: Promise<void> | null = null;
  let current: Worker | null = null;
  let lastMs: number | null = null;
  let stopped = false;

  const run = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    running ??= new Promise<void>((resolve) => {
      const where = workerScript();
      if (!where) {
        o.log.error('uptime thread missing: the dashboard shows no uptime');
        return resolve();
      }
      const t0 = performance.now();
      const w = new Worker(where.script, { eval: where.evalCode, workerData: { databaseFile: o.databaseFile, at: now() }, name: 'uptime' });
      current = w;
      w.once('message', (m: { ok: true; wire: UptimeWire } | { ok: false; message: string }) => {
        if (m.ok) {
          latest = fromWire(m.wire);
          lastMs = performance.now() - t0;
        } else o.log.warn('uptime not computed', { error: m.message });
      });
      w.once('error', (err) => o.log.warn('uptime thread failed', { error: err.message }));
      w.once('exit', () => {
        current = null;
        running = null;
        resolve();
      });
    });
    return running;
  };

  const timer = setInterval(() => void run(), o.everyMs ?? 5 * 60_000);
  timer.unref();
  void run();

  return {
    latest: () => latest,
    refresh: () => (running ? running.then(run) : run()),
    lastRunMs: () => lastMs,
    async stop() {
      stopped = true;
      clearInterval(timer);
      const w = current as Worker | null;
      if (w) await w.terminate();
      await running;
    },
  };
}
