// Plain SQL for incidents, their numbers, their search index and categories. Rows are validated
// on the way out; the service never writes SQL. Kept apart so a PostgreSQL store can follow.
import { z } from 'zod';
import { incidentStatus, severity, type Incident, type IncidentCategory } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { Db } from '../store/database';
import { bodyText, facetText, ridCeil, ridFloor, type IndexedFields } from './search-text';

const stringList = z.array(z.string());
const parseList = (json: string): string[] => stringList.parse(JSON.parse(json));

const incidentRow = z.object({
  rid: z.number(),
  id: z.string(),
  year: z.number(),
  seq: z.number(),
  occurred_at: z.number(),
  logged_at: z.number(),
  category_id: z.string(),
  severity,
  area_id: z.string().nullable(),
  area_name: z.string().nullable(),
  point_id: z.string().nullable(),
  point_name: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  camera_ids: z.string(),
  title: z.string(),
  description: z.string(),
  people: z.string(),
  vehicles: z.string(),
  status: incidentStatus,
  assignee_id: z.string().nullable(),
  assignee_name: z.string().nullable(),
  units: z.string(),
  created_by: z.string().nullable(),
  created_by_name: z.string().nullable(),
  updated_at: z.number(),
  updated_by_name: z.string().nullable(),
  version: z.number(),
  closed_at: z.number().nullable(),
});
type IncidentRow = z.infer<typeof incidentRow>;

export interface StoredIncident extends Incident {
  rid: number;
  year: number;
  seq: number;
  createdBy: string | null;
}

export const incidentNumber = (year: number, seq: number) => `${year}-${String(seq).padStart(6, '0')}`;

function toIncident(r: IncidentRow): StoredIncident {
  return {
    rid: r.rid,
    year: r.year,
    seq: r.seq,
    createdBy: r.created_by,
    id: r.id,
    number: incidentNumber(r.year, r.seq),
    occurredAt: r.occurred_at,
    loggedAt: r.logged_at,
    categoryId: r.category_id,
    severity: r.severity,
    areaId: r.area_id,
    areaName: r.area_name,
    pointId: r.point_id,
    pointName: r.point_name,
    lat: r.lat,
    lon: r.lon,
    cameraIds: parseList(r.camera_ids),
    title: r.title,
    description: r.description,
    people: r.people,
    vehicles: parseList(r.vehicles),
    status: r.status,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    units: parseList(r.units),
    createdByName: r.created_by_name,
    updatedAt: r.updated_at,
    updatedByName: r.updated_by_name,
    version: r.version,
    closedAt: r.closed_at,
  };
}

const SELECT = `SELECT i.*, a.name AS area_name, p.name AS point_name, u.display_name AS assignee_name
  FROM incidents i LEFT JOIN areas a ON a.id = i.area_id LEFT JOIN points p ON p.id = i.point_id LEFT JOIN users u ON u.id = i.assignee_id`;

/** Everything stored about an incident except what the database derives (names, number). */
export type IncidentWrite = Omit<StoredIncident, 'number' | 'areaName' | 'pointName' | 'assigneeName'>;

const categoryRow = z.object({
  id: z.string(),
  name_vi: z.string(),
  name_en: z.string(),
  builtin: z.number(),
  disabled: z.number(),
  sort: z.number(),
});

export class IncidentRepository {
  constructor(private readonly db: Db) {}

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  // ---- numbers and sort keys ------------------------------------------------------------------

  /** The next number of a year; call inside the transaction that inserts the incident. */
  nextSeq(year: number): number {
    return this.db
      .prepare('INSERT INTO incident_counters(year, last) VALUES (?, 1) ON CONFLICT(year) DO UPDATE SET last = last + 1 RETURNING last')
      .pluck()
      .get(year) as number;
  }

  /** A free rowid for an incident that happened at `occurredAt` (same millisecond: the next one). */
  freeRid(occurredAt: number): number {
    const top = this.db.prepare('SELECT max(rid) FROM incidents WHERE rid BETWEEN ? AND ?').pluck().get(ridFloor(occurredAt), ridCeil(occurredAt)) as
      number | null;
    if (top === null) return ridFloor(occurredAt);
    if (top >= ridCeil(occurredAt)) throw new AppError('conflict', { kind: 'incident_time', at: occurredAt });
    return top + 1;
  }

  // ---- incidents ------------------------------------------------------------------------------

  get(id: string): StoredIncident | null {
    const row = this.db.prepare(`${SELECT} WHERE i.id = ?`).get(id);
    return row ? toIncident(incidentRow.parse(row)) : null;
  }

  /** "2026-000123" (or "2026-123"): the number officers and clerks write on papers. */
  byNumber(number: string): StoredIncident | null {
    const m = /^(\d{4})-(\d{1,6})$/.exec(number.trim());
    if (!m) return null;
    const row = this.db.prepare(`${SELECT} WHERE i.year = ? AND i.seq = ?`).get(Number(m[1]), Number(m[2]));
    return row ? toIncident(incidentRow.parse(row)) : null;
  }

  byIds(ids: readonly string[]): StoredIncident[] {
    const out: StoredIncident[] = [];
    // Chunks: SQLite's host parameter limit is generous, a shift's incidents are not always few.
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      out.push(
        ...this.db
          .prepare(`${SELECT} WHERE i.id IN (${chunk.map(() => '?').join(',')})`)
          .all(...chunk)
          .map((r) => toIncident(incidentRow.parse(r))),
      );
    }
    return out;
  }

  /** Rows by rowid, in the order given. */
  byRids(rids: readonly number[]): StoredIncident[] {
    if (rids.length === 0) return [];
    const rows = this.db
      .prepare(`${SELECT} WHERE i.rid IN (${rids.map(() => '?').join(',')})`)
      .all(...rids)
      .map((r) => toIncident(incidentRow.parse(r)));
    const byRid = new Map(rows.map((r) => [r.rid, r]));
    return rids.map((r) => byRid.get(r)).filter((r): r is StoredIncident => !!r);
  }

  insert(w: IncidentWrite, index: IndexedFields): void {
    this.db
      .prepare(
        `INSERT INTO incidents(rid, id, year, seq, occurred_at, logged_at, category_id, severity, area_id, point_id, lat, lon, camera_ids, title,
           description, people, vehicles, status, assignee_id, units, created_by, created_by_name, updated_at, updated_by_name, version, closed_at)
         VALUES (@rid, @id, @year, @seq, @occurredAt, @loggedAt, @categoryId, @severity, @areaId, @pointId, @lat, @lon, @cameraIds, @title,
           @description, @people, @vehicles, @status, @assigneeId, @units, @createdBy, @createdByName, @updatedAt, @updatedByName, @version, @closedAt)`,
      )
      .run(params(w));
    this.index(w.rid, index);
  }

  /**
   * Writes a changed incident if nobody else did since `expectedVersion` (the check is in the
   * WHERE as well as in the service: two cores on one file stay honest). False: someone did.
   */
  update(oldRid: number, w: IncidentWrite, index: IndexedFields, expectedVersion: number): boolean {
    const r = this.db
      .prepare(
        `UPDATE incidents SET rid = @rid, occurred_at = @occurredAt, category_id = @categoryId, severity = @severity, area_id = @areaId,
           point_id = @pointId, lat = @lat, lon = @lon, camera_ids = @cameraIds, title = @title, description = @description, people = @people,
           vehicles = @vehicles, status = @status, assignee_id = @assigneeId, units = @units, updated_at = @updatedAt,
           updated_by_name = @updatedByName, version = @version, closed_at = @closedAt
         WHERE id = @id AND version = @expected`,
      )
      .run({ ...params(w), expected: expectedVersion });
    if (r.changes !== 1) return false;
    this.db.prepare('DELETE FROM incidents_fts WHERE rowid = ?').run(oldRid);
    this.index(w.rid, index);
    return true;
  }

  private index(rid: number, f: IndexedFields): void {
    this.db.prepare('INSERT INTO incidents_fts(rowid, body, facets) VALUES (?, ?, ?)').run(rid, bodyText(f), facetText(f));
  }

  /** Rowids newest first: through the search index when `match` narrows, else the table itself. */
  searchRids(match: string | null, range: { min: number | null; max: number | null }, limit: number): number[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (match) {
      where.push('incidents_fts MATCH ?');
      args.push(match);
    }
    if (range.min !== null) {
      where.push('rowid >= ?');
      args.push(range.min);
    }
    if (range.max !== null) {
      where.push('rowid <= ?');
      args.push(range.max);
    }
    const from = match ? 'incidents_fts' : 'incidents';
    const sql = `SELECT rowid FROM ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY rowid DESC LIMIT ?`;
    return this.db
      .prepare(sql)
      .pluck()
      .all(...args, limit) as number[];
  }

  /** Not closed, newest first (the shift report's "carried over"), through the facets. */
  open(match: string, limit: number): StoredIncident[] {
    return this.byRids(this.searchRids(match, { min: null, max: null }, limit));
  }

  // ---- categories -----------------------------------------------------------------------------

  categories(): IncidentCategory[] {
    return this.db
      .prepare('SELECT id, name_vi, name_en, builtin, disabled, sort FROM incident_categories ORDER BY sort, name_en')
      .all()
      .map((r) => {
        const c = categoryRow.parse(r);
        return { id: c.id, nameVi: c.name_vi, nameEn: c.name_en, builtin: c.builtin === 1, disabled: c.disabled === 1, sort: c.sort };
      });
  }

  category(id: string): IncidentCategory | null {
    return this.categories().find((c) => c.id === id) ?? null;
  }

  saveCategory(c: Omit<IncidentCategory, 'builtin'>): void {
    this.db
      .prepare(
        `INSERT INTO incident_categories(id, name_vi, name_en, sort, disabled, created_at) VALUES (?,?,?,?,?,?)
         ON CONFLICT(id) DO UPDATE SET name_vi = excluded.name_vi, name_en = excluded.name_en, sort = excluded.sort, disabled = excluded.disabled`,
      )
      .run(c.id, c.nameVi, c.nameEn, c.sort, c.disabled ? 1 : 0, Date.now());
  }

  // ---- the register, as incidents need it -----------------------------------------------------

  cameraPlace(cameraId: string): { name: string; pointId: string; pointName: string; areaId: string; lat: number | null; lon: number | null } | null {
    const row = this.db
      .prepare(
        'SELECT c.name, c.point_id, p.name AS point_name, p.area_id, p.lat, p.lon FROM cameras c JOIN points p ON p.id = c.point_id WHERE c.id = ?',
      )
      .get(cameraId) as { name: string; point_id: string; point_name: string; area_id: string; lat: number | null; lon: number | null } | undefined;
    return row ? { name: row.name, pointId: row.point_id, pointName: row.point_name, areaId: row.area_id, lat: row.lat, lon: row.lon } : null;
  }

  point(pointId: string): { name: string; areaId: string; lat: number | null; lon: number | null } | null {
    const row = this.db.prepare('SELECT name, area_id, lat, lon FROM points WHERE id = ?').get(pointId) as
      { name: string; area_id: string; lat: number | null; lon: number | null } | undefined;
    return row ? { name: row.name, areaId: row.area_id, lat: row.lat, lon: row.lon } : null;
  }

  names(table: 'areas' | 'cameras', ids: readonly string[]): Map<string, string> {
    if (ids.length === 0) return new Map();
    const rows = this.db.prepare(`SELECT id, name FROM ${table} WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as {
      id: string;
      name: string;
    }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  userExists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM users WHERE id = ? AND disabled = 0').get(id) !== undefined;
  }

  /** Enabled accounts whose role holds `permission` (roles keep permissions as a JSON array). */
  usersWithPermission(permission: string): { id: string; displayName: string; username: string }[] {
    return this.db
      .prepare(
        `SELECT u.id, u.display_name AS displayName, u.username FROM users u JOIN roles r ON r.id = u.role
         WHERE u.disabled = 0 AND EXISTS (SELECT 1 FROM json_each(r.permissions) WHERE value = ?) ORDER BY u.display_name`,
      )
      .all(permission) as { id: string; displayName: string; username: string }[];
  }
}

function params(w: IncidentWrite): Record<string, string | number | null> {
  return {
    rid: w.rid,
    id: w.id,
    year: w.year,
    seq: w.seq,
    occurredAt: w.occurredAt,
    loggedAt: w.loggedAt,
    categoryId: w.categoryId,
    severity: w.severity,
    areaId: w.areaId,
    pointId: w.pointId,
    lat: w.lat,
    lon: w.lon,
    cameraIds: JSON.stringify(w.cameraIds),
    title: w.title,
    description: w.description,
    people: w.people,
    vehicles: JSON.stringify(w.vehicles),
    status: w.status,
    assigneeId: w.assigneeId,
    units: JSON.stringify(w.units),
    createdBy: w.createdBy,
    createdByName: w.createdByName,
    updatedAt: w.updatedAt,
    updatedByName: w.updatedByName,
    version: w.version,
    closedAt: w.closedAt,
  };
}
