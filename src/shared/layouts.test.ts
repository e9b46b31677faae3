import { describe, expect, it } from 'vitest';
import { autoStream, isValidLayout, mergeCells, neighbour, preset, PRESETS, splitCell } from './layouts';

describe('wall layouts', () => {
  it('offers the presets an operator expects, each covering its grid exactly', () => {
    expect(PRESETS.map((p) => p.name)).toEqual(['1', '2x2', '3x3', '4x4', '5x5', '6x6', '1+5', '1+7', '1+12', '2+8']);
    const tiles: Record<string, number> = { '1': 1, '2x2': 4, '3x3': 9, '4x4': 16, '5x5': 25, '6x6': 36, '1+5': 6, '1+7': 8, '1+12': 13, '2+8': 10 };
    for (const p of PRESETS) {
      expect(isValidLayout(p), p.name).toBe(true);
      expect(p.cells.length, p.name).toBe(tiles[p.name]);
    }
  });

  it('merges a rectangle into one cell and splits it back', () => {
    const merged = mergeCells(preset('3x3'), { x: 1, y: 1 }, { x: 2, y: 2 });
    expect(isValidLayout(merged)).toBe(true);
    expect(merged.cells).toHaveLength(6);
    expect(merged.cells).toContainEqual({ x: 1, y: 1, w: 2, h: 2 });
    // Merging across an existing merged cell stays valid.
    const again = mergeCells(merged, { x: 0, y: 0 }, { x: 1, y: 0 });
    expect(isValidLayout(again)).toBe(true);
    const split = splitCell(merged, { x: 2, y: 2 });
    expect(isValidLayout(split)).toBe(true);
    expect(split.cells).toHaveLength(9);
  });

  it('moves the selection by arrow keys to the neighbouring tile', () => {
    const l = preset('3x3');
    expect(neighbour(l, 0, 'right')).toBe(1);
    expect(neighbour(l, 0, 'down')).toBe(3);
    expect(neighbour(l, 4, 'up')).toBe(1);
    expect(neighbour(l, 0, 'left')).toBe(0); // at the edge it stays
    const big = preset('1+5');
    expect(neighbour(big, 0, 'right')).toBe(1);
  });

  it('chooses the main stream for big tiles and the sub stream for small ones', () => {
    expect(autoStream(preset('1'), 0, false)).toBe('main');
    expect(autoStream(preset('2x2'), 0, false)).toBe('main');
    expect(autoStream(preset('3x3'), 0, false)).toBe('sub');
    expect(autoStream(preset('3x3'), 0, true)).toBe('main');
    expect(autoStream(preset('1+5'), 0, false)).toBe('main');
    expect(autoStream(preset('1+5'), 1, false)).toBe('sub');
  });
});
