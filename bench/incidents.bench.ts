// The incident log on a seeded store of a million incidents (SQLite file, WAL), through the real
// dispatcher (validation, permission, scope, audit):
// - incidents.search_ms_p95: filtered list plus full-text search, first page (50), a mix of common
//   and rare words, filters and scopes (target ≤ 20 ms);
// - incidents.create_ms_p50: creating an incident with a snapshot attached (target ≤ 10 ms).
// The seed runs in a worker thread (bench/support/seed-worker.ts). BENCH_INCIDENTS=n for fewer rows.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createCore } from '../src/core/core';
import type { SeedRegister } from '../src/core/incidents/seed';
import { median, percentile, type Benchmark, type BenchResult } from './types';

const COUNT = Number(process.env.BENCH_INCIDENTS ?? 1_000_000);
const ADMIN = { username: 'admin', password: 'bench-admin-password' };
const SOURCE = { address: '127.0.0.1', local: true };

function seed(dataDir: string): Promise<{ register: SeedRegister; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    // Node 20 does not pass tsx's loader to a thread: the thread registers it itself (as the audit worker does).
    const tsxDir = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
    const tsxApi = pathToFileURL(path.join(tsxDir, 'dist/esm/api/index.mjs')).href;
    const entry = pathToFileURL(fileURLToPath(new URL('./support/seed-worker.ts', import.meta.url))).href;
    const script = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
    const w = new Worker(script, { eval: true, workerData: { dataDir, count: COUNT, days: 3 * 365 } });
    let last = 0;
    w.on('message', (m: { progress?: number; done?: boolean; register?: SeedRegister }) => {
      if (m.progress && m.progress - last >= 100_000) {
        last = m.progress;
        process.stderr.write(`  seeded ${m.progress}\n`);
      }
      if (m.done) resolve({ register: m.register!, ms: performance.now() - t0 });
    });
    w.on('error', reject);
  });
}

const bench: Benchmark = async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'wf-bench-incidents-'));
  try {
    const { register, ms: seedMs } = await seed(dataDir);
    const core = await createCore({ dataDir, shell: 'serve', initialAdmin: ADMIN, checkOutputs: false });
    try {
      const admin = (await core.services.auth.signIn(ADMIN.username, ADMIN.password, SOURCE)).principal;
      const ward = register.areas[2]!; // Quận 1 → Phường 1
      await core.dispatcher.call(
        'users.save',
        { username: 'phuong1', displayName: 'Phường 1', role: 'officer', scopes: [ward], password: 'bench-ward-password' },
        { principal: admin, source: SOURCE },
      );
      const scoped = (await core.services.auth.signIn('phuong1', 'bench-ward-password', SOURCE)).principal;
      const call = async (p: typeof admin, method: string, input: unknown) => {
        const r = await core.dispatcher.call(method, input, { principal: p, source: SOURCE });
        if (!r.ok) throw new Error(`${method}: ${JSON.stringify(r.error)}`);
        return r.value;
      };
      const cam = register.points[7]!.cameras[0]!.id;
      const week = Date.now() - 7 * 86_400_000;
      // The mix an officer's day has: common words (most rows), rare ones (a plate), filters alone,
      // filters with words, a scoped account, paging past the first page is not timed.
      const mix: { name: string; p: typeof admin; q: Record<string, unknown> }[] = [
        { name: 'all', p: admin, q: {} },
        { name: 'common word', p: admin, q: { text: 'xe may' } },
        { name: 'street, no accents', p: admin, q: { text: 'nguyen hue' } },
        { name: 'prefix while typing', p: admin, q: { text: 'cay kh' } },
        { name: 'rare plate', p: admin, q: { text: '51A1-234' } },
        { name: 'common word + status new', p: admin, q: { text: 'duong', statuses: ['new'] } },
        { name: 'category + status', p: admin, q: { categoryIds: ['fire'], statuses: ['in_progress', 'new'] } },
        { name: 'area (district) + word', p: admin, q: { areaId: register.areas[1], text: 'trom cap' } },
        { name: 'camera', p: admin, q: { cameraId: cam } },
        { name: 'camera + word', p: admin, q: { cameraId: cam, text: 'xe' } },
        { name: 'last week + category', p: admin, q: { from: week, categoryIds: ['trafficaccident'] } },
        { name: 'assignee + open', p: admin, q: { assigneeId: register.users[3], statuses: ['new', 'in_progress'] } },
        { name: 'unassigned critical', p: admin, q: { assigneeId: 'none', severities: ['critical'] } },
        { name: 'scoped: all', p: scoped, q: {} },
        { name: 'scoped: word + status', p: scoped, q: { text: 'le loi', statuses: ['closed'] } },
      ];
      for (const m of mix) await call(m.p, 'incidents.list', { ...m.q, limit: 50 }); // warm-up
      const times: number[] = [];
      const byName = new Map<string, number[]>();
      for (let i = 0; i < 40; i++) {
        for (const m of mix) {
          const t0 = performance.now();
          await call(m.p, 'incidents.list', { ...m.q, limit: 50 });
          const ms = performance.now() - t0;
          times.push(ms);
          byName.set(m.name, [...(byName.get(m.name) ?? []), ms]);
        }
      }
      const worst = [...byName]
        .map(([name, v]) => ({ name, p95: Math.round(percentile(v, 95) * 100) / 100 }))
        .sort((a, b) => b.p95 - a.p95)
        .slice(0, 5);

      // Create with a snapshot: the still is staged first (as the tile's dialog does), then timed.
      const jpeg = spawnSync(
        'ffmpeg',
        [
          '-hide_banner',
          '-loglevel',
          'error',
          '-f',
          'lavfi',
          '-i',
          'testsrc=size=1280x720:rate=1',
          '-frames:v',
          '1',
          '-c:v',
          'mjpeg',
          '-f',
          'image2pipe',
          'pipe:1',
        ],
        { maxBuffer: 16 << 20 },
      ).stdout;
      const creates: number[] = [];
      const services: number[] = [];
      for (let i = 0; i < 150; i++) {
        const staged = await core.services.incidentFiles.stageSnapshot(admin, cam, 'Camera', {
          jpeg,
          width: 1280,
          height: 720,
          source: 'relay',
          takenAt: Date.now(),
        });
        const t0 = performance.now();
        await call(admin, 'incidents.create', {
          title: `Vụ việc thử ${i} trên đường Nguyễn Huệ`,
          description: 'Mô tả ngắn',
          cameraIds: [cam],
          attachments: [staged.id],
          categoryId: 'publicorder',
        });
        creates.push(performance.now() - t0);
        const staged2 = await core.services.incidentFiles.stageSnapshot(admin, cam, 'Camera', {
          jpeg,
          width: 1280,
          height: 720,
          source: 'relay',
          takenAt: Date.now(),
        });
        const t1 = performance.now();
        await core.services.incidents.create(admin, {
          title: `Vụ việc thử ${i}b`,
          description: '',
          cameraIds: [cam],
          attachments: [staged2.id],
          categoryId: 'publicorder',
          severity: 'medium',
          areaId: null,
          pointId: null,
          lat: null,
          lon: null,
          people: '',
          vehicles: [],
          assigneeId: null,
          units: [],
        });
        services.push(performance.now() - t1);
      }
      const load = os.loadavg()[0]!.toFixed(1);
      return [
        {
          name: 'incidents.search_ms_p95',
          value: Math.round(percentile(times, 95) * 100) / 100,
          unit: 'ms',
          target: 20,
          better: 'lower',
          extra: {
            incidents: COUNT,
            queries: times.length,
            p50: Math.round(median(times) * 100) / 100,
            worstKinds: worst,
            seedSeconds: Math.round(seedMs / 1000),
            loadAvg: load,
          },
        },
        {
          name: 'incidents.create_ms_p50',
          value: Math.round(median(creates) * 100) / 100,
          unit: 'ms',
          target: 10,
          better: 'lower',
          extra: {
            incidents: COUNT,
            runs: creates.length,
            p95: Math.round(percentile(creates, 95) * 100) / 100,
            serviceOnlyP50: Math.round(median(services) * 100) / 100,
            note: 'dispatcher call incl. validation, scope, durable audit entry; snapshot staged beforehand',
            loadAvg: load,
          },
        },
      ] satisfies BenchResult[];
    } finally {
      await core.dispose();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
};

export default bench;
