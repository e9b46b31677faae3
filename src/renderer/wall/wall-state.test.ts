import { describe, expect, it } from 'vitest';
import { preset } from '../../shared/layouts';
import { initialWall, wallReducer } from './wall-state';

describe('wall state', () => {
  it('assigns, swaps and clears tiles', () => {
    let s = wallReducer(initialWall, { type: 'assign', index: 0, cameraId: 'a' });
    s = wallReducer(s, { type: 'assign', index: 3, cameraId: 'b' });
    expect(s.tiles.map((t) => t?.cameraId ?? null)).toEqual(['a', null, null, 'b']);
    s = wallReducer(s, { type: 'swap', a: 0, b: 3 });
    expect(s.tiles.map((t) => t?.cameraId ?? null)).toEqual(['b', null, null, 'a']);
    s = wallReducer(s, { type: 'clear', index: 0 });
    expect(s.tiles[0]).toBeNull();
    expect(s.dirty).toBe(true);
  });

  it('keeps cameras in order when the layout changes', () => {
    let s = wallReducer(initialWall, { type: 'assign', index: 1, cameraId: 'a' });
    s = wallReducer(s, { type: 'layout', layout: preset('3x3') });
    expect(s.tiles).toHaveLength(9);
    expect(s.tiles[1]?.cameraId).toBe('a');
    s = wallReducer(s, { type: 'layout', layout: preset('1') });
    expect(s.tiles).toEqual([null]);
    expect(s.selected).toBe(0);
  });

  it('maximises a tile and restores', () => {
    let s = wallReducer(initialWall, { type: 'maximise', index: 2 });
    expect(s.maximised).toBe(2);
    s = wallReducer(s, { type: 'maximise', index: null });
    expect(s.maximised).toBeNull();
  });
});
