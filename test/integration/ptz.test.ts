// PTZ through a real core's dispatcher against the camera lab's real ONVIF PTZ: moves change
// GetStatus, a held move is kept alive or stopped by the watchdog, the priority lock refuses and
// hands over by rank, presets round-trip with Vietnamese names, a patrol visits its presets and
// yields to manual control, click-to-centre and box zoom land where the field of view says, a
// camera that ignores Stop is retried and reported, and a camera without PTZ has none.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Camera, CoreEvent } from '../../src/shared/contract';
import { startLab, type Lab } from '../../src/sim/lab';
import { childPids } from '../../src/sim/test-support';
import type { SimCameraInfo } from '../../src/sim/types';
import { makePoint, sleep, startTestCore, until, type Caller, type TestCore } from './support/onvif-core';

// The lab's lens (src/sim/rtsp/sim_scene.py; see geometry.test.ts).
const LAB_FOV = { hfovWideDeg: 180, zoomRatio: 4, panRangeDeg: 90, tiltRangeDeg: 50.625 };

let lab: Lab;
let t: TestCore;
let admin: Caller;
let supervisor: Caller;
let officer: Caller;
let officer2: Caller;
let dome: Camera;
let bullet: Camera;
let domeInfo: SimCameraInfo;

const head = () => lab.camera('Vòm').ptzState()!;
const events = <T extends CoreEvent['type']>(type: T) => t.events.filter((e): e is Extract<CoreEvent, { type: T }> => e.type === type);

beforeAll(async () => {
  lab = await startLab({
    cameras: [
      { name: 'Vòm', variant: 'ptz', live: false },
      { name: 'Thân', variant: 'dead' },
    ],
    discoveryPort: false,
  });
  domeInfo = lab.cameras[0]!;
  // Quicker Stop verification for the test; the watchdog keeps the one second.
  t = await startTestCore({ ptzTiming: { verifyMs: 150 } });
  admin = t.as('admin');
  supervisor = await t.addUser('chihuy', 'supervisor', 'Trần Chỉ Huy');
  officer = await t.addUser('trucban', 'officer', 'Lê Trực Ban');
  officer2 = await t.addUser('trucban2', 'officer', 'Phạm Trực Ban');
  const pointId = await makePoint(admin);
  const add = (c: SimCameraInfo, name: string) => admin.call('onboarding.add', { address: c.onvif, username: c.username, password: c.password, name, pointId });
  dome = await add(domeInfo, 'Vòm Hàng Xanh');
  bullet = await add(lab.cameras[1]!, 'Thân cố định');
  await admin.call('devices.setFov', { cameraId: dome.id, fov: LAB_FOV });
}, 60_000);

afterAll(async () => {
  await t?.dispose();
  await lab?.dispose();
  expect(childPids()).toEqual([]);
});

beforeEach(async () => {
  // Every test starts with nobody holding the camera, at home, with Stop obeyed.
  lab.camera('Vòm').ptzIgnoresStop(false);
  await admin.call('ptz.release', { cameraId: dome.id });
  await admin.call('ptz.stopPatrol', { cameraId: dome.id });
  await admin.call('ptz.home', { cameraId: dome.id });
  await until(() => !head().panTiltMoving && !head().zoomMoving, 10_000, 'home');
  await admin.call('ptz.release', { cameraId: dome.id });
});

describe('moves', () => {
  it('a held move turns the camera (GetStatus) until it is let go', async () => {
    const { lock } = await officer.call('ptz.move', { cameraId: dome.id, velocity: { pan: 0.5, tilt: 0.2 } });
    expect(lock).toMatchObject({ username: 'trucban', displayName: 'Lê Trực Ban', role: 'officer', rank: 10, patrol: null });
    for (let i = 0; i < 8; i++) {
      await sleep(200);
      expect((await officer.call('ptz.hold', { cameraId: dome.id })).moving).toBe(true);
    }
    const state = await officer.call('ptz.state', { cameraId: dome.id });
    expect(state.position).toMatchObject({ moving: true });
    expect(state.position!.pan).toBeGreaterThan(0.3); // 1.6 s at half speed
    expect(state.lock?.username).toBe('trucban');
    expect(state.capabilities).toMatchObject({ continuous: true, relative: true, absolute: true, home: true, presets: true, maxPresets: 64 });
    expect(await officer.call('ptz.stop', { cameraId: dome.id })).toEqual({ stopped: true });
    const stoppedAt = head().pan;
    await sleep(300);
    expect(head().panTiltMoving).toBe(false);
    expect(head().pan).toBeCloseTo(stoppedAt, 2);
    // Each command is in the audit trail with the camera as target; the refreshes are not.
    const moves = await admin.call('audit.list', { action: 'ptz.move', limit: 5 });
    expect(moves.entries[0]).toMatchObject({ actor: { username: 'trucban' }, target: { kind: 'camera', id: dome.id }, outcome: 'ok' });
    expect((await admin.call('audit.list', { action: 'ptz.hold', limit: 5 })).entries).toHaveLength(0);
  });

  it('the watchdog stops a move whose client vanished (no refresh within a second)', async () => {
    await officer.call('ptz.move', { cameraId: dome.id, velocity: { pan: -0.4 } });
    expect(head().panTiltMoving).toBe(true);
    // The client is gone: no ptz.hold, no ptz.stop.
    await until(() => !head().panTiltMoving, 4000, 'the watchdog to stop the camera');
    const audit = await admin.call('audit.list', { action: 'ptz.watchdogStop', limit: 5 });
    expect(audit.entries[0]).toMatchObject({ actor: { username: 'trucban' }, target: { id: dome.id } });
    expect(audit.entries[0]!.details.silentMs).toBeGreaterThan(1000);
  });

  it('retries Stop on a camera that ignores it, and reports it', async () => {
    lab.camera('Vòm').ptzIgnoresStop(true);
    const before = events('ptz.alert').length;
    await officer.call('ptz.move', { cameraId: dome.id, velocity: { tilt: 0.3 } });
    await officer.call('ptz.stop', { cameraId: dome.id });
    const alert = await until(() => events('ptz.alert').slice(before)[0], 5000, 'a ptz.alert');
    expect(alert).toMatchObject({ cameraId: dome.id, alert: 'stop_ignored', attempts: 3 });
    expect((await admin.call('audit.list', { action: 'ptz.stopIgnored', limit: 5 })).entries[0]).toMatchObject({ outcome: 'failed', target: { id: dome.id } });
    lab.camera('Vòm').ptzIgnoresStop(false);
    await officer.call('ptz.stop', { cameraId: dome.id });
    await until(() => !head().panTiltMoving, 3000, 'a Stop obeyed');
  });

  it("a Stop's check does not stop the move that came after it", async () => {
    await officer.call('ptz.move', { cameraId: dome.id, velocity: { pan: -0.6 } });
    await sleep(300);
    await officer.call('ptz.stop', { cameraId: dome.id });
    const from = head().pan;
    // Right away a long one-shot move (1.6 units at 1 unit/s): the Stop's verification comes mid-way.
    const r = await officer.call('ptz.centre', { cameraId: dome.id, target: { x: 0.9, y: 0.5 } });
    await sleep(400);
    await until(() => !head().panTiltMoving, 5000, 'the centring move');
    expect(head().pan).toBeCloseTo(Math.min(1, from + r.pan), 2);
  });

  it('a camera without PTZ has none', async () => {
    expect((await officer.fails('ptz.move', { cameraId: bullet.id, velocity: { pan: 0.5 } })).code).toBe('onvif_not_supported');
    expect((await officer.fails('ptz.state', { cameraId: bullet.id })).code).toBe('onvif_not_supported');
    expect(bullet.ptz).toBe(false);
  });

  it('a role without PTZ may not steer', async () => {
    const clerk = await t.addUser('trichxuat', 'clerk');
    expect((await clerk.fails('ptz.move', { cameraId: dome.id, velocity: { pan: 0.5 } })).code).toBe('permission_denied');
  });
});

describe('priority', () => {
  it("a supervisor's takeover refuses the officer, who sees who holds it; release hands it back", async () => {
    await officer.call('ptz.move', { cameraId: dome.id, velocity: { pan: 0.3 } });
    const { lock } = await supervisor.call('ptz.move', { cameraId: dome.id, velocity: { pan: -0.3 } });
    expect(lock).toMatchObject({ username: 'chihuy', role: 'supervisor', rank: 50 });
    // The officer's refreshes and key-up no longer steer anything.
    expect((await officer.call('ptz.hold', { cameraId: dome.id })).moving).toBe(false);
    expect(await officer.call('ptz.stop', { cameraId: dome.id })).toEqual({ stopped: false });
    expect(head().panTiltMoving).toBe(true);
    const refused = await officer.fails('ptz.move', { cameraId: dome.id, velocity: { pan: 0.3 } });
    expect(refused).toMatchObject({ code: 'ptz_locked', params: { holder: 'Trần Chỉ Huy', role: 'supervisor', rank: 50 } });
    expect((await officer.fails('ptz.gotoPreset', { cameraId: dome.id, token: 'x' })).code).toBe('ptz_locked');
    // Every console heard who holds it.
    expect(events('ptz.lock').filter((e) => e.cameraId === dome.id).at(-1)?.lock?.username).toBe('chihuy');
    const takeover = await admin.call('audit.list', { action: 'ptz.takeover', limit: 5 });
    expect(takeover.entries[0]).toMatchObject({ actor: { username: 'chihuy' }, details: { from: 'trucban', fromRank: 10, rank: 50 } });

    await supervisor.call('ptz.stop', { cameraId: dome.id });
    expect(await supervisor.call('ptz.release', { cameraId: dome.id })).toEqual({ released: true });
    expect(events('ptz.lock').at(-1)).toMatchObject({ cameraId: dome.id, lock: null });
    await officer.call('ptz.move', { cameraId: dome.id, velocity: { pan: 0.3 } });
    await officer.call('ptz.stop', { cameraId: dome.id });
  });

  it('between equal ranks the first holds until idle; an administrator releases anyone', async () => {
    await admin.call('settings.update', { ptzIdleSeconds: 5 });
    try {
      await officer.call('ptz.home', { cameraId: dome.id });
      expect((await officer2.fails('ptz.home', { cameraId: dome.id })).params).toMatchObject({ holder: 'Lê Trực Ban', role: 'officer' });
      // Someone else may not let go of it either; an administrator may.
      expect((await officer2.fails('ptz.release', { cameraId: dome.id })).code).toBe('ptz_locked');
      await until(async () => (await officer2.call('ptz.state', { cameraId: dome.id })).lock === null, 8000, 'the hold to lapse');
      await officer2.call('ptz.home', { cameraId: dome.id });
      expect(await admin.call('ptz.release', { cameraId: dome.id })).toEqual({ released: true });
      await officer.call('ptz.home', { cameraId: dome.id });
    } finally {
      await admin.call('settings.update', { ptzIdleSeconds: 30 });
    }
  });
});

describe('presets and patrols', () => {
  it('presets round-trip: save with a Vietnamese name, move away, go back, rename, delete', async () => {
    await officer.call('ptz.centre', { cameraId: dome.id, target: { x: 0.6, y: 0.4 } });
    await until(() => !head().panTiltMoving, 5000, 'the centring move');
    const at = { ...head() };
    const saved = await officer.call('ptz.savePreset', { cameraId: dome.id, name: 'Cổng chợ Bà Chiểu hướng đường Lê Quang Định' });
    expect(saved).toMatchObject({ name: 'Cổng chợ Bà Chiểu hướng đường Lê Quang Định' });
    // The camera keeps an ASCII name of at most 32 characters; the console keeps the real one.
    const onCamera = await (await import('../../src/core/onvif/camera')).connectCamera({ address: domeInfo.onvif, username: domeInfo.username, password: domeInfo.password });
    expect((await onCamera.getPresets()).find((p) => p.token === saved.token)?.name).toBe('Cong cho Ba Chieu huong duong Le');

    await officer.call('ptz.home', { cameraId: dome.id });
    await until(() => head().pan === 0 && !head().panTiltMoving, 5000, 'home');
    await officer.call('ptz.gotoPreset', { cameraId: dome.id, token: saved.token });
    await until(() => !head().panTiltMoving && Math.abs(head().pan - at.pan) < 0.001, 5000, 'the preset');
    expect(head().tilt).toBeCloseTo(at.tilt, 3);

    const renamed = await officer.call('ptz.renamePreset', { cameraId: dome.id, token: saved.token, name: 'Chợ Bà Chiểu' });
    expect(renamed.name).toBe('Chợ Bà Chiểu');
    expect((await officer.call('ptz.presets', { cameraId: dome.id })).find((p) => p.token === saved.token)?.name).toBe('Chợ Bà Chiểu');
    await officer.call('ptz.deletePreset', { cameraId: dome.id, token: saved.token });
    expect((await officer.call('ptz.presets', { cameraId: dome.id })).some((p) => p.token === saved.token)).toBe(false);
  });

  it('a patrol visits its presets in turn and stops when someone takes manual control', async () => {
    await officer.call('ptz.centre', { cameraId: dome.id, target: { x: 0.25, y: 0.5 } });
    await until(() => !head().panTiltMoving, 5000, 'move 1');
    const left = await officer.call('ptz.savePreset', { cameraId: dome.id, name: 'Trái' });
    await officer.call('ptz.centre', { cameraId: dome.id, target: { x: 1, y: 0.5 } });
    await until(() => !head().panTiltMoving, 5000, 'move 2');
    const right = await officer.call('ptz.savePreset', { cameraId: dome.id, name: 'Phải' });
    const patrol = await officer.call('ptz.savePatrol', { cameraId: dome.id, name: 'Tuần tra chợ', steps: [{ presetToken: left.token, dwellSeconds: 2 }, { presetToken: right.token, dwellSeconds: 2 }] });
    expect((await officer.call('ptz.patrols', { cameraId: dome.id })).map((p) => p.name)).toContain('Tuần tra chợ');

    const before = events('ptz.patrol').length;
    const run = await officer.call('ptz.startPatrol', { cameraId: dome.id, patrolId: patrol.id });
    expect(run).toMatchObject({ name: 'Tuần tra chợ', steps: 2, startedBy: 'Lê Trực Ban' });
    expect((await officer.call('ptz.state', { cameraId: dome.id })).lock).toMatchObject({ patrol: 'Tuần tra chợ', expiresAt: null });
    const leftPan = (await officer.call('ptz.presets', { cameraId: dome.id })).find((p) => p.token === left.token)!.position!.pan;
    const rightPan = (await officer.call('ptz.presets', { cameraId: dome.id })).find((p) => p.token === right.token)!.position!.pan;
    // It visits both presets, in turn, twice over.
    const seen: number[] = [];
    await until(() => {
      const s = head();
      const at = !s.panTiltMoving ? (Math.abs(s.pan - leftPan) < 0.01 ? 0 : Math.abs(s.pan - rightPan) < 0.01 ? 1 : -1) : -1;
      if (at >= 0 && seen.at(-1) !== at) seen.push(at);
      return seen.length >= 3;
    }, 20_000, 'the patrol to visit its presets');
    expect(seen.slice(0, 3)).toEqual([0, 1, 0]);
    const steps = events('ptz.patrol').slice(before).filter((e) => e.patrol).map((e) => e.patrol!.step);
    expect(steps.filter((s, i) => s !== steps[i - 1]).slice(0, 3)).toEqual([0, 1, 0]);

    // A supervisor takes manual control: the patrol stops, and says so.
    await supervisor.call('ptz.move', { cameraId: dome.id, velocity: { zoom: 0.5 } });
    await supervisor.call('ptz.stop', { cameraId: dome.id });
    expect(events('ptz.patrol').at(-1)).toMatchObject({ cameraId: dome.id, patrol: null });
    expect((await supervisor.call('ptz.state', { cameraId: dome.id })).patrol).toBeNull();
    expect((await admin.call('audit.list', { action: 'ptz.patrolStep', limit: 50 })).entries.length).toBeGreaterThanOrEqual(3);
    await officer.call('ptz.deletePatrol', { cameraId: dome.id, patrolId: patrol.id }).catch(() => undefined);
  }, 40_000);
});

describe('click-to-centre and box zoom', () => {
  it('turns by what the field of view says the click is off centre', async () => {
    // At zoom 0 the lab's picture is 4 generic pan units wide: a click a quarter from the centre is 1 unit.
    const r = await officer.call('ptz.centre', { cameraId: dome.id, target: { x: 0.6, y: 0.5 } });
    expect(r.pan).toBeCloseTo(0.4);
    await until(() => !head().panTiltMoving, 5000, 'the move');
    expect(head().pan).toBeCloseTo(0.4, 2);
    // Tilt: up on the picture is up for the camera.
    await officer.call('ptz.centre', { cameraId: dome.id, target: { x: 0.5, y: 0.4 } });
    await until(() => !head().panTiltMoving, 5000, 'the move');
    expect(head().tilt).toBeCloseTo(0.4, 2);
  });

  it('zooms a drawn box to fill the picture', async () => {
    const r = await officer.call('ptz.zoomBox', { cameraId: dome.id, box: { x: 0.25, y: 0.25, w: 0.5, h: 0.5 } });
    expect(r.zoom).toBeCloseTo(1 / 3);
    await until(() => !head().zoomMoving && !head().panTiltMoving, 5000, 'the zoom');
    expect(head().zoom).toBeCloseTo(1 / 3, 2);
    expect(head().pan).toBeCloseTo(0, 2);
  });
});
