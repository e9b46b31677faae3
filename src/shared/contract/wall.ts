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

/** What a tile shows; `stream: 'auto'` picks main for a big tile, sub for a small one. */
export const tileAssignment = z
  .object({
    cameraId: id,
    stream: z.union([streamKind, z.literal('auto')]).default('auto'),
  })
  .nullable();
export type TileAssignment = z.infer<typeof tileAssignment>;

export const view = z.object({
  id,
  name: z.string(),
  shared: z.boolean(),
  /** Whether the caller may change it (their own view, or a shared one with views.manage). */
  editable: z.boolean(),
  layout,
  tiles: z.array(tileAssignment),
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

/** A console window: its key (the main window is 'main'), what it shows and where it sits. */
export const workspaceWindow = z.object({
  key: z.string().min(1).max(40),
  viewId: id.nullable(),
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
