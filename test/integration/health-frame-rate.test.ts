// "Degraded: frame rate below the configured one", against the camera lab and a real core (real
// ffmpeg relay, real SQLite file): a watched camera whose stream sends 5 frames a second while the
// register says it is set to 25 turns degraded with reason low_fps, and comes back once it sends 25
// again; one at its rate, and one whose rate the register does not know, stay live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveSubscriber } from '../../src/core/media/live';
import { startLab, type Lab } from '../../src/sim/lab';
import { bookCore, type BookCore } from './support/book-core';

let lab: Lab;
let b: BookCore;
const ids: Record<string, string> = {};
const stops: (() => void)[] = [];

const until = async <T>(what: string, probe: () => T | null | undefined | false, timeoutMs = 30_000): Promise<T> => {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > end)
      throw new Error(
        `timed out waiting for ${what}: ${JSON.stringify(Object.keys(ids).map((n) => [n, health(n), b.core.services.live.statsFor(ids[n]!, 'main')]))}`,
      );
    await new Promise((r) => setTimeout(r, 200));
  }
};

const health = (name: string) => b.core.services.health.get(ids[name]!);
const watch = (name: string) => {
  const viewer: LiveSubscriber = { data: () => undefined, state: () => undefined };
  stops.push(b.core.services.live.subscribe(ids[name]!, 'main', viewer));
};

beforeAll(async () => {
  lab = await startLab({
    cameras: [
      { name: 'Chậm', variant: 'fixed', live: false, fps: 5 },
      { name: 'Đủ', variant: 'fixed', live: false },
      { name: 'Chưa khai', variant: 'fixed', live: false, fps: 5 },
    ],
    discoveryPort: false,
  });
  // The monitor's probes are left out: what is measured here is the relay's stream alone.
  b = await bookCore({ health: false });
  const city = await b.call(b.admin, 'register.createArea', { parentId: null, name: 'TP. Thủ Đức', kind: 'city' });
  const p = await b.call(b.admin, 'register.createPoint', { areaId: city.id, name: 'Ngã tư Thủ Đức', lat: 10.85, lon: 106.77 });
  for (const cam of lab.cameras) {
    const c = await b.call(b.admin, 'register.createCamera', {
      pointId: p.id,
      name: cam.name,
      rtspMain: cam.rtspMain,
      username: cam.username,
      password: cam.password,
      status: 'working',
      ...(cam.name === 'Chưa khai' ? {} : { frameRate: 25 }),
    });
    ids[cam.name] = c.id;
  }
}, 180_000);

afterAll(async () => {
  stops.forEach((s) => s());
  await b?.dispose();
  await lab?.dispose();
});

describe('degraded by frame rate', () => {
  it('the register keeps the configured rate, in the camera and its history', async () => {
    expect((await b.call(b.admin, 'register.camera', { id: ids['Chậm']! })).frameRate).toBe(25);
    expect((await b.call(b.admin, 'register.camera', { id: ids['Chưa khai']! })).frameRate).toBeNull();
  });

  it('a camera sending 5 of its 25 frames a second is degraded (low_fps) while watched, and recovers', async () => {
    for (const name of ['Chậm', 'Đủ', 'Chưa khai']) watch(name);
    await until('all three live', () => ['Chậm', 'Đủ', 'Chưa khai'].every((n) => health(n)?.state === 'live'));
    const degraded = await until('the slow camera degraded', () => (health('Chậm')?.state === 'degraded' ? health('Chậm') : null));
    expect(degraded).toMatchObject({ state: 'degraded', reason: 'low_fps' });
    // Measured, not assumed: the relay really gets about 5 frames a second.
    expect(b.core.services.live.statsFor(ids['Chậm']!, 'main')!.fps).toBeLessThan(10);
    expect(health('Đủ')).toMatchObject({ state: 'live' });
    expect(health('Chưa khai')).toMatchObject({ state: 'live' });
    // The dashboard counts it degraded (the register still says working: it works).
    const dash = await b.call(b.admin, 'health.dashboard', {});
    expect(dash.totals.degraded).toBe(1);

    await lab.camera('Chậm').setFrameRate(25);
    await until('the slow camera back to live', () => health('Chậm')?.state === 'live');
    expect(health('Chậm')!.reason).toBeNull();
    expect(health('Đủ')).toMatchObject({ state: 'live' });
  }, 90_000);
});
