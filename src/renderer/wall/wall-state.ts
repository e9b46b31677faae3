// The wall's state as a reducer: which layout, which camera (stream, zoom) in which tile, cameras
// parked off the wall when a layout shrank, which tile is selected or maximised, and whether it
// differs from the view it came from. Pure: the persistence, undo and confirmations are the hooks'.
import type { Layout, ParkedCamera, TileAssignment, TileCamera, TileZoom, View, WallState } from '../../shared/contract';
import { preset } from '../../shared/layouts';

export type { WallState };

export type WallAction =
  | { type: 'layout'; layout: Layout }
  | { type: 'assign'; index: number; cameraId: string }
  /** "Show on wall" from the map, the palette or a tree double-click: see `placeCamera`. */
  | { type: 'place'; cameraId: string }
  | { type: 'swap'; a: number; b: number }
  | { type: 'clear'; index: number }
  | { type: 'select'; index: number }
  | { type: 'maximise'; index: number | null }
  | { type: 'stream'; index: number; stream: 'auto' | 'main' | 'sub' }
  | { type: 'zoom'; index: number; zoom: TileZoom | null }
  | { type: 'load'; view: View }
  | { type: 'saved'; viewId: string | null }
  /** A tour's camera step: that camera alone on the wall. */
  | { type: 'camera'; cameraId: string }
  /** Back to a state kept earlier (undo, a tour's end, a stored wall). */
  | { type: 'restore'; state: WallState }
  /** A parked camera back onto a tile (the selected one unless told). */
  | { type: 'unpark'; cameraId: string; index?: number }
  | { type: 'forgetParked' };

export const initialWall: WallState = { layout: preset('2x2'), tiles: [null, null, null, null], parked: [], selected: 0, maximised: null, viewId: null, dirty: false };

const MAX_PARKED = 64;

function fit(tiles: readonly TileAssignment[], n: number): TileAssignment[] {
  const out = tiles.slice(0, n);
  while (out.length < n) out.push(null);
  return out;
}

const onWall = (s: WallState, cameraId: string) => s.tiles.findIndex((t) => t?.cameraId === cameraId);

/** Parks a camera that has to leave its tile, newest first, without duplicates, bounded. */
function park(parked: readonly ParkedCamera[], cam: TileCamera, slot: number | null): ParkedCamera[] {
  return [{ ...cam, slot }, ...parked.filter((p) => p.cameraId !== cam.cameraId)].slice(0, MAX_PARKED);
}

/**
 * Where "show on wall" puts a camera: where it already is; else the selected tile if it is empty;
 * else the first empty tile; else the selected tile, whose camera is parked (never lost).
 */
export function placeCamera(s: WallState, cameraId: string): { index: number; displaced: TileCamera | null } {
  const n = s.layout.cells.length;
  const tiles = fit(s.tiles, n);
  const already = tiles.findIndex((t) => t?.cameraId === cameraId);
  if (already >= 0) return { index: already, displaced: null };
  if (!tiles[s.selected]) return { index: s.selected, displaced: null };
  const free = tiles.findIndex((t) => t === null);
  if (free >= 0) return { index: free, displaced: null };
  return { index: s.selected, displaced: tiles[s.selected] ?? null };
}

function put(s: WallState, index: number, cam: TileCamera): WallState {
  const n = s.layout.cells.length;
  if (index < 0 || index >= n) return s;
  const tiles = fit(s.tiles, n);
  // A camera shows once per wall: moving it here empties the tile it was on.
  const was = tiles.findIndex((t) => t?.cameraId === cam.cameraId);
  if (was === index) return { ...s, selected: index };
  if (was >= 0) tiles[was] = null;
  const displaced = tiles[index];
  tiles[index] = cam;
  const parked = s.parked.filter((p) => p.cameraId !== cam.cameraId);
  return {
    ...s,
    tiles,
    parked: displaced && was < 0 ? park(parked, displaced, index) : parked,
    selected: index,
    maximised: s.maximised !== null && s.maximised !== index ? null : s.maximised,
    dirty: true,
  };
}

function changeLayout(s: WallState, layout: Layout): WallState {
  const n = layout.cells.length;
  const old = fit(s.tiles, s.layout.cells.length);
  const tiles = fit(old, n);
  // Cameras whose cell is gone wait in the parked strip, with the tile they left.
  let parked = [...s.parked];
  for (let i = old.length - 1; i >= n; i--) {
    const t = old[i];
    if (t) parked = park(parked, t, i);
  }
  // Cells that came back take their cameras back; each only where it was and only if empty.
  const stay: ParkedCamera[] = [];
  for (const p of parked) {
    const slot = p.slot;
    if (slot !== null && slot < n && slot >= old.length && tiles[slot] === null && !tiles.some((t) => t?.cameraId === p.cameraId)) {
      const { slot: _slot, ...cam } = p;
      tiles[slot] = cam;
    } else stay.push(p);
  }
  return { ...s, layout, tiles, parked: stay, selected: Math.min(s.selected, n - 1), maximised: null, dirty: true };
}

export function wallReducer(s: WallState, a: WallAction): WallState {
  const n = s.layout.cells.length;
  switch (a.type) {
    case 'layout':
      return changeLayout(s, a.layout);
    case 'assign':
      return put(s, a.index, { cameraId: a.cameraId, stream: 'auto' });
    case 'place': {
      const { index } = placeCamera(s, a.cameraId);
      return onWall(s, a.cameraId) >= 0 ? { ...s, selected: index } : put(s, index, { cameraId: a.cameraId, stream: 'auto' });
    }
    case 'swap': {
      if (a.a === a.b || a.a < 0 || a.b < 0 || a.a >= n || a.b >= n) return s;
      const tiles = fit(s.tiles, n);
      [tiles[a.a], tiles[a.b]] = [tiles[a.b] ?? null, tiles[a.a] ?? null];
      return { ...s, tiles, selected: a.b, dirty: true };
    }
    case 'clear': {
      const tiles = fit(s.tiles, n);
      if (!tiles[a.index]) return s;
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
    case 'zoom': {
      // A viewing adjustment, kept with the window's wall but not a change to the view.
      const tiles = fit(s.tiles, n);
      const t = tiles[a.index];
      if (!t) return s;
      const { zoom: _old, ...rest } = t;
      tiles[a.index] = a.zoom && a.zoom.scale > 1 ? { ...rest, zoom: a.zoom } : rest;
      return { ...s, tiles };
    }
    case 'load':
      return {
        layout: a.view.layout,
        tiles: fit(a.view.tiles, a.view.layout.cells.length),
        parked: [],
        selected: 0,
        maximised: null,
        viewId: a.view.id,
        dirty: false,
      };
    case 'saved':
      return { ...s, viewId: a.viewId, dirty: false };
    case 'camera':
      return { layout: preset('1'), tiles: [{ cameraId: a.cameraId, stream: 'auto' }], parked: [], selected: 0, maximised: null, viewId: null, dirty: false };
    case 'restore':
      return a.state;
    case 'unpark': {
      const p = s.parked.find((x) => x.cameraId === a.cameraId);
      if (!p) return s;
      const { slot: _slot, ...cam } = p;
      return put({ ...s, parked: s.parked.filter((x) => x !== p) }, a.index ?? s.selected, cam);
    }
    case 'forgetParked':
      return s.parked.length ? { ...s, parked: [] } : s;
  }
}

/** True when the wall holds something a person arranged that no saved view has. */
export function hasUnsavedWork(s: WallState): boolean {
  return s.dirty && (s.tiles.some((t) => t !== null) || s.viewId !== null);
}
