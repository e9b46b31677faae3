// The wall's state as a reducer: which layout, which camera in which tile, which tile is selected
// or maximised, and whether it differs from the saved view.
import type { Layout, TileAssignment, View } from '../../shared/contract';
import { preset } from '../../shared/layouts';

export interface WallState {
  layout: Layout;
  tiles: TileAssignment[];
  selected: number;
  maximised: number | null;
  viewId: string | null;
  dirty: boolean;
}

export type WallAction =
  | { type: 'layout'; layout: Layout }
  | { type: 'assign'; index: number; cameraId: string }
  | { type: 'swap'; a: number; b: number }
  | { type: 'clear'; index: number }
  | { type: 'select'; index: number }
  | { type: 'maximise'; index: number | null }
  | { type: 'stream'; index: number; stream: 'auto' | 'main' | 'sub' }
  | { type: 'load'; view: View }
  | { type: 'saved'; viewId: string }
  | { type: 'camera'; cameraId: string };

export const initialWall: WallState = { layout: preset('2x2'), tiles: [], selected: 0, maximised: null, viewId: null, dirty: false };

function fit(tiles: TileAssignment[], n: number): TileAssignment[] {
  const out = tiles.slice(0, n);
  while (out.length < n) out.push(null);
  return out;
}

export function wallReducer(s: WallState, a: WallAction): WallState {
  const n = s.layout.cells.length;
  switch (a.type) {
    case 'layout': {
      // Cameras keep their order; those beyond the new layout's tiles leave the wall.
      const tiles = fit(s.tiles, a.layout.cells.length);
      return { ...s, layout: a.layout, tiles, selected: Math.min(s.selected, a.layout.cells.length - 1), maximised: null, dirty: true };
    }
    case 'assign': {
      if (a.index < 0 || a.index >= n) return s;
      const tiles = fit(s.tiles, n);
      tiles[a.index] = { cameraId: a.cameraId, stream: 'auto' };
      return { ...s, tiles, selected: a.index, dirty: true };
    }
    case 'swap': {
      if (a.a === a.b) return s;
      const tiles = fit(s.tiles, n);
      [tiles[a.a], tiles[a.b]] = [tiles[a.b] ?? null, tiles[a.a] ?? null];
      return { ...s, tiles, selected: a.b, dirty: true };
    }
    case 'clear': {
      const tiles = fit(s.tiles, n);
      tiles[a.index] = null;
      return { ...s, tiles, maximised: s.maximised === a.index ? null : s.maximised, dirty: true };
    }
    case 'select':
      return a.index >= 0 && a.index < n ? { ...s, selected: a.index } : s;
    case 'maximise':
      return { ...s, maximised: a.index, selected: a.index ?? s.selected };
    case 'stream': {
      const tiles = fit(s.tiles, n);
      const t = tiles[a.index];
      if (!t) return s;
      tiles[a.index] = { ...t, stream: a.stream };
      return { ...s, tiles, dirty: true };
    }
    case 'load':
      return { layout: a.view.layout, tiles: fit(a.view.tiles, a.view.layout.cells.length), selected: 0, maximised: null, viewId: a.view.id, dirty: false };
    case 'saved':
      return { ...s, viewId: a.viewId, dirty: false };
    case 'camera':
      // A single camera full-wall (tour step, or "show on wall" from elsewhere).
      return { layout: preset('1'), tiles: [{ cameraId: a.cameraId, stream: 'auto' }], selected: 0, maximised: null, viewId: null, dirty: false };
  }
}
