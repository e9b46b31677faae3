// The hardening seen from a client: through the real dispatcher of a real core, refusals arrive as
// bad_request naming the field and a translatable problem, and creates with a client id are safe
// to retry.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_ROLE_DEFAULTS } from '../../shared/contract';
import { systemPrincipal } from '../auth/principal';
import { createCore, type Core } from '../core';
import type { CallContext } from './dispatcher';

let dir: string;
let core: Core;
const admin = (): CallContext => ({
  principal: systemPrincipal({ id: 'admin', username: 'admin', displayName: 'admin', role: 'admin' }, BUILTIN_ROLE_DEFAULTS.admin.permissions),
  source: { address: '127.0.0.1', local: true },
});

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wf-hardening-'));
  core = await createCore({ dataDir: dir, shell: 'serve' });
});
afterAll(async () => {
  await core.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('through the dispatcher', () => {
  it('a bad camera URL is refused naming the field and the problem', async () => {
    const r = await core.dispatcher.call('register.createCamera', { pointId: 'p', name: 'x', rtspMain: 'concat:/etc/passwd|/etc/hosts' }, admin());
    expect(r).toEqual({
      ok: false,
      error: { code: 'bad_request', params: { method: 'register.createCamera', field: 'rtspMain', problem: 'url_scheme' } },
    });
  });

  it('a time zone Intl does not know is refused as time_zone and not stored', async () => {
    const r = await core.dispatcher.call('settings.update', { timeZone: 'Not/AZone' }, admin());
    expect(r).toEqual({ ok: false, error: { code: 'bad_request', params: { method: 'settings.update', field: 'timeZone', problem: 'time_zone' } } });
    expect(await core.dispatcher.call('settings.get', {}, admin())).toMatchObject({ ok: true, value: { timeZone: 'Asia/Ho_Chi_Minh' } });
  });

  it('system.backup refuses a destination and writes only into the data folder', async () => {
    const elsewhere = path.join(dir, 'elsewhere', 'x.db');
    const refused = await core.dispatcher.call('system.backup', { destination: elsewhere }, admin());
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad_request', params: { problem: 'unrecognized_keys' } } });
    expect(existsSync(path.dirname(elsewhere))).toBe(false);
    const r = await core.dispatcher.call('system.backup', {}, admin());
    expect(r).toMatchObject({ ok: true, value: { file: expect.stringContaining(path.join(dir, 'backups', 'watchfloor-')) } });
  });

  it('the same create twice makes one area; another under its id is a conflict', async () => {
    const id = randomUUID();
    const input = { id, parentId: null, name: 'Phường Tân Định', kind: 'ward' as const };
    const a = await core.dispatcher.call('register.createArea', input, admin());
    const b = await core.dispatcher.call('register.createArea', input, admin());
    expect(b).toEqual(a);
    expect(await core.dispatcher.call('register.createArea', { ...input, name: 'Khác' }, admin())).toEqual({
      ok: false,
      error: { code: 'conflict', params: { kind: 'area', id } },
    });
    const tree = await core.dispatcher.call('register.tree', {}, admin());
    expect((tree as { value: { areas: Array<{ id: string }> } }).value.areas.filter((x) => x.id === id)).toHaveLength(1);
  });
});
