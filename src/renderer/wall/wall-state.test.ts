import { describe, expect, it } from 'vitest';
import type { View } from '../../shared/contract';
import { preset } from '../../shared/layouts';
import { hasUnsavedWork, initialWall, placeCamera, wallReducer, type WallAction, type WallState } from './wall-state';

const run = (actions: WallAction[], from: WallState = initialWall) => actions.reduce(wallReducer, from);
const ids = (s: WallState) => s.tiles.map((t) => t?.cameraId ?? null);

describe('wall state', () => {
  it('assigns, swaps and clears tiles', () => {
    let s = run([
      { type: 'assign', index: 0, cameraId: 'a' },
      { type: 'assign', index: 3, cameraId: 'b' },
    ]);
    expect(ids(s)).toEqual(['a', null, null, 'b']);
    s = wallReducer(s, { type: 'swap', a: 0, b: 3 });
    expect(ids(s)).toEqual(['b', null, null, 'a']);
    s = wallReducer(s, { type: 'clear', index: 0 });
    expect(s.tiles[0]).toBeNull();
    expect(s.dirty).toBe(true);
  });

  it('shows a camera once: putting it on another tile moves it', () => {
    const s = run([
      { type: 'assign', index: 0, cameraId: 'a' },
      { type: 'assign', index: 2, cameraId: 'a' },
    ]);
    expect(ids(s)).toEqual([null, null, 'a', null]);
  });

  it('parks the cameras a smaller layout has no cell for, and gives them back where they were', () => {
    let s = wallReducer(initialWall, { type: 'layout', layout: preset('3x3') });
    s = run(
      ['a', 'b', 'c', null, 'e', null, null, 'h', 'i'].flatMap((id, i) => (id ? [{ type: 'assign' as const, index: i, cameraId: id }] : [])),
      s,
    );
    const before = ids(s);
    s = wallReducer(s, { type: 'layout', layout: preset('1') });
    expect(ids(s)).toEqual(['a']);
    expect(s.parked.map((p) => p.cameraId).sort()).toEqual(['b', 'c', 'e', 'h', 'i']);
    s = wallReducer(s, { type: 'layout', layout: preset('2x2') });
    expect(ids(s)).toEqual(['a', 'b', 'c', null]);
    s = wallReducer(s, { type: 'layout', layout: preset('3x3') });
    expect(ids(s)).toEqual(before);
    expect(s.parked).toEqual([]);
  });

  it('keeps a camera parked when its old cell was filled meanwhile, until it is put back by hand', () => {
    let s = run([
      { type: 'assign', index: 3, cameraId: 'd' },
      { type: 'layout', layout: preset('1') },
      { type: 'assign', index: 0, cameraId: 'x' },
    ]);
    s = run([{ type: 'layout', layout: preset('2x2') }, { type: 'assign', index: 3, cameraId: 'y' }], { ...s, tiles: [s.tiles[0]!], parked: s.parked });
    expect(s.parked.map((p) => p.cameraId)).toEqual(['d']);
    s = wallReducer(s, { type: 'unpark', cameraId: 'd', index: 1 });
    expect(ids(s)).toEqual(['x', 'd', null, 'y']);
    expect(s.parked).toEqual([]);
  });

  it('puts "show on wall" on the selected tile if empty, else the first empty, else parks what it covers', () => {
    let s = run([
      { type: 'assign', index: 0, cameraId: 'a' },
      { type: 'select', index: 2 },
    ]);
    expect(placeCamera(s, 'm')).toEqual({ index: 2, displaced: null });
    s = run([{ type: 'place', cameraId: 'm' }], s);
    expect(ids(s)).toEqual(['a', null, 'm', null]);
    s = run([{ type: 'place', cameraId: 'n' }], s); // selected (2) is taken: the first empty tile
    expect(ids(s)).toEqual(['a', 'n', 'm', null]);
    s = run([{ type: 'place', cameraId: 'a' }], s); // already there: selected, not duplicated
    expect(s.selected).toBe(0);
    s = run([{ type: 'place', cameraId: 'o' }, { type: 'place', cameraId: 'p' }], s);
    // A full wall: the selected tile takes it and its camera waits in the parked strip.
    expect(ids(s)).toEqual(['a', 'n', 'm', 'p']);
    expect(s.parked.map((p) => p.cameraId)).toEqual(['o']);
  });

  it('keeps stream and zoom per tile; zoom does not count as a change to the view', () => {
    let s = run([{ type: 'assign', index: 1, cameraId: 'a' }]);
    s = { ...s, dirty: false };
    s = wallReducer(s, { type: 'zoom', index: 1, zoom: { scale: 2, x: 0.1, y: 0 } });
    expect(s.tiles[1]).toEqual({ cameraId: 'a', stream: 'auto', zoom: { scale: 2, x: 0.1, y: 0 } });
    expect(s.dirty).toBe(false);
    s = wallReducer(s, { type: 'zoom', index: 1, zoom: { scale: 1, x: 0, y: 0 } });
    expect(s.tiles[1]).toEqual({ cameraId: 'a', stream: 'auto' });
    s = wallReducer(s, { type: 'stream', index: 1, stream: 'main' });
    expect(s.dirty).toBe(true);
  });

  it('loads a view clean, and restores an earlier state exactly (a tour’s end, undo)', () => {
    const view: View = { id: 'v', name: 'V', shared: true, editable: false, layout: preset('1+5'), tiles: [{ cameraId: 'a', stream: 'auto' }], shortcut: 1, updatedAt: 0 };
    const before = run([{ type: 'assign', index: 0, cameraId: 'z' }]);
    const during = run([{ type: 'load', view }, { type: 'camera', cameraId: 'q' }], before);
    expect(during.layout.name).toBe('1');
    expect(wallReducer(during, { type: 'restore', state: before })).toBe(before);
    expect(hasUnsavedWork(before)).toBe(true);
    expect(hasUnsavedWork(run([{ type: 'load', view }]))).toBe(false);
  });

  it('maximises a tile and restores', () => {
    let s = wallReducer(initialWall, { type: 'maximise', index: 2 });
    expect(s.maximised).toBe(2);
    s = wallReducer(s, { type: 'maximise', index: null });
    expect(s.maximised).toBeNull();
  });
});
