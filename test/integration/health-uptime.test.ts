// Uptime on a seeded status history, against figures worked out by hand (a real core, its SQLite
// file, the register's status log as the monitor leaves it). Known time counts working, offline and
// awaiting repair; unknown and decommissioned time count for nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthDashboardBuilder } from '../../src/core/health/dashboard';
import { inProcessUptime } from '../../src/core/health/uptime';
import { startUptimeSource } from '../../src/core/health/uptime-source';
import { createLogger } from '../../src/core/log/logger';
import { RepairRepository } from '../../src/core/repair/repair-repository';
import { bookCore, twoWards, type BookCore } from './support/book-core';

const H = 3_600_000;
const D = 24 * H;
const T = Date.UTC(2026, 10, 20, 12, 0, 0);
let b: BookCore;
let reg: Awaited<ReturnType<typeof twoWards>>;

beforeAll(async () => {
  b = await bookCore({ health: false });
  reg = await twoWards(b, [
    { ward: 2, name: 'Cầu 1' },
    { ward: 2, name: 'Cầu 2' },
  ]);
  const [x, y] = reg.cams.map((c) => c.id);
  const db = b.core.services.db;
  db.prepare('DELETE FROM camera_status_log').run();
  const put = db.prepare('INSERT INTO camera_status_log(camera_id, at, status) VALUES (?, ?, ?)');
  // Camera 1 (by hand, last 7 days): working 1 d, offline 1 d, working 3 d, awaiting repair 12 h,
  // working 1 d, unknown 12 h. Up 5 d of 6.5 d known = 10/13.
  // Last 30 days: nothing known before T−10 d; up 4 + 3 + 1 = 8 d of 9.5 d = 16/19.
  for (const [at, s] of [
    [T - 10 * D, 'working'],
    [T - 6 * D, 'offline'],
    [T - 5 * D, 'working'],
    [T - 2 * D, 'awaiting_repair'],
    [T - 1.5 * D, 'working'],
    [T - 0.5 * D, 'unknown'],
  ] as const)
    put.run(x, at, s);
  // Camera 2: working since 40 days ago, decommissioned for the last 2 days (not counted).
  put.run(y, T - 40 * D, 'working');
  put.run(y, T - 2 * D, 'decommissioned');
});
afterAll(async () => b?.dispose());

describe('uptime on a seeded history', () => {
  it('per camera and per area over 7 and 30 days equals the figures worked by hand', () => {
    const s = b.core.services;
    const [x, y] = reg.cams.map((c) => c.id);
    const d7 = new Map(s.healthRepo.uptime(T - 7 * D, T).map((r) => [r.id, r]));
    expect(d7.get(x!)).toEqual({ id: x, up: 5 * D, known: 6.5 * D });
    expect(d7.get(y!)).toEqual({ id: y, up: 5 * D, known: 5 * D });
    const dash = new HealthDashboardBuilder({ repo: s.healthRepo, repairRepo: new RepairRepository(s.db), repair: s.repair, health: s.health, monitor: null, uptime: inProcessUptime(s.healthRepo, () => T), now: () => T }).build(null);
    const cam = dash.uptimeCameras.find((c) => c.cameraId === x)!;
    expect(cam.uptime.d7).toBeCloseTo(10 / 13, 10);
    expect(cam.uptime.d30).toBeCloseTo(16 / 19, 10);
    // Camera 2 was never down: not among the least available.
    expect(dash.uptimeCameras.map((c) => c.cameraId)).toEqual([x]);
    // The area: 7 d (5 + 5) / (6.5 + 5) = 20/23; 30 d (8 + 28) / (9.5 + 28) = 72/75.
    const area = dash.areas.find((a) => a.areaId === reg.w2.id)!;
    expect(area.uptime.d7).toBeCloseTo(20 / 23, 10);
    expect(area.uptime.d30).toBeCloseTo(72 / 75, 10);
  });

  it('the figures computed in their own thread are the same, and the dashboard says when they are from', async () => {
    const s = b.core.services;
    const source = startUptimeSource({ databaseFile: s.databaseFile, log: createLogger('test'), now: () => T });
    try {
      await source.refresh();
      const threaded = new HealthDashboardBuilder({ repo: s.healthRepo, repairRepo: new RepairRepository(s.db), repair: s.repair, health: s.health, monitor: null, uptime: source, now: () => T }).build(null);
      const here = new HealthDashboardBuilder({ repo: s.healthRepo, repairRepo: new RepairRepository(s.db), repair: s.repair, health: s.health, monitor: null, uptime: inProcessUptime(s.healthRepo, () => T), now: () => T }).build(null);
      expect(threaded.uptimeAt).toBe(T);
      expect(threaded.areas).toEqual(here.areas);
      expect(threaded.uptimeCameras).toEqual(here.uptimeCameras);
      expect(threaded.uptimeCameras.map((c) => c.cameraId)).toEqual([reg.cams[0]!.id]);
    } finally {
      await source.stop();
    }
  });

  it('before the first figures are in, the dashboard has no uptime rather than 0 % or 100 %', () => {
    const s = b.core.services;
    const dash = new HealthDashboardBuilder({ repo: s.healthRepo, repairRepo: new RepairRepository(s.db), repair: s.repair, health: s.health, monitor: null, uptime: { latest: () => null }, now: () => T }).build(null);
    expect(dash.uptimeAt).toBeNull();
    expect(dash.areas.find((a) => a.areaId === reg.w2.id)!.uptime).toEqual({ d7: null, d30: null });
    expect(dash.uptimeCameras).toEqual([]);
  });

  it('a camera with no history in the window has no uptime rather than 0 % or 100 %', () => {
    const s = b.core.services;
    const dash = new HealthDashboardBuilder({ repo: s.healthRepo, repairRepo: new RepairRepository(s.db), repair: s.repair, health: s.health, monitor: null, uptime: inProcessUptime(s.healthRepo, () => T - 30 * D), now: () => T - 30 * D }).build(null);
    const area = dash.areas.find((a) => a.areaId === reg.w2.id)!;
    // 30 days before T only camera 2 was known (working since T−40 d): 100 %; camera 1 unknown.
    expect(area.uptime.d7).toBe(1);
    expect(dash.uptimeCameras).toEqual([]);
  });
});

describe('the dashboard of a scoped account', () => {
  it("counts only the cameras of the account's areas", async () => {
    const ward1 = await b.account('ward1', 'ward', [reg.w1.id]);
    const ward2 = await b.account('ward2', 'ward', [reg.w2.id]);
    expect((await b.call(ward1, 'health.dashboard', {})).totals.total).toBe(0);
    const mine = await b.call(ward2, 'health.dashboard', {});
    expect(mine.totals.total).toBe(2);
    expect(mine.areas.map((a) => a.areaId)).toEqual([reg.w2.id]);
  });
});
