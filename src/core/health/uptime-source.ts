// Keeps the dashboard's uptime figures fresh without blocking the core: every few minutes a thread
// of its own reads the status log (uptime-worker.ts) and hands back the figures. Uptime over days
// moves slowly; a console never waits for it, and the event loop that relays live video never
// stops for the most of a second the query takes at 100,000 cameras.
import { Worker } from 'node:worker_threads';
import type { Logger } from '../log/logger';
import { workerScript } from '../workers/worker-script';
import { fromWire, type UptimeFigures, type UptimeProvider, type UptimeWire } from './uptime';

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
      const where = workerScript(import.meta.url, 'uptime-worker');
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

  // Nothing at start-up: the first ask of the dashboard starts the thread (the page asks again
  // until the figures are in), and only then does it come back every few minutes.
  let timer: NodeJS.Timeout | null = null;
  const begin = () => {
    if (timer || stopped) return;
    timer = setInterval(() => void run(), o.everyMs ?? 5 * 60_000);
    timer.unref();
    void run();
  };

  return {
    latest: () => {
      begin();
      return latest;
    },
    refresh: () => {
      // The first ask starts a computation of its own; later ones wait for a new one.
      if (!timer) {
        begin();
        return running ?? Promise.resolve();
      }
      return running ? running.then(run) : run();
    },
    lastRunMs: () => lastMs,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      const w = current as Worker | null;
      if (w) await w.terminate();
      await running;
    },
  };
}
