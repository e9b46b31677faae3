import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_ROLE_DEFAULTS } from '../../shared/contract';
import { systemPrincipal, type Principal } from '../auth/principal';
import { preset } from '../../shared/layouts';
import { UserRepository } from '../auth/user-repository';
import { EventBus } from '../events/event-bus';
import { openDatabase, type Db } from '../store/database';
import { WallRepository } from './wall-repository';
import { WallService } from './wall-service';

let dir: string;
let db: Db;
let wall: WallService;
let admin: Principal;
let officer: Principal;
let other: Principal;

const as = (u: { id: string; username: string; displayName: string; role: string }, role: 'admin' | 'officer'): Principal =>
  systemPrincipal({ id: u.id, username: u.username, displayName: u.displayName, role }, BUILTIN_ROLE_DEFAULTS[role].permissions);

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wf-wall-'));
  db = openDatabase({ dataDir: dir }).db;
  const users = new UserRepository(db);
  admin = as(users.insert({ username: 'admin', displayName: 'Quản trị', role: 'admin', passwordHash: null }), 'admin');
  officer = as(users.insert({ username: 'trucban1', displayName: 'Trực ban 1', role: 'officer', passwordHash: null }), 'officer');
  other = as(users.insert({ username: 'trucban2', displayName: 'Trực ban 2', role: 'officer', passwordHash: null }), 'officer');
  // Unscoped accounts: every camera is visible (scopes have their own tests).
  wall = new WallService(new WallRepository(db), new EventBus(), () => true);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const view = (name: string, shared = false) => ({ name, shared, layout: preset('2x2'), tiles: [{ cameraId: 'c1', stream: 'auto' as const }, null, null, null] });

describe('views', () => {
  it('keeps personal views personal and shows shared ones to everyone', () => {
    wall.saveView(officer, view('Của tôi'));
    wall.saveView(admin, view('Chung', true));
    expect(wall.views(officer).map((v) => [v.name, v.shared, v.editable])).toEqual([
      ['Chung', true, false],
      ['Của tôi', false, true],
    ]);
    expect(wall.views(other).map((v) => v.name)).toEqual(['Chung']);
  });

  it('lets only views.manage share or change a shared view, and nobody change another’s', () => {
    expect(() => wall.saveView(officer, view('Chia sẻ', true))).toThrow(expect.objectContaining({ code: 'permission_denied' }));
    const shared = wall.saveView(admin, view('Chung', true));
    expect(() => wall.saveView(officer, { ...view('Chung'), id: shared.id })).toThrow(expect.objectContaining({ code: 'permission_denied' }));
    expect(() => wall.deleteView(officer, shared.id)).toThrow(expect.objectContaining({ code: 'permission_denied' }));
    const mine = wall.saveView(officer, view('Của tôi'));
    expect(() => wall.deleteView(other, mine.id)).toThrow(expect.objectContaining({ code: 'permission_denied' }));
    expect(wall.deleteView(officer, mine.id)).toEqual({ id: mine.id });
  });

  it('drops cameras beyond the layout’s tiles rather than storing them invisibly', () => {
    const v = wall.saveView(officer, { ...view('Một'), layout: preset('1') });
    expect(v.tiles).toHaveLength(1);
  });
});

describe('saving with a client-chosen id', () => {
  it('makes one view and one tour however often the same save is retried', () => {
    const id = '0d6f3a2e-7c1b-4f4e-9a55-3c2d1e0f9a8b';
    const first = wall.saveView(officer, { ...view('Cổng chợ'), id });
    const again = wall.saveView(officer, { ...view('Cổng chợ'), id });
    expect(again).toMatchObject({ id, name: 'Cổng chợ' });
    expect(again.id).toBe(first.id);
    expect(wall.views(officer).filter((v) => v.name === 'Cổng chợ')).toHaveLength(1);
    const tourId = '6a0f4d3c-2b1a-4c9d-8e7f-1a2b3c4d5e6f';
    const tour = { id: tourId, name: 'Tuần tra', shared: false, dwellSeconds: 10, steps: [{ kind: 'view' as const, viewId: id }] };
    wall.saveTour(officer, tour);
    wall.saveTour(officer, tour);
    expect(wall.tours(officer)).toHaveLength(1);
  });

  it('cannot take over someone else’s view by choosing its id', () => {
    const mine = wall.saveView(officer, view('Của tôi'));
    expect(() => wall.saveView(other, { ...view('Của tôi'), id: mine.id })).toThrow(expect.objectContaining({ code: 'permission_denied' }));
  });
});

describe('workspace', () => {
  it('remembers each window and forgets one on request', () => {
    const w = { key: 'w2', viewId: 'v1', left: 1920, top: 0, width: 1920, height: 1080, displayId: null };
    wall.saveWindow(officer, { ...w, key: 'main' }, false);
    wall.saveWindow(officer, w, false);
    expect(wall.workspace(officer).windows.map((x) => x.key).sort()).toEqual(['main', 'w2']);
    wall.saveWindow(officer, w, true);
    expect(wall.workspace(officer).windows.map((x) => x.key)).toEqual(['main']);
    expect(wall.workspace(other).windows).toEqual([]);
  });

  it('keeps at most 16 windows as the contract says: a 17th replaces the one saved longest ago', () => {
    const w = (n: number) => ({ key: `w${n}`, viewId: null, left: n, top: 0, width: 800, height: 600, displayId: null });
    for (let n = 1; n <= 17; n++) wall.saveWindow(officer, w(n), false);
    const keys = wall.workspace(officer).windows.map((x) => x.key);
    expect(keys).toHaveLength(16);
    expect(keys).not.toContain('w1');
    expect(keys).toContain('w17');
    // Saving a window again makes it the most recent, so it is not the next one dropped.
    wall.saveWindow(officer, w(2), false);
    wall.saveWindow(officer, w(18), false);
    expect(wall.workspace(officer).windows.map((x) => x.key)).toEqual([...Array.from({ length: 14 }, (_, i) => `w${i + 4}`), 'w2', 'w18']);
  });

  it('reads an over-full stored workspace (from before the limit) as its 16 most recent windows', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ key: `w${i}`, viewId: null, left: null, top: null, width: null, height: null, displayId: null }));
    db.prepare('INSERT INTO workspaces(user_id, state, updated_at) VALUES (?, ?, 0)').run(officer.user.id, JSON.stringify({ windows: many }));
    const windows = wall.workspace(officer).windows;
    expect(windows).toHaveLength(16);
    expect(windows[15]!.key).toBe('w39');
  });
});
