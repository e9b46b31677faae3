// Places in name order (camera-order.ts): whatever order cameras come in, one by one or in bulk,
// renamed or with no gap left, the places sort them exactly as their names do; and a search made
// while another connection writes is answered without waiting for it.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CameraOrder } from './camera-order';
import { testRegister, type TestRegister } from './testing';

let t: TestRegister;
let pointId: string;
const actor = { id: 'u-admin', name: 'Quản trị' };
beforeEach(() => {
  t = testRegister();
  const area = t.register.createArea({ parentId: null, name: 'Phường Bến Thành', kind: 'ward' }, actor);
  pointId = t.register.createPoint({ areaId: area.id, name: 'Chợ Bến Thành' }, actor).id;
});
afterEach(() => t.close());

const add = (name: string) => t.register.createCamera({ pointId, name }, actor).id;
const byPlace = () => t.db.prepare('SELECT c.id FROM camera_facets f JOIN cameras c ON c.search_rowid = f.search_rowid ORDER BY f.place').pluck().all();
const byName = () => t.db.prepare('SELECT id FROM cameras WHERE deleted_at IS NULL ORDER BY sort_key, search_rowid').pluck().all();
const unplaced = () => t.db.prepare('SELECT count(*) FROM camera_facets WHERE place IS NULL').pluck().get();

describe('places in name order', () => {
  it('a camera added between two others goes between them, one at a time', () => {
    const order = new CameraOrder(t.db);
    add('Cổng A');
    add('Cổng C');
    expect(order.placed()).toBe(true);
    add('Cổng B');
    expect(unplaced()).toBe(1);
    expect(order.placed()).toBe(true);
    expect(unplaced()).toBe(0);
    expect(byPlace()).toEqual(byName());
  });

  it('forty cameras squeezed into one gap, placed after each: the gap runs out and all are numbered afresh, still in order', () => {
    const order = new CameraOrder(t.db);
    add('Cổng A');
    add('Cổng B');
    order.placed();
    const renumbered = vi.spyOn(order, 'renumber');
    // Each new name sorts just after "Cổng A" and before the one added last (names sort by their
    // numbers, two digits each): always the same gap, halved each time.
    for (let i = 40; i > 0; i--) {
      add(`Cổng A ${String(i).padStart(2, "0")}`);
      expect(order.placed()).toBe(true);
      expect(byPlace()).toEqual(byName());
    }
    expect(renumbered).toHaveBeenCalled();
    expect(unplaced()).toBe(0);
  });

  it('many new cameras at once (an import) and renamed ones', () => {
    const order = new CameraOrder(t.db);
    const ids = Array.from({ length: 150 }, (_, i) => add(`Camera ${(i * 37) % 150}`));
    expect(order.placed()).toBe(true);
    expect(byPlace()).toEqual(byName());
    const rec = t.register.cameraRecord(ids[3]!);
    t.register.updateCamera({ ...rec, password: null, keepPassword: true, name: 'Aaa đầu tiên' }, actor);
    expect(unplaced()).toBe(1);
    // A status change keeps the place: nothing to place again.
    t.register.bulkStatus([ids[4]!], 'offline', actor);
    expect(unplaced()).toBe(1);
    expect(order.placed()).toBe(true);
    expect(byPlace()).toEqual(byName());
    expect(byPlace()[0]).toBe(ids[3]);
  });

  it('while another connection holds the write lock, the search is answered at once, by walking the table', () => {
    add('Cổng B');
    add('Cổng A');
    // Three of one name: ties go by their row numbers both ways, placed or not.
    const same = [add('Cổng C'), add('Cổng C'), add('Cổng C')];
    expect(new CameraOrder(t.db).placed()).toBe(true);
    const down = () => t.store.list.page(t.query.toQuery({}, null), 'name', true, 0, 10).rows.map((r) => r.id);
    const placedDown = down();
    expect(placedDown.slice(0, 3)).toEqual([...same].reverse());
    const last = add('Cổng D');
    const other = new Database(t.file);
    other.prepare('BEGIN IMMEDIATE').run();
    try {
      const started = performance.now();
      const q = t.query.toQuery({}, null);
      const page = t.store.list.page(q, 'name', false, 0, 10);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(page.rows.map((r) => r.name)).toEqual(['Cổng A', 'Cổng B', 'Cổng C', 'Cổng C', 'Cổng C', 'Cổng D']);
      expect(down()).toEqual([last, ...placedDown]);
      expect(unplaced()).toBe(1);
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
    }
    expect(new CameraOrder(t.db).placed()).toBe(true);
    expect(byPlace()).toEqual(byName());
  });

  it('a placement that fails for another reason (here a write refused) fails no search: it walks the table', () => {
    add('Cổng B');
    add('Cổng A');
    t.db.exec("CREATE TRIGGER refuse AFTER UPDATE OF place ON camera_facets BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    expect(new CameraOrder(t.db).placed()).toBe(false);
    expect(t.store.list.page(t.query.toQuery({}, null), 'name', false, 0, 10).rows.map((r) => r.name)).toEqual(['Cổng A', 'Cổng B']);
    expect(unplaced()).toBe(2);
  });
});
