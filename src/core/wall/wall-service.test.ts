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

const view = (name: string, shared = false, shortcut: number | null = null) => ({ name, shared, layout: preset('2x2'), tiles: [{ cameraId: 'c1', stream: 'auto' as const }, null, null, null], shortcut });

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
    const w = { key: 'w2', viewId: 'v1', mode: 'wall' as const, left: 1920, top: 0, width: 1920, height: 1080, displayId: null };
    wall.saveWindow(officer, { ...w, key: 'main' }, false);
    wall.saveWindow(officer, w, false);
    expect(wall.workspace(officer).windows.map((x) => x.key).sort()).toEqual(['main', 'w2']);
    wall.saveWindow(officer, w, true);
    expect(wall.workspace(officer).windows.map((x) => x.key)).toEqual(['main']);
    expect(wall.workspace(other).windows).toEqual([]);
  });

  it('keeps at most 16 windows as the contract says: a 17th replaces the one saved longest ago', () => {
    const w = (n: number) => ({ key: `w${n}`, viewId: null, mode: 'console' as const, left: n, top: 0, width: 800, height: 600, displayId: null });
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

describe('views in order and by number', () => {
  it('lists views in Vietnamese alphabetical order, not by code point', () => {
    for (const n of ['Công viên', 'Cầu Thị Nghè', 'Đồng Khởi', 'Dinh Độc Lập']) wall.saveView(officer, view(n));
    expect(wall.views(officer).map((v) => v.name)).toEqual(['Cầu Thị Nghè', 'Công viên', 'Dinh Độc Lập', 'Đồng Khởi']);
  });

  it('gives a Shift+number to one view per owner: taking it moves it, and others keep theirs', () => {
    const a = wall.saveView(admin, view('Toàn cảnh', true, 1));
    const b = wall.saveView(admin, view('Chợ', true, 2));
    const mine = wall.saveView(officer, view('Của tôi', false, 1));
    // A new personal view does not shift anyone's numbers.
    wall.saveView(officer, view('A mới', false));
    const byName = () => Object.fromEntries(wall.views(officer).map((v) => [v.name, v.shortcut]));
    expect(byName()).toEqual({ 'A mới': null, Chợ: 2, 'Của tôi': 1, 'Toàn cảnh': 1 });
    // The supervisor gives 2 to the overview: the market view loses it; the officer's 1 stays.
    wall.saveView(admin, { ...view('Toàn cảnh', true, 2), id: a.id });
    expect(byName()).toEqual({ 'A mới': null, Chợ: null, 'Của tôi': 1, 'Toàn cảnh': 2 });
    expect(wall.views(other).find((v) => v.id === b.id)?.shortcut).toBeNull();
    expect(mine.shortcut).toBe(1);
  });
});

describe("each window's wall", () => {
  const state = (cameraId = 'c1') => ({
    layout: preset('2x2'),
    tiles: [{ cameraId, stream: 'sub' as const, zoom: { scale: 2, x: 0.1, y: -0.2 } }, null, null, null],
    parked: [{ cameraId: 'c9', stream: 'auto' as const, slot: 5 }],
    selected: 1,
    maximised: null,
    viewId: null,
    dirty: true,
  });

  it('keeps a wall per user and per window, and nothing for anyone else', () => {
    wall.saveWallState(officer, 'main', state());
    wall.saveWallState(officer, 'w2', state('c2'));
    expect(wall.wallState(officer, 'main').state).toEqual(state());
    expect(wall.wallState(officer, 'w2').state?.tiles[0]?.cameraId).toBe('c2');
    expect(wall.wallState(other, 'main').state).toBeNull();
  });

  it('refuses a wall whose tiles do not fit its layout', () => {
    expect(() => wall.saveWallState(officer, 'main', { ...state(), tiles: [null, null, null, null, null] })).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(() => wall.saveWallState(officer, 'main', { ...state(), selected: 4 })).toThrow(expect.objectContaining({ code: 'bad_request' }));
  });

  it('keeps at most 16 windows per user, giving way oldest first but never the main one', () => {
    wall.saveWallState(officer, 'main', state());
    for (let i = 0; i < 20; i++) wall.saveWallState(officer, `w${i}`, state());
    expect(db.prepare('SELECT count(*) AS n FROM wall_states WHERE user_id = ?').get(officer.user.id)).toEqual({ n: 16 });
    expect(wall.wallState(officer, 'main').state).not.toBeNull();
    expect(wall.wallState(officer, 'w19').state).not.toBeNull();
  });

  it('forgets a window’s wall when the window is forgotten', () => {
    const w = { key: 'w2', viewId: null, mode: 'wall' as const, left: null, top: null, width: null, height: null, displayId: null };
    wall.saveWindow(officer, w, false);
    wall.saveWallState(officer, 'w2', state());
    wall.saveWindow(officer, w, true);
    expect(wall.wallState(officer, 'w2').state).toBeNull();
  });
});

describe('scoped walls', () => {
  it('refuses cameras outside the areas and takes them off a stored wall', () => {
    let allowed = new Set(['c1', 'c9']);
    const scoped = new WallService(new WallRepository(db), new EventBus(), (_p, id) => allowed.has(id));
    const ward: Principal = { ...officer, scope: ['a1'] };
    const s = { layout: preset('2x2'), tiles: [{ cameraId: 'c1', stream: 'auto' as const }, null, null, null], parked: [{ cameraId: 'c9', stream: 'auto' as const, slot: 5 }], selected: 0, maximised: null, viewId: null, dirty: false };
    scoped.saveWallState(ward, 'main', s);
    expect(() => scoped.saveWallState(ward, 'main', { ...s, tiles: [{ cameraId: 'c5', stream: 'auto' }, null, null, null] })).toThrow(expect.objectContaining({ code: 'not_found' }));
    allowed = new Set(['c9']);
    expect(scoped.wallState(ward, 'main').state?.tiles[0]).toBeNull();
    expect(scoped.wallState(ward, 'main').state?.parked).toHaveLength(1);
  });
});
