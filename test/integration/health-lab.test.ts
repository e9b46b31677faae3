// The health monitor against the camera lab (real RTSP from GStreamer, real ONVIF over HTTP, a real
// core with its SQLite file): a stopped camera turns offline within one period and raises an alarm,
// and comes back; a whole point dropping at once is one point outage with one alarm; a repair
// ticket's whole life, closed only when a probe succeeds; a camera clock that jumps; a camera
// deleted while its probe is in flight.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../src/sim/lab';
import { bookCore, type BookCore } from './support/book-core';

const PERIOD_MS = 1500;
let lab: Lab;
let b: BookCore;
const ids: Record<string, string> = {};
let pointAlone = '';
let pointPair = '';

const until = async <T>(what: string, probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 20_000): Promise<T> => {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

const status = (name: string) => b.core.services.register.camera(ids[name]!).status;
/** Each test starts from the whole lab working, whatever ran before it and however it ended. */
const allWorking = () => until('every camera working', () => lab.cameras.every((c) => status(c.name) === 'working'), 30_000);
const queue = async () => (await b.call(b.admin, 'alarms.queue', {})).alarms.filter((a) => a.kind === 'camera_offline');

beforeAll(async () => {
  lab = await startLab({
    cameras: [
      { name: 'Cổng chợ', variant: 'fixed' },
      { name: 'Cầu Đông', variant: 'fixed' },
      { name: 'Cầu Tây', variant: 'fixed' },
    ],
    discoveryPort: false,
  });
  b = await bookCore({ health: { periodMs: PERIOD_MS, graceMs: { direct: 0 }, timeoutMs: 1000 } });
  const city = await b.call(b.admin, 'register.createArea', { parentId: null, name: 'TP. Thủ Đức', kind: 'city' });
  const ward = await b.call(b.admin, 'register.createArea', { parentId: city.id, name: 'Phường An Khánh', kind: 'ward' });
  const p1 = await b.call(b.admin, 'register.createPoint', { areaId: ward.id, name: 'Chợ An Khánh', lat: 10.79, lon: 106.72, custodian: 'Hộ bà Lan', custodianContact: '0903 123 456' });
  const p2 = await b.call(b.admin, 'register.createPoint', { areaId: ward.id, name: 'Cầu Thủ Thiêm', lat: 10.78, lon: 106.71 });
  pointAlone = p1.id;
  pointPair = p2.id;
  for (const [i, cam] of lab.cameras.entries()) {
    const c = await b.call(b.admin, 'register.createCamera', {
      pointId: i === 0 ? p1.id : p2.id,
      name: cam.name,
      rtspMain: cam.rtspMain,
      onvifUrl: cam.onvif,
      username: cam.username,
      password: cam.password,
    });
    ids[cam.name] = c.id;
  }
  await allWorking();
}, 180_000);

afterAll(async () => {
  await b?.dispose();
  await lab?.dispose();
});

describe('health monitor with lab cameras', () => {
  it('a stopped camera is offline within one period with an alarm, and comes back', async () => {
    await allWorking();
    const history0 = (await b.call(b.admin, 'health.history', { cameraId: ids['Cổng chợ']! })).changes.length;
    const rebooted = lab.camera('Cổng chợ').reboot(5);
    const t0 = Date.now();
    await until('offline', () => status('Cổng chợ') === 'offline');
    // One period, plus the probe's own deadline and the poll.
    expect(Date.now() - t0).toBeLessThan(PERIOD_MS + 1000 + 500);
    const h = b.core.services.health.get(ids['Cổng chợ']!)!;
    expect(h.state).toBe('offline');
    expect(['unreachable', 'timeout']).toContain(h.reason);
    const alarm = await until('the alarm', async () => (await queue()).find((a) => a.cameraId === ids['Cổng chợ']));
    expect(alarm).toMatchObject({ source: 'health', count: 1 });
    const dash = await b.call(b.admin, 'health.dashboard', {});
    expect(dash.offline.map((o) => o.name)).toEqual(['Cổng chợ']);
    expect(dash.totals).toMatchObject({ offline: 1, working: 2, total: 3 });
    await rebooted;
    await until('working again', () => status('Cổng chợ') === 'working', 15_000);
    const history = await b.call(b.admin, 'alarms.history', { kind: 'camera_offline' });
    expect(history.alarms.find((a) => a.id === alarm.id)!.clearedAt).not.toBeNull();
    const changes = (await b.call(b.admin, 'health.history', { cameraId: ids['Cổng chợ']! })).changes.map((c) => c.state);
    // Only changes are kept (newest first): offline, then working again — not one row per probe.
    expect(changes.slice(0, changes.length - history0)).toEqual(['working', 'offline']);
  }, 40_000);

  it('every camera of a point failing at once is one point outage with one alarm', async () => {
    await allWorking();
    const before = (await queue()).length;
    const back = Promise.all([lab.camera('Cầu Đông').reboot(5), lab.camera('Cầu Tây').reboot(5)]);
    await until('both offline', () => status('Cầu Đông') === 'offline' && status('Cầu Tây') === 'offline');
    const dash = await b.call(b.admin, 'health.dashboard', {});
    expect(dash.outages).toEqual([expect.objectContaining({ pointId: pointPair, name: 'Cầu Thủ Thiêm', cameras: 2 })]);
    expect(dash.offline.map((o) => o.reason)).toEqual(['point_outage', 'point_outage']);
    await new Promise((r) => setTimeout(r, PERIOD_MS));
    const alarms = (await queue()).filter((a) => a.cameraId === ids['Cầu Đông'] || a.cameraId === ids['Cầu Tây']);
    expect((await queue()).length - before).toBe(1);
    expect(alarms[0]!.detail).toBe('point_outage:2');
    await back;
    await until('the point back', () => status('Cầu Đông') === 'working' && status('Cầu Tây') === 'working', 15_000);
    expect((await b.call(b.admin, 'health.dashboard', {})).outages).toEqual([]);
  }, 40_000);

  it("a repair ticket's whole life: opened from an offline camera, closed only once a probe succeeds", async () => {
    await allWorking();
    const cam = ids['Cổng chợ']!;
    const back = lab.camera('Cổng chợ').reboot(6);
    await until('offline', () => status('Cổng chợ') === 'offline');
    const opened = await b.call(b.admin, 'repair.open', { cameraId: cam, assigneeId: 'viettel', dueDate: '2030-01-31', note: 'Mất tín hiệu sau mưa' });
    expect(opened).toMatchObject({ status: 'open', custodian: 'Hộ bà Lan', custodianContact: '0903 123 456', assigneeName: 'Viettel', pointId: pointAlone, cameraName: 'Cổng chợ' });
    expect(status('Cổng chợ')).toBe('awaiting_repair');
    // A second "open" for the same camera finds the first.
    expect((await b.call(b.admin, 'repair.open', { cameraId: cam })).id).toBe(opened.id);
    await b.call(b.admin, 'repair.update', { id: opened.id, status: 'in_progress', assigneeId: 'vnpt', note: 'Thay nguồn' });
    // Closed while still down: it waits, and the probe's failure is written once.
    await b.call(b.admin, 'repair.close', { id: opened.id });
    const waiting = await until('probe_failed', async () => {
      const t = await b.call(b.admin, 'repair.get', { id: opened.id });
      return t.events.some((e) => e.kind === 'probe_failed') && t;
    });
    expect(waiting.status).toBe('verifying');
    expect(status('Cổng chợ')).toBe('awaiting_repair');
    const dash = await b.call(b.admin, 'health.dashboard', {});
    expect(dash.tickets).toEqual([expect.objectContaining({ assigneeId: 'vnpt', name: 'VNPT', open: 1, under1d: 1 })]);
    await back;
    const closed = await until('closed', async () => {
      const t = await b.call(b.admin, 'repair.get', { id: opened.id });
      return t.status === 'closed' && t;
    });
    expect(closed.events.map((e) => e.kind)).toEqual(['opened', 'assigned', 'status', 'note', 'status', 'probe_failed', 'verified']);
    expect(status('Cổng chợ')).toBe('working');
    const history = await b.call(b.admin, 'health.history', { cameraId: cam });
    expect(history.tickets.map((t) => t.number)).toEqual([opened.number]);
  }, 60_000);

  it('a camera clock that jumps makes it degraded (clock drift), and fine again when it jumps back', async () => {
    await allWorking();
    await lab.camera('Cầu Tây').skewClock(120_000);
    await until('degraded', () => b.core.services.health.get(ids['Cầu Tây']!)?.state === 'degraded');
    const dash = await b.call(b.admin, 'health.dashboard', {});
    expect(dash.clocks).toEqual([expect.objectContaining({ name: 'Cầu Tây' })]);
    expect(Math.abs(dash.clocks[0]!.offsetMs - 120_000)).toBeLessThan(3000);
    expect(dash.totals.degraded).toBe(1);
    // Degraded still works: the register keeps it working.
    expect(status('Cầu Tây')).toBe('working');
    await lab.camera('Cầu Tây').skewClock(0);
    await until('live again', () => b.core.services.health.get(ids['Cầu Tây']!)?.state === 'live');
  }, 30_000);
});

describe('a camera deleted while its probe is in flight', () => {
  it('its answer is dropped: no change, no alarm, the core carries on', async () => {
    let release: (() => void) | null = null;
    const c = await bookCore({
      health: {
        periodMs: 60_000,
        probe: () =>
          new Promise((resolve) => {
            release = () => resolve({ reachable: false, reason: 'unreachable' });
          }),
      },
    });
    try {
      const city = await c.call(c.admin, 'register.createArea', { parentId: null, name: 'Huyện Cần Giờ', kind: 'district' });
      const p = await c.call(c.admin, 'register.createPoint', { areaId: city.id, name: 'Bến phà', lat: 10.4, lon: 106.9 });
      const cam = await c.call(c.admin, 'register.createCamera', { pointId: p.id, name: 'Bến phà 1', rtspMain: 'rtsp://127.0.0.1:9/x' });
      await until('the probe in flight', () => release !== null);
      await c.call(c.admin, 'register.delete', { kind: 'camera', id: cam.id });
      release!();
      await new Promise((r) => setTimeout(r, 200));
      expect(c.core.services.healthRepo.changes(cam.id)).toEqual([]);
      expect((await c.call(c.admin, 'alarms.queue', {})).alarms).toEqual([]);
      expect((await c.call(c.admin, 'health.dashboard', {})).totals.total).toBe(0);
    } finally {
      await c.dispose();
    }
  });
});

describe('a camera awaiting repair', () => {
  it('is probed and known offline, but raises no alarm: its fault has a ticket already', async () => {
    const c = await bookCore({ health: { periodMs: 60_000, probe: async () => ({ reachable: false, reason: 'unreachable' }) } });
    try {
      const area = await c.call(c.admin, 'register.createArea', { parentId: null, name: 'Phường Tân Định', kind: 'ward' });
      const p = await c.call(c.admin, 'register.createPoint', { areaId: area.id, name: 'Cầu Kiệu', lat: 10.79, lon: 106.69 });
      const known = await c.call(c.admin, 'register.createCamera', { pointId: p.id, name: 'Cầu Kiệu 1', rtspMain: 'rtsp://127.0.0.1:9/x', status: 'awaiting_repair' });
      const fresh = await c.call(c.admin, 'register.createCamera', { pointId: p.id, name: 'Cầu Kiệu 2', rtspMain: 'rtsp://127.0.0.1:9/y' });
      // Both fail: a point outage would be one alarm for the point; the one awaiting repair must not raise it.
      await until('both probed', () => c.core.services.healthRepo.changes(known.id).length > 0 && c.core.services.healthRepo.changes(fresh.id).length > 0);
      const alarms = (await c.call(c.admin, 'alarms.queue', {})).alarms;
      expect(alarms.map((a) => a.cameraId)).not.toContain(known.id);
      expect(c.core.services.register.camera(known.id).status).toBe('awaiting_repair');
    } finally {
      await c.dispose();
    }
  });
});
