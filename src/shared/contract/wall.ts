// Shapes of the wall: layouts, views, tours and the workspace (windows and what they show).
import { z } from 'zod';
import { clientId, id, streamKind } from './schemas';

/** A cell of a layout grid, in grid units: merged cells span several rows/columns. */
export const layoutCell = z.object({
  x: z.number().int().min(0).max(11),
  y: z.number().int().min(0).max(11),
  w: z.number().int().min(1).max(12),
  h: z.number().int().min(1).max(12),
});
export type LayoutCell = z.infer<typeof layoutCell>;

export const layout = z.object({
  /** Preset name ('2x2', '1+5' …) or 'custom'. */
  name: z.string().min(1).max(40),
  cols: z.number().int().min(1).max(12),
  rows: z.number().int().min(1).max(12),
  cells: z.array(layoutCell).min(1).max(144),
});
export type Layout = z.infer<typeof layout>;

/**
 * Digital zoom inside a tile: the scale and the picture's shift as fractions of the tile's width
 * and height, so it survives a different window size or a different monitor.
 */
export const tileZoom = z.object({
  scale: z.number().min(1).max(8),
  x: z.number().min(-4).max(4),
  y: z.number().min(-4).max(4),
});
export type TileZoom = z.infer<typeof tileZoom>;

/** A camera on a tile; `stream: 'auto'` picks main for a big tile, sub for a small one. */
export const tileCamera = z.object({
  cameraId: id,
  stream: z.union([streamKind, z.literal('auto')]).default('auto'),
  zoom: tileZoom.optional(),
});
export type TileCamera = z.infer<typeof tileCamera>;

/** What a tile shows: a camera, or nothing. */
export const tileAssignment = tileCamera.nullable();
export type TileAssignment = z.infer<typeof tileAssignment>;

/** Shift+1 … Shift+9: the number a view is loaded with, set by whoever may edit the view. */
export const viewShortcut = z.number().int().min(1).max(9);

export const view = z.object({
  id,
  name: z.string(),
  shared: z.boolean(),
  /** Whether the caller may change it (their own view, or a shared one with views.manage). */
  editable: z.boolean(),
  layout,
  tiles: z.array(tileAssignment),
  /** Its Shift+number. A personal view's number wins over a shared view's for its owner. */
  shortcut: viewShortcut.nullable(),
  updatedAt: z.number(),
});
export type View = z.infer<typeof view>;

export const viewInput = z.object({
  /** An existing view's id updates it; a new one (client-chosen UUID) creates it, so a retry cannot duplicate. */
  id: clientId.optional(),
  name: z.string().trim().min(1).max(100),
  shared: z.boolean().default(false),
  layout,
  tiles: z.array(tileAssignment).max(144),
  shortcut: viewShortcut.nullable().default(null),
});

export const tourStep = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('view'), viewId: id }),
  z.object({ kind: z.literal('camera'), cameraId: id }),
]);
export type TourStep = z.infer<typeof tourStep>;

export const tour = z.object({
  id,
  name: z.string(),
  shared: z.boolean(),
  editable: z.boolean(),
  dwellSeconds: z.number().int().min(3).max(3600),
  steps: z.array(tourStep),
});
export type Tour = z.infer<typeof tour>;

export const tourInput = z.object({
  /** As for views: an existing id updates, a new client-chosen UUID creates. */
  id: clientId.optional(),
  name: z.string().trim().min(1).max(100),
  shared: z.boolean().default(false),
  dwellSeconds: z.number().int().min(3).max(3600),
  steps: z.array(tourStep).min(1).max(200),
});

/** A console window's key: 'main' for the first one, generated for the others. */
export const windowKey = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'window_key');

/** A console window: its key, what it shows and where it sits. */
export const workspaceWindow = z.object({
  key: windowKey,
  viewId: id.nullable(),
  /** `wall`: a wall-only window for a big screen (no navigation, no tree); `console`: the full console. */
  mode: z.enum(['console', 'wall']).default('console'),
  left: z.number().int().nullable(),
  top: z.number().int().nullable(),
  width: z.number().int().min(200).max(20000).nullable(),
  height: z.number().int().min(150).max(20000).nullable(),
  displayId: z.string().max(100).nullable(),
});
export type WorkspaceWindow = z.infer<typeof workspaceWindow>;

/** Windows remembered per user: more than a wall of monitors needs, few enough to reopen at start. */
export const MAX_WINDOWS = 16;

export const workspace = z.object({ windows: z.array(workspaceWindow).max(MAX_WINDOWS) });
export type Workspace = z.infer<typeof workspace>;

/** A camera parked off the wall, with the tile it left (it goes back there when it can). */
export const parkedCamera = tileCamera.extend({ slot: z.number().int().min(0).max(143).nullable() });
export type ParkedCamera = z.infer<typeof parkedCamera>;

/**
 * One window's wall as the officer left it: layout, cameras with their stream choice and zoom,
 * cameras parked when the layout shrank, the selected and maximised tile, and the view it came
 * from with whether it was changed since. Kept per user and per window in the core, so it comes
 * back after a page change, a reload, a restart or a reconnect.
 */
export const wallState = z.object({
  layout,
  tiles: z.array(tileAssignment).max(144),
  /** Cameras that had no cell after a layout change, in order; they return when their cell does. */
  parked: z.array(parkedCamera).max(64),
  selected: z.number().int().min(0).max(143),
  maximised: z.number().int().min(0).max(143).nullable(),
  viewId: id.nullable(),
  dirty: z.boolean(),
});
export type WallState = z.infer<typeof wallState>;
