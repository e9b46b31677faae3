import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../shared/contract';
import { createCore, type Core } from '../core';

let dir: string;
let core: Core;
const operator: User = { id: 'op', username: 'op', displayName: 'Operator', role: 'operator' };

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wf-api-'));
  core = await createCore({ dataDir: dir, shell: 'serve' });
});
afterAll(async () => {
  await core.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('the API dispatcher', () => {
  const admin = () => ({ user: core.localUser });

  it('answers a valid call', async () => {
    const r = await core.dispatcher.call('settings.get', {}, admin());
    expect(r).toEqual({ ok: true, value: { language: 'system', timeZone: 'Asia/Ho_Chi_Minh', tourDwellSeconds: 20 } });
  });

  it('refuses an unknown method with a typed error', async () => {
    expect(await core.dispatcher.call('cameras.explode', {}, admin())).toEqual({
      ok: false,
      error: { code: 'unknown_method', params: { method: 'cameras.explode' } },
    });
  });

  it('refuses wrong argument types and names the field', async () => {
    const r = await core.dispatcher.call('settings.update', { tourDwellSeconds: 'soon' }, admin());
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_request', params: { field: 'tourDwellSeconds' } } });
    // Nothing was written.
    expect(await core.dispatcher.call('settings.get', {}, admin())).toMatchObject({ ok: true, value: { tourDwellSeconds: 20 } });
  });

  it('checks the permission the contract declares', async () => {
    const r = await core.dispatcher.call('settings.update', { language: 'vi' }, { user: operator });
    expect(r).toEqual({ ok: false, error: { code: 'permission_denied', params: { method: 'settings.update', permission: 'settings.manage' } } });
  });

  it('publishes settings.changed to every listener', async () => {
    const seen: unknown[] = [];
    const off = core.services.events.subscribe((e) => seen.push(e));
    await core.dispatcher.call('settings.update', { language: 'vi' }, admin());
    off();
    expect(seen).toEqual([{ type: 'settings.changed', settings: expect.objectContaining({ language: 'vi' }) }]);
  });

  it('builds the register tree and never returns a camera password', async () => {
    const area = await core.dispatcher.call('register.createArea', { parentId: null, name: 'Phường Bến Nghé', kind: 'ward' }, admin());
    expect(area.ok).toBe(true);
    const areaId = (area as { value: { id: string } }).value.id;
    const point = await core.dispatcher.call('register.createPoint', { areaId, name: 'Ngã tư Lê Lợi' }, admin());
    const pointId = (point as { value: { id: string } }).value.id;
    const cam = await core.dispatcher.call(
      'register.createCamera',
      { pointId, name: 'Lê Lợi hướng Bắc', rtspMain: 'rtsp://10.0.0.5/main', username: 'admin', password: 'hunter2' },
      admin(),
    );
    expect(cam).toMatchObject({ ok: true, value: { name: 'Lê Lợi hướng Bắc', hasPassword: true, status: 'unknown' } });
    expect(JSON.stringify(cam)).not.toContain('hunter2');
    const id = (cam as { value: { id: string } }).value.id;
    // The relay can still open it.
    expect(core.services.register.source(id, 'sub')).toEqual({ url: 'rtsp://10.0.0.5/main', transport: 'tcp', username: 'admin', password: 'hunter2' });
    const missing = await core.dispatcher.call('register.createCamera', { pointId: 'nope', name: 'x' }, admin());
    expect(missing).toEqual({ ok: false, error: { code: 'not_found', params: { kind: 'point', id: 'nope' } } });
  });
});
