// The register through a real core's dispatcher, as a ward account sees it: only its own areas in
// every list, count and report; records of other wards read as not found, bulk changes included;
// and every answer within the contract (checkOutputs).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_ROLE_DEFAULTS, type MethodOutput } from '../../shared/contract';
import { systemPrincipal } from '../auth/principal';
import { createCore, type Core } from '../core';
import type { CallContext } from './dispatcher';

let dir: string;
let core: Core;
const ctx = (role: 'admin' | 'ward', scope: string[] = []): CallContext => ({
  principal: systemPrincipal({ id: role, username: role, displayName: role, role }, BUILTIN_ROLE_DEFAULTS[role].permissions, scope),
  source: { address: '127.0.0.1', local: true },
});
async function call<T = unknown>(method: string, input: unknown, c: CallContext = ctx('admin')): Promise<T> {
  const r = await core.dispatcher.call(method, input, c);
  if (!r.ok) throw Object.assign(new Error(r.error.code), r.error);
  return r.value as T;
}

let benThanh: string;
let saiGon: string;
let camSaiGon: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wf-register-scope-'));
  core = await createCore({ dataDir: dir, shell: 'serve', checkOutputs: true });
  const city = await call<{ id: string }>('register.createArea', { parentId: null, name: 'TP. Hồ Chí Minh', kind: 'city' });
  benThanh = (await call<{ id: string }>('register.createArea', { parentId: city.id, name: 'Phường Bến Thành', kind: 'ward' })).id;
  saiGon = (await call<{ id: string }>('register.createArea', { parentId: city.id, name: 'Phường Sài Gòn', kind: 'ward' })).id;
  const p1 = await call<{ id: string }>('register.createPoint', {
    areaId: benThanh,
    name: 'Chợ Bến Thành',
    lat: 10.7725,
    lon: 106.698,
    categoryId: 'market',
  });
  const p2 = await call<{ id: string }>('register.createPoint', { areaId: saiGon, name: 'Nhà thờ Đức Bà', lat: 10.7798, lon: 106.699 });
  await call('register.createCamera', { pointId: p1.id, name: 'Bến Thành – cổng Nam', status: 'working', heading: 90 });
  await call('register.createCamera', { pointId: p1.id, name: 'Bến Thành – cổng Nam 2', status: 'working', heading: 100 });
  camSaiGon = (await call<{ id: string }>('register.createCamera', { pointId: p2.id, name: 'Nhà thờ Đức Bà', status: 'offline' })).id;
});
afterAll(async () => {
  await core.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('a ward account', () => {
  it('lists, counts and reports only its own ward', async () => {
    const ward = ctx('ward', [benThanh]);
    const page = await call<MethodOutput<'register.cameras'>>('register.cameras', {}, ward);
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => r.areaName)).toEqual(['Phường Bến Thành', 'Phường Bến Thành']);
    expect((await call<MethodOutput<'register.cameras'>>('register.cameras', { filter: { query: 'nha tho' } }, ward)).total).toBe(0);
    expect((await call<MethodOutput<'register.cameras'>>('register.cameras', { filter: { areaIds: [saiGon] } }, ward)).total).toBe(0);
    const stats = await call<MethodOutput<'register.stats'>>('register.stats', {}, ward);
    expect(stats.rows.map((r) => r.name)).toEqual(['Phường Bến Thành']);
    expect(stats.total).toMatchObject({ points: 1, cameras: 2 });
    expect((await call<MethodOutput<'register.areas'>>('register.areas', {}, ward)).map((a) => a.name)).toEqual(['Phường Bến Thành']);
    expect((await call<MethodOutput<'register.points'>>('register.points', {}, ward)).total).toBe(1);
    const dup = await call<MethodOutput<'register.duplicates'>>('register.duplicates', {}, ward);
    expect(dup.pairs.map((p) => [p.a.name, p.b.name].sort())).toEqual([['Bến Thành – cổng Nam', 'Bến Thành – cổng Nam 2']]);
  });

  it('cannot read or change another ward’s records: they read as not found', async () => {
    const ward = { ...ctx('ward', [benThanh]) };
    ward.principal = { ...ward.principal!, permissions: new Set([...ward.principal!.permissions, 'register.manage']) };
    await expect(call('register.camera', { id: camSaiGon }, ward)).rejects.toMatchObject({ code: 'not_found' });
    await expect(call('register.history', { kind: 'camera', id: camSaiGon }, ward)).rejects.toMatchObject({ code: 'not_found' });
    await expect(call('register.bulkStatus', { ids: [camSaiGon], status: 'awaiting_repair' }, ward)).rejects.toMatchObject({ code: 'not_found' });
    await expect(call('register.delete', { kind: 'area', id: saiGon }, ward)).rejects.toMatchObject({ code: 'not_found' });
    expect((await call<{ status: string }>('register.camera', { id: camSaiGon })).status).toBe('offline');
  });

  it('without register.manage, cannot change anything', async () => {
    const r = await core.dispatcher.call('register.bulkStatus', { ids: [camSaiGon], status: 'working' }, ctx('ward', [benThanh]));
    expect(r).toMatchObject({ ok: false, error: { code: 'permission_denied' } });
  });
});

describe('the contract', () => {
  it('refuses a point with swapped coordinates, naming the field and the problem', async () => {
    const r = await core.dispatcher.call('register.createPoint', { areaId: benThanh, name: 'X', lat: 106.698, lon: 10.7725 }, ctx('admin'));
    expect(r).toEqual({
      ok: false,
      error: { code: 'bad_request', params: { method: 'register.createPoint', field: 'lat', problem: 'lat_lon_swapped' } },
    });
  });

  it('keeps the wall’s tree as it was: register.tree still answers areas, points and cameras', async () => {
    const tree = await call<MethodOutput<'register.tree'>>('register.tree', {});
    expect(tree.cameras).toHaveLength(3);
    expect(Object.keys(tree.cameras[0]!).sort()).toEqual(
      [
        'id',
        'pointId',
        'name',
        'status',
        'ptz',
        'onvifUrl',
        'rtspMain',
        'rtspSub',
        'username',
        'hasPassword',
        'rtspTransport',
        'preferredStream',
        'transmission',
        'funding',
      ].sort(),
    );
  });
});
