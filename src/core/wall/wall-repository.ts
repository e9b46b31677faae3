// Plain SQL for views, tours and workspaces; JSON columns hold the layout and step lists.
import { randomUUID } from 'node:crypto';
import type { Layout, TileAssignment, TourStep, Workspace } from '../../shared/contract';
import type { Db } from '../store/database';

export interface ViewRow {
  id: string;
  ownerId: string | null;
  name: string;
  layout: Layout;
  tiles: TileAssignment[];
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
  updated_at: number;
}

interface TourDbRow {
  id: string;
  owner_id: string | null;
  name: string;
  dwell_seconds: number;
  steps: string;
}

const toView = (r: ViewDbRow): ViewRow => ({ id: r.id, ownerId: r.owner_id, name: r.name, layout: JSON.parse(r.layout), tiles: JSON.parse(r.cells), updatedAt: r.updated_at });
const toTour = (r: TourDbRow): TourRow => ({ id: r.id, ownerId: r.owner_id, name: r.name, dwellSeconds: r.dwell_seconds, steps: JSON.parse(r.steps) });

export class WallRepository {
  constructor(private readonly db: Db) {}

  viewsFor(userId: string): ViewRow[] {
    const rows = this.db
      .prepare('SELECT id, owner_id, name, layout, cells, updated_at FROM views WHERE owner_id IS NULL OR owner_id = ? ORDER BY name')
      .all(userId) as ViewDbRow[];
    return rows.map(toView);
  }

  view(id: string): ViewRow | null {
    const r = this.db.prepare('SELECT id, owner_id, name, layout, cells, updated_at FROM views WHERE id = ?').get(id) as ViewDbRow | undefined;
    return r ? toView(r) : null;
  }

  upsertView(v: Omit<ViewRow, 'id' | 'updatedAt'> & { id?: string }): ViewRow {
    const id = v.id ?? randomUUID();
    const now = Date.now();
    this.db
      .prepare(
        `INSERT INTO views(id, owner_id, name, layout, cells, created_at, updated_at) VALUES (?,?,?,?,?,?,?)
         ON CONFLICT(id) DO UPDATE SET owner_id = excluded.owner_id, name = excluded.name, layout = excluded.layout,
           cells = excluded.cells, updated_at = excluded.updated_at`,
      )
      .run(id, v.ownerId, v.name, JSON.stringify(v.layout), JSON.stringify(v.tiles), now, now);
    return this.view(id)!;
  }

  deleteView(id: string): void {
    this.db.prepare('DELETE FROM views WHERE id = ?').run(id);
  }

  toursFor(userId: string): TourRow[] {
    const rows = this.db
      .prepare('SELECT id, owner_id, name, dwell_seconds, steps FROM tours WHERE owner_id IS NULL OR owner_id = ? ORDER BY name')
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
    return r ? (JSON.parse(r.state) as Workspace) : { windows: [] };
  }

  saveWorkspace(userId: string, w: Workspace): void {
    this.db
      .prepare('INSERT INTO workspaces(user_id, state, updated_at) VALUES (?,?,?) ON CONFLICT(user_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at')
      .run(userId, JSON.stringify(w), Date.now());
  }
}
