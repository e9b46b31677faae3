// The camera table's SQL: one page of a filtered, Vietnamese-ordered list, and its total. The
// search goes through camera_fts (folded words, prefix match, rowid order), never bm25 ranking:
// design.md measured ranking on common terms at 0.76 s.
import type { CameraRow, Ownership, Purpose } from '../../shared/contract';
import type { Db } from '../store/database';
import { purposesFromBits, purposesToBits, type CameraDbRow } from './register-repository';
import { statement } from '../store/statements';

export interface CameraQuery {
  /** null = every area; otherwise the expanded set (filters ∩ the caller's scope). */
  areaIds: readonly string[] | null;
  statuses: readonly string[];
  ownerships: readonly Ownership[];
  transmissions: readonly string[];
  categoryIds: readonly string[];
  purposes: readonly Purpose[];
  fts: string | null;
  includeDisabled: boolean;
  /** Only these cameras (bulk actions on a selection). */
  ids?: readonly string[];
}

const ORDER: Record<string, string> = {
  name: 'c.sort_key',
  point: 'p.sort_key, c.sort_key',
  area: 'a.sort_key, p.sort_key, c.sort_key',
  status: 'c.status, c.sort_key',
  installDate: 'c.install_date, c.sort_key',
};

interface RowDb {
  id: string;
  name: string;
  point_id: string;
  point_name: string;
  area_id: string;
  area_name: string;
  status: CameraRow['status'];
  ownership: Ownership;
  transmission: CameraRow['transmission'];
  isp: CameraRow['isp'];
  make: string;
  model: string;
  serial: string;
  ptz: number;
  category_id: string | null;
  purposes: number;
  install_date: string | null;
  warranty_end: string | null;
  last_seen: number | null;
  disabled: number;
}

export const ROW_SELECT = `SELECT c.id, c.name, c.point_id, p.name AS point_name, p.area_id, a.name AS area_name, c.status, c.ownership, c.transmission,
  c.isp, c.make, c.model, c.serial, c.ptz, p.category_id, p.purposes, c.install_date, c.warranty_end, c.last_seen, c.disabled
  FROM cameras c JOIN points p ON p.id = c.point_id JOIN areas a ON a.id = p.area_id`;

export const toRow = (r: RowDb): CameraRow => ({
  id: r.id,
  name: r.name,
  pointId: r.point_id,
  pointName: r.point_name,
  areaId: r.area_id,
  areaName: r.area_name,
  status: r.status,
  ownership: r.ownership,
  transmission: r.transmission,
  isp: r.isp,
  make: r.make,
  model: r.model,
  serial: r.serial,
  ptz: r.ptz === 1,
  categoryId: r.category_id,
  purposes: purposesFromBits(r.purposes),
  installDate: r.install_date,
  warrantyEnd: r.warranty_end,
  lastSeen: r.last_seen,
  disabled: r.disabled === 1,
});

export interface ExportDetail extends CameraDbRow {
  point_name: string;
  address: string;
  lat: number | null;
  lon: number | null;
  category_id: string | null;
  purposes: number;
  custodian: string;
  custodian_contact: string;
  area_id: string;
}

export class CameraListRepository {
  constructor(private readonly db: Db) {}

  /**
   * Conditions on the camera row alone (its point's area and purposes are kept on it by triggers);
   * the category as a set of point ids. So the total is counted on `cameras` without a join (a join per row costs a text-key
   * look-up each: 100,000 of them are most of a second).
   */
  private where(q: CameraQuery, ftsJoined = false): { sql: string; args: unknown[] } {
    const where = ['c.deleted_at IS NULL'];
    const args: unknown[] = [];
    const inList = (column: string, values: readonly unknown[], into = where) => {
      into.push(`${column} IN (SELECT value FROM json_each(?))`);
      args.push(JSON.stringify(values));
    };
    if (q.areaIds) inList('c.area_id', q.areaIds);
    if (q.statuses.length) inList('c.status', q.statuses);
    if (q.ownerships.length) inList('c.ownership', q.ownerships);
    if (q.transmissions.length) inList('c.transmission', q.transmissions);
    if (q.ids) inList('c.id', q.ids);
    if (!q.includeDisabled) where.push('c.disabled = 0');
    const pointWhere: string[] = [];
    if (q.categoryIds.length) inList('p.category_id', q.categoryIds, pointWhere);
    if (q.purposes.length) {
      where.push('(c.point_purposes & ?) <> 0');
      args.push(purposesToBits(q.purposes));
    }
    if (pointWhere.length) where.push(`c.point_id IN (SELECT p.id FROM points p WHERE ${pointWhere.join(' AND ')})`);
    if (q.fts && !ftsJoined) {
      where.push('c.search_rowid IN (SELECT rowid FROM camera_fts WHERE camera_fts MATCH ?)');
      args.push(q.fts);
    }
    return { sql: where.join(' AND '), args };
  }

  page(q: CameraQuery, sort: string, descending: boolean, offset: number, limit: number): { total: number; rows: CameraRow[] } {
    const { sql, args } = this.where(q);
    // How many cameras hold the words: cheap from the index itself (deleted ones are not in it).
    const matches = q.fts
      ? (statement(this.db, 'SELECT count(*) AS n FROM camera_fts WHERE camera_fts MATCH ?').get(q.fts) as { n: number }).n
      : null;
    const wordsOnly =
      matches !== null &&
      !q.areaIds &&
      !q.statuses.length &&
      !q.ownerships.length &&
      !q.transmissions.length &&
      !q.categoryIds.length &&
      !q.purposes.length &&
      q.includeDisabled &&
      !q.ids;
    // With words, start from the words' rows (CROSS JOIN fixes the order): the other filters are
    // then checked on those few thousand rows, not on every camera.
    const joined = q.fts ? this.where(q, true) : null;
    const fromWords = 'camera_fts f CROSS JOIN cameras c ON c.search_rowid = f.rowid';
    const total = wordsOnly
      ? matches
      : joined
        ? (
            statement(this.db, `SELECT count(*) AS n FROM ${fromWords} WHERE f.words MATCH ? AND ${joined.sql}`).get(q.fts, ...joined.args) as {
              n: number;
            }
          ).n
        : (statement(this.db, `SELECT count(*) AS n FROM cameras c WHERE ${sql}`).get(...args) as { n: number }).n;
    const order = (ORDER[sort] ?? ORDER.name!)
      .split(', ')
      .map((col) => `${col}${descending ? ' DESC' : ''}`)
      .join(', ');
    // Common words (thousands of cameras) by name: walk cameras_sort in order and check the words'
    // set as it goes, stopping after one page (the unary + keeps SQLite from starting at the words'
    // rows and sorting them all). Rare words: start at their few rows and sort those.
    let rows: RowDb[];
    if (joined && !(sort === 'name' && matches! > 3000)) {
      const select = ROW_SELECT.replace('FROM cameras c', `FROM ${fromWords}`);
      rows = statement(this.db, `${select} WHERE f.words MATCH ? AND ${joined.sql} ORDER BY ${order} LIMIT ? OFFSET ?`).all(
        q.fts,
        ...joined.args,
        limit,
        offset,
      ) as RowDb[];
    } else {
      const pageSql = sql.replace('c.search_rowid IN', '+c.search_rowid IN');
      rows = statement(this.db, `${ROW_SELECT} WHERE ${pageSql} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...args, limit, offset) as RowDb[];
    }
    return { total, rows: rows.map(toRow) };
  }

  /** Every matching row in order, a chunk at a time (exports of 100,000 rows must not block). */
  *chunks(q: CameraQuery, size = 2000): Generator<CameraRow[]> {
    const { sql, args } = this.where(q);
    // Keyset paging on (sort_key, id): two cameras may share a name.
    const stmt = statement(
      this.db,
      `${ROW_SELECT.replace('SELECT ', 'SELECT c.sort_key AS k, ')} WHERE ${sql} AND (c.sort_key, c.id) > (?, ?) ORDER BY c.sort_key, c.id LIMIT ?`,
    );
    let after: [string, string] = ['', ''];
    for (;;) {
      const rows = stmt.all(...args, ...after, size) as (RowDb & { k: string })[];
      if (rows.length === 0) return;
      yield rows.map(toRow);
      const last = rows[rows.length - 1]!;
      after = [last.k, last.id];
      if (rows.length < size) return;
    }
  }

  ids(q: CameraQuery): string[] {
    const { sql, args } = this.where(q);
    return (statement(this.db, `SELECT c.id FROM cameras c WHERE ${sql}`).all(...args) as { id: string }[]).map((r) => r.id);
  }

  /** Every exported field of these cameras and their points, in the same order as `chunks`. */
  exportDetails(ids: readonly string[]): ExportDetail[] {
    return this.db
      .prepare(
        `SELECT c.*, p.name AS point_name, p.address, p.lat, p.lon, p.category_id, p.purposes, p.custodian, p.custodian_contact, p.area_id
         FROM cameras c JOIN points p ON p.id = c.point_id WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY c.sort_key, c.id`,
      )
      .all(JSON.stringify(ids)) as ExportDetail[];
  }

  rowsByIds(ids: readonly string[]): CameraRow[] {
    return (statement(this.db, `${ROW_SELECT} WHERE c.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as RowDb[]).map(toRow);
  }
}
