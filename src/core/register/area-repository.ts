// SQL for the effective-dated area tree. An area's versions (name, parent, kind) and a point's
// placements (which area) each cover [valid_from, valid_to) in days; "as of D" is a plain
// `valid_from <= D AND (valid_to IS NULL OR valid_to > D)`. The rows in `areas` and `points` keep
// today's state for everything that asks "where is it now".
import type { Area, AreaRecord } from '../../shared/contract';
import type { Db } from '../store/database';
import { statement } from '../store/statements';

interface AreaDbRow {
  id: string;
  parent_id: string | null;
  name: string;
  kind: Area['kind'];
  retired_on: string | null;
  disabled: number;
  has_boundary: number;
  since: string | null;
  successors: string | null;
}

export interface AreaAsOf {
  id: string;
  parentId: string | null;
  name: string;
  kind: Area['kind'];
  sortKey: string;
}

export class AreaRepository {
  constructor(private readonly db: Db) {}

  records(): AreaRecord[] {
    const rows = this.db
      .prepare(
        `SELECT a.id, a.parent_id, a.name, a.kind, a.retired_on, a.disabled, a.boundary IS NOT NULL AS has_boundary,
           (SELECT max(valid_from) FROM area_versions v WHERE v.area_id = a.id) AS since,
           (SELECT json_group_array(successor_id) FROM area_successors s WHERE s.area_id = a.id) AS successors
         FROM areas a WHERE a.deleted_at IS NULL ORDER BY a.sort_key`,
      )
      .all() as AreaDbRow[];
    return rows.map((r) => ({
      id: r.id,
      parentId: r.parent_id,
      name: r.name,
      kind: r.kind,
      since: r.since ?? '0001-01-01',
      retiredOn: r.retired_on,
      successorIds: r.successors ? (JSON.parse(r.successors) as string[]) : [],
      disabled: r.disabled === 1,
      hasBoundary: r.has_boundary === 1,
    }));
  }

  record(id: string): AreaRecord | null {
    return this.records().find((a) => a.id === id) ?? null;
  }

  /** The tree as it stood on `day`: areas with a version in force that day. */
  asOf(day: string): AreaAsOf[] {
    return this.db
      .prepare(
        `SELECT v.area_id AS id, v.parent_id AS parentId, v.name, v.kind, a.sort_key AS sortKey FROM area_versions v JOIN areas a ON a.id = v.area_id
         WHERE a.deleted_at IS NULL AND v.valid_from <= ? AND (v.valid_to IS NULL OR v.valid_to > ?)`,
      )
      .all(day, day) as AreaAsOf[];
  }

  /** The version in force now (valid_to NULL), or null for a retired area. */
  current(id: string): { validFrom: string; parentId: string | null; name: string; kind: Area['kind'] } | null {
    return (
      (statement(
        this.db,
        'SELECT valid_from AS validFrom, parent_id AS parentId, name, kind FROM area_versions WHERE area_id = ? AND valid_to IS NULL',
      ).get(id) as { validFrom: string; parentId: string | null; name: string; kind: Area['kind'] } | undefined) ?? null
    );
  }

  /** Ends the version in force on `day` and starts a new one with the given values. */
  newVersion(id: string, day: string, v: { parentId: string | null; name: string; kind: Area['kind'] }, sortKey: string): void {
    statement(this.db, 'UPDATE area_versions SET valid_to = ? WHERE area_id = ? AND valid_to IS NULL').run(day, id);
    this.db
      .prepare(
        'INSERT INTO area_versions(area_id, valid_from, valid_to, parent_id, name, kind) VALUES (?,?,NULL,?,?,?) ON CONFLICT(area_id, valid_from) DO UPDATE SET parent_id = excluded.parent_id, name = excluded.name, kind = excluded.kind, valid_to = NULL',
      )
      .run(id, day, v.parentId, v.name, v.kind);
    statement(this.db, 'UPDATE areas SET parent_id = ?, name = ?, kind = ?, sort_key = ? WHERE id = ?').run(v.parentId, v.name, v.kind, sortKey, id);
  }

  /** A correction: the version in force and the current row change, no new version. */
  correct(id: string, v: { name: string; kind: Area['kind'] }, sortKey: string): void {
    statement(this.db, 'UPDATE area_versions SET name = ?, kind = ? WHERE area_id = ? AND valid_to IS NULL').run(v.name, v.kind, id);
    statement(this.db, 'UPDATE areas SET name = ?, kind = ?, sort_key = ? WHERE id = ?').run(v.name, v.kind, sortKey, id);
  }

  retire(id: string, day: string, successors: readonly string[]): void {
    statement(this.db, 'UPDATE area_versions SET valid_to = ? WHERE area_id = ? AND valid_to IS NULL').run(day, id);
    statement(this.db, 'UPDATE areas SET retired_on = ? WHERE id = ?').run(day, id);
    const ins = statement(this.db, 'INSERT OR IGNORE INTO area_successors(area_id, successor_id) VALUES (?, ?)');
    for (const s of successors) ins.run(id, s);
  }

  /** Latest effective day among the areas' versions and their points' placements (changes go forward only). */
  latestChange(areaIds: readonly string[]): string {
    const json = JSON.stringify(areaIds);
    const row = this.db
      .prepare(
        `SELECT max(d) AS d FROM (
           SELECT max(valid_from) AS d FROM area_versions WHERE area_id IN (SELECT value FROM json_each(?))
           UNION ALL SELECT max(valid_from) FROM point_placements WHERE area_id IN (SELECT value FROM json_each(?)))`,
      )
      .get(json, json) as { d: string | null };
    return row.d ?? '0001-01-01';
  }

  pointsIn(areaId: string): string[] {
    return (statement(this.db, 'SELECT id FROM points WHERE area_id = ? AND deleted_at IS NULL').all(areaId) as { id: string }[]).map((r) => r.id);
  }

  childrenOf(areaId: string): string[] {
    return (
      statement(this.db, 'SELECT id FROM areas WHERE parent_id = ? AND deleted_at IS NULL AND retired_on IS NULL').all(areaId) as { id: string }[]
    ).map((r) => r.id);
  }

  /** Moves points to another area from `day` on (their placement history keeps where they were). */
  placePoints(pointIds: readonly string[], areaId: string, day: string): void {
    const end = statement(this.db, 'UPDATE point_placements SET valid_to = ? WHERE point_id = ? AND valid_to IS NULL');
    const start = statement(
      this.db,
      'INSERT INTO point_placements(point_id, valid_from, valid_to, area_id) VALUES (?,?,NULL,?) ON CONFLICT(point_id, valid_from) DO UPDATE SET area_id = excluded.area_id, valid_to = NULL',
    );
    const cur = statement(this.db, 'UPDATE points SET area_id = ? WHERE id = ?');
    for (const p of pointIds) {
      end.run(day, p);
      start.run(p, day, areaId);
      cur.run(areaId, p);
    }
  }

  /** A point's placement corrected in place (an edit of the point, not a reorganisation). */
  correctPlacement(pointId: string, areaId: string): void {
    statement(this.db, 'UPDATE point_placements SET area_id = ? WHERE point_id = ? AND valid_to IS NULL').run(areaId, pointId);
  }

  endPlacement(pointId: string, day: string): void {
    statement(this.db, 'UPDATE point_placements SET valid_to = ? WHERE point_id = ? AND valid_to IS NULL').run(day, pointId);
  }

  endVersions(areaId: string, day: string): void {
    statement(this.db, 'UPDATE area_versions SET valid_to = ? WHERE area_id = ? AND valid_to IS NULL').run(day, areaId);
  }

  /** Users scoped to an area that ends get its successors instead (they keep seeing their places). */
  moveScopes(from: string, to: readonly string[]): string[] {
    const users = (statement(this.db, 'SELECT user_id FROM user_scopes WHERE area_id = ?').all(from) as { user_id: string }[]).map((r) => r.user_id);
    const ins = statement(this.db, 'INSERT OR IGNORE INTO user_scopes(user_id, area_id) VALUES (?, ?)');
    for (const u of users) for (const t of to) ins.run(u, t);
    statement(this.db, 'DELETE FROM user_scopes WHERE area_id = ?').run(from);
    return users;
  }

  setBoundary(id: string, geojson: string | null): void {
    statement(this.db, 'UPDATE areas SET boundary = ? WHERE id = ?').run(geojson, id);
  }
}
