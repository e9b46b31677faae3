// Plain SQL for views, tours and workspaces; JSON columns hold the layout and step lists.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { MAX_WINDOWS, wallState, workspaceWindow, type Layout, type TileAssignment, type TourStep, type WallState, type Workspace } from '../../shared/contract';
import type { Db } from '../store/database';

export interface ViewRow {
  id: string;
  ownerId: string | null;
  name: string;
  layout: Layout;
  tiles: TileAssignment[];
  shortcut: number | null;
  updatedAt: number;
}

export interface TourRow {
  id: string;
  ownerId: string | null;
  name: string;
  dwellSeconds: number;
  steps: TourStep[];
}

interface ViewDbRow {
  id: string;
  owner_id: string | null;
  name: string;
  layout: string;
  cells: string;
  shortcut: number | null;
  updated_at: number;
}

interface TourDbRow {
  id: string;
  owner_id: string | null;
  name: string;
  dwell_seconds: number;
  steps: string;
}

const toView = (r: ViewDbRow): ViewRow => ({ id: r.id, ownerId: r.owner_id, name: r.name, layout: JSON.parse(r.layout), tiles: JSON.parse(r.cells), shortcut: r.shortcut, updatedAt: r.updated_at });
const VIEW_COLUMNS = 'id, owner_id, name, layout, cells, shortcut, updated_at';
const toTour = (r: TourDbRow): TourRow => ({ id: r.id, ownerId: r.owner_id, name: r.name, dwellSeconds: r.dwell_seconds, steps: JSON.parse(r.steps) });

const storedWorkspace = z.object({ windows: z.array(workspaceWindow) });

export class WallRepository {
  constructor(private readonly db: Db) {}

  viewsFor(userId: string): ViewRow[] {
    const rows = this.db
      .prepare(`SELECT ${VIEW_COLUMNS} FROM views WHERE owner_id IS NULL OR owner_id = ?`)
      .all(userId) as ViewDbRow[];
    return rows.map(toView);
  }

  view(id: string): ViewRow | null {
    const r = this.db.prepare(`SELECT ${VIEW_COLUMNS} FROM views WHERE id = ?`).get(id) as ViewDbRow | undefined;
    return r ? toView(r) : null;
  }

  upsertView(v: Omit<ViewRow, 'id' | 'updatedAt'> & { id?: string }): ViewRow {
    const id = v.id ?? randomUUID();
    const now = Date.now();
    this.db
      .prepare(
        `INSERT INTO views(id, owner_id, name, layout, cells, shortcut, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)
         ON CONFLICT(id) DO UPDATE SET owner_id = excluded.owner_id, name = excluded.name, layout = excluded.layout,
           cells = excluded.cells, shortcut = excluded.shortcut, updated_at = excluded.updated_at`,
      )
      .run(id, v.ownerId, v.name, JSON.stringify(v.layout), JSON.stringify(v.tiles), v.shortcut, now, now);
    return this.view(id)!;
  }

  /** Takes a Shift+number away from the other views of the same owner (shared: owner NULL). */
  releaseShortcut(ownerId: string | null, shortcut: number, exceptId: string): void {
    this.db
      .prepare('UPDATE views SET shortcut = NULL WHERE shortcut = ? AND id <> ? AND owner_id IS ?')
      .run(shortcut, exceptId, ownerId);
  }

  deleteView(id: string): void {
    this.db.prepare('DELETE FROM views WHERE id = ?').run(id);
  }

  toursFor(userId: string): TourRow[] {
    const rows = this.db
      .prepare('SELECT id, owner_id, name, dwell_seconds, steps FROM tours WHERE owner_id IS NULL OR owner_id = ?')
      .all(userId) as TourDbRow[];
    return rows.map(toTour);
  }

  tour(id: string): TourRow | null {
    const r = this.db.prepare('SELECT id, owner_id, name, dwell_seconds, steps FROM tours WHERE id = ?').get(id) as TourDbRow | undefined;
    return r ? toTour(r) : null;
  }

  upsertTour(t: Omit<TourRow, 'id'> & { id?: string }): TourRow {
    const id = t.id ?? randomUUID();
    const now = Date.now();
    this.db
      .prepare(
        `INSERT INTO tours(id, owner_id, name, dwell_seconds, steps, created_at, updated_at) VALUES (?,?,?,?,?,?,?)
         ON CONFLICT(id) DO UPDATE SET owner_id = excluded.owner_id, name = excluded.name, dwell_seconds = excluded.dwell_seconds,
           steps = excluded.steps, updated_at = excluded.updated_at`,
      )
      .run(id, t.ownerId, t.name, t.dwellSeconds, JSON.stringify(t.steps), now, now);
    return this.tour(id)!;
  }

  deleteTour(id: string): void {
    this.db.prepare('DELETE FROM tours WHERE id = ?').run(id);
  }

  workspace(userId: string): Workspace {
    const r = this.db.prepare('SELECT state FROM workspaces WHERE user_id = ?').get(userId) as { state: string } | undefined;
    // Parsed, not cast: rows written before a field existed get its default (e.g. a window's mode).
    // A workspace saved before the limit was kept may hold more windows: the most recent ones count.
    const parsed = r ? storedWorkspace.safeParse(JSON.parse(r.state)) : null;
    return parsed?.success ? { windows: parsed.data.windows.slice(-MAX_WINDOWS) } : { windows: [] };
  }

  saveWorkspace(userId: string, w: Workspace): void {
    this.db
      .prepare('INSERT INTO workspaces(user_id, state, updated_at) VALUES (?,?,?) ON CONFLICT(user_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at')
      .run(userId, JSON.stringify(w), Date.now());
  }

  wallState(userId: string, windowKey: string): { state: WallState; updatedAt: number } | null {
    const r = this.db.prepare('SELECT state, updated_at FROM wall_states WHERE user_id = ? AND window_key = ?').get(userId, windowKey) as
      | { state: string; updated_at: number }
      | undefined;
    if (!r) return null;
    // A row that no longer fits the schema (an older build's) is as good as none: start afresh.
    const parsed = wallState.safeParse(JSON.parse(r.state));
    return parsed.success ? { state: parsed.data, updatedAt: r.updated_at } : null;
  }

  saveWallState(userId: string, windowKey: string, state: WallState): number {
    const now = Date.now();
    this.db
      .prepare(
        `INSERT INTO wall_states(user_id, window_key, state, updated_at) VALUES (?,?,?,?)
         ON CONFLICT(user_id, window_key) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
      )
      .run(userId, windowKey, JSON.stringify(state), now);
    return now;
  }

  wallStateCount(userId: string): number {
    return (this.db.prepare('SELECT count(*) AS n FROM wall_states WHERE user_id = ?').get(userId) as { n: number }).n;
  }

  evictOldestWallState(userId: string): void {
    this.db
      .prepare(
        `DELETE FROM wall_states WHERE user_id = ? AND window_key = (
           SELECT window_key FROM wall_states WHERE user_id = ? AND window_key <> 'main' ORDER BY updated_at LIMIT 1)`,
      )
      .run(userId, userId);
  }

  deleteWallState(userId: string, windowKey: string): void {
    this.db.prepare('DELETE FROM wall_states WHERE user_id = ? AND window_key = ?').run(userId, windowKey);
  }
}
