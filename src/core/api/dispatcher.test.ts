import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_ROLE_DEFAULTS, type BuiltinRole } from '../../shared/contract';
import { systemPrincipal, type Principal } from '../auth/principal';
import { createCore, type Core } from '../core';
import { createDispatcher, type CallContext, type Handlers } from './dispatcher';

let dir: string;
let core: Core;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wf-api-'));
  core = await createCore({ dataDir: dir, shell: 'serve', checkOutputs: true });
});
afterEach(async () => {
  await core.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const local = { address: '127.0.0.1', local: true };
const as = (role: BuiltinRole, scope: string[] = [], extra: Partial<Principal> = {}): CallContext => ({
  principal: { ...systemPrincipal({ id: `u-${role}`, username: role, displayName: role, role }, BUILTIN_ROLE_DEFAULTS[role].permissions, scope), ...extra },
  source: local,
});
const value = <T>(r: { ok: boolean; value?: unknown }) => {
  expect(r.ok).toBe(true);
  return r.value as T;
};

async function ward(name: string, ctx = as('admin')) {
  const area = value<{ id: string }>(await core.dispatcher.call('register.createArea', { parentId: null, name, kind: 'ward' }, ctx));
  const point = value<{ id: string }>(await core.dispatcher.call('register.createPoint', { areaId: area.id, name: `Điểm ${name}` }, ctx));
  const cam = value<{ id: string }>(await core.dispatcher.call('register.createCamera', { pointId: point.id, name: `Camera ${name}`, rtspMain: 'rtsp://10.0.0.5/main' }, ctx));
  return { area: area.id, point: point.id, camera: cam.id };
}

describe('the API dispatcher', () => {
  it('answers a valid call', async () => {
    const r = await core.dispatcher.call('settings.get', {}, as('admin'));
    expect(r).toEqual({ ok: true, value: { language: 'system', timeZone: 'Asia/Ho_Chi_Minh', tourDwellSeconds: 20, idleLockMinutes: 30, ptzIdleSeconds: 30, clockSkewSeconds: 5, centreName: 'Trung tâm giám sát', healthProbeSeconds: 60, repairAutoHours: 24 } });
  });

  it('refuses an unknown method with a typed error', async () => {
    expect(await core.dispatcher.call('cameras.explode', {}, as('admin'))).toEqual({
      ok: false,
      error: { code: 'unknown_method', params: { method: 'cameras.explode' } },
    });
  });

  it('refuses wrong argument types and names the field', async () => {
    const r = await core.dispatcher.call('settings.update', { tourDwellSeconds: 'soon' }, as('admin'));
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_request', params: { field: 'tourDwellSeconds' } } });
    // Nothing was written.
    expect(await core.dispatcher.call('settings.get', {}, as('admin'))).toMatchObject({ ok: true, value: { tourDwellSeconds: 20 } });
  });

  it('checks the permission the contract declares, and writes the refusal to the audit trail', async () => {
    const r = await core.dispatcher.call('settings.update', { language: 'vi' }, as('officer'));
    expect(r).toEqual({ ok: false, error: { code: 'permission_denied', params: { method: 'settings.update', permission: 'settings.manage' } } });
    const audit = await core.services.audit.list({ limit: 10 });
    expect(audit.entries[0]).toMatchObject({ action: 'settings.update', outcome: 'denied', actor: { username: 'officer' }, details: { error: 'permission_denied', language: 'vi' } });
  });

  it('audits a change whose input also carried fields with odd names (dropped by the contract, kept by their shape in the trail)', async () => {
    const r = await core.dispatcher.call('settings.update', { tourDwellSeconds: 25, '': 1, '0': 'x', 'a-b': true, a_b: 2 }, as('admin'));
    expect(r.ok).toBe(true);
    const [entry] = (await core.services.audit.list({ limit: 1 })).entries;
    expect(entry).toMatchObject({ action: 'settings.update', outcome: 'ok', details: { tourDwellSeconds: 25, _: 1, _0: 'x', a_b: 2, a_b_2: true } });
  });

  it('asks for a session before anything but the pre-sign-in calls', async () => {
    const anonymous: CallContext = { principal: null, source: local };
    expect(await core.dispatcher.call('register.tree', {}, anonymous)).toEqual({ ok: false, error: { code: 'session_required', params: {} } });
    expect(await core.dispatcher.call('session.status', {}, anonymous)).toMatchObject({ ok: true, value: { signedIn: false, setupNeeded: true } });
    // Sign-in changes the session, so it must come through a transport that can hold one.
    expect(await core.dispatcher.call('session.signIn', { username: 'a', password: 'b' }, anonymous)).toMatchObject({ ok: false, error: { code: 'use_http' } });
  });

  it('refuses changes while the console is locked, but keeps reads going (the wall plays on)', async () => {
    const locked = as('admin', [], { locked: true });
    expect(await core.dispatcher.call('settings.update', { language: 'vi' }, locked)).toEqual({ ok: false, error: { code: 'session_locked', params: {} } });
    expect((await core.dispatcher.call('views.list', {}, locked)).ok).toBe(true);
  });

  it('publishes settings.changed to every listener', async () => {
    const seen: unknown[] = [];
    const off = core.services.events.subscribe((e) => seen.push(e));
    await core.dispatcher.call('settings.update', { language: 'vi' }, as('admin'));
    off();
    expect(seen).toEqual([{ type: 'settings.changed', settings: expect.objectContaining({ language: 'vi' }) }]);
  });

  it('builds the register tree and never returns a camera password', async () => {
    const admin = as('admin');
    const area = value<{ id: string }>(await core.dispatcher.call('register.createArea', { parentId: null, name: 'Phường Bến Nghé', kind: 'ward' }, admin));
    const point = value<{ id: string }>(await core.dispatcher.call('register.createPoint', { areaId: area.id, name: 'Ngã tư Lê Lợi' }, admin));
    const cam = await core.dispatcher.call(
      'register.createCamera',
      { pointId: point.id, name: 'Lê Lợi hướng Bắc', rtspMain: 'rtsp://10.0.0.5/main', username: 'admin', password: 'hunter2' },
      admin,
    );
    expect(cam).toMatchObject({ ok: true, value: { name: 'Lê Lợi hướng Bắc', hasPassword: true, status: 'unknown' } });
    expect(JSON.stringify(cam)).not.toContain('hunter2');
    const id = (cam as { value: { id: string } }).value.id;
    // The relay can still open it.
    expect(core.services.register.source(id, 'sub')).toEqual({ url: 'rtsp://10.0.0.5/main', transport: 'tcp', username: 'admin', password: 'hunter2' });
    // Nor does the audit trail keep it.
    expect(JSON.stringify(await core.services.audit.list({ limit: 50 }))).not.toContain('hunter2');
    const missing = await core.dispatcher.call('register.createCamera', { pointId: 'nope', name: 'x' }, admin);
    expect(missing).toEqual({ ok: false, error: { code: 'not_found', params: { kind: 'point', id: 'nope' } } });
  });
});

describe('area scopes', () => {
  it('shows a ward account its own ward only, in the tree and in views', async () => {
    const benThanh = await ward('Phường Bến Thành');
    const saiGon = await ward('Phường Sài Gòn');
    value(
      await core.dispatcher.call(
        'views.save',
        { name: 'Toàn cảnh', shared: true, layout: { name: '1x2', cols: 2, rows: 1, cells: [{ x: 0, y: 0, w: 1, h: 1 }, { x: 1, y: 0, w: 1, h: 1 }] }, tiles: [{ cameraId: benThanh.camera }, { cameraId: saiGon.camera }] },
        as('admin'),
      ),
    );
    const wardStaff = as('ward', [benThanh.area]);
    const tree = value<{ areas: { id: string; name: string }[]; cameras: { id: string }[] }>(await core.dispatcher.call('register.tree', {}, wardStaff));
    expect(tree.areas.map((a) => a.name)).toEqual(['Phường Bến Thành']);
    expect(tree.cameras.map((c) => c.id)).toEqual([benThanh.camera]);
    const views = value<{ tiles: ({ cameraId: string } | null)[] }[]>(await core.dispatcher.call('views.list', {}, wardStaff));
    expect(views[0]!.tiles.map((t) => t?.cameraId ?? null)).toEqual([benThanh.camera, null]);
  });

  it('answers another ward’s camera exactly as a camera that does not exist, and audits the attempt', async () => {
    const benThanh = await ward('Phường Bến Thành');
    const saiGon = await ward('Phường Sài Gòn');
    const technician = as('technician', [benThanh.area]);
    const other = await core.dispatcher.call('register.setPreferredStream', { cameraId: saiGon.camera, stream: 'main' }, technician);
    const absent = await core.dispatcher.call('register.setPreferredStream', { cameraId: 'no-such-camera', stream: 'main' }, technician);
    expect(other).toEqual({ ok: false, error: { code: 'not_found', params: { kind: 'camera', id: saiGon.camera } } });
    expect(absent).toEqual({ ok: false, error: { code: 'not_found', params: { kind: 'camera', id: 'no-such-camera' } } });
    expect((await core.dispatcher.call('register.setPreferredStream', { cameraId: benThanh.camera, stream: 'main' }, technician)).ok).toBe(true);
    // Nor can it put a point in another ward, or an area at the top of the tree.
    expect(await core.dispatcher.call('register.createPoint', { areaId: saiGon.area, name: 'x' }, technician)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await core.dispatcher.call('register.createArea', { parentId: null, name: 'x', kind: 'ward' }, technician)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const denied = (await core.services.audit.list({ limit: 20, outcome: 'denied' })).entries;
    expect(denied.some((e) => e.target?.id === saiGon.camera && e.actor.username === 'technician')).toBe(true);
  });

  it('sends live events only for cameras in scope', async () => {
    const benThanh = await ward('Phường Bến Thành');
    const saiGon = await ward('Phường Sài Gòn');
    const p = as('ward', [benThanh.area]).principal!;
    const event = (cameraId: string) => ({ type: 'live.state' as const, cameraId, stream: 'sub' as const, state: 'live' as const, reason: null, retryAt: null });
    expect(core.services.access.eventVisible(p, event(benThanh.camera))).toBe(true);
    expect(core.services.access.eventVisible(p, event(saiGon.camera))).toBe(false);
  });
});

describe('the contract holds both ways', () => {
  it('refuses an answer that does not match the output schema (a handler drifting from the contract)', async () => {
    const handlers = { 'settings.get': () => ({ language: 'klingon' }) } as unknown as Handlers;
    const d = createDispatcher({ handlers, access: core.services.access, audit: core.services.audit, checkOutputs: true });
    expect(await d.call('settings.get', {}, as('admin'))).toEqual({ ok: false, error: { code: 'internal', params: {} } });
  });
});
