// The camera table's SQL: one page of a filtered, Vietnamese-ordered list, and its total. The
// search goes through camera_fts (folded words, prefix match, rowid order), never bm25 ranking:
// design.md measured ranking on common terms at 0.76 s.
import type { CameraRow, Ownership, Purpose } from '../../shared/contract';
import type { Db } from '../store/database';
import { purposesFromBits, purposesToBits, type CameraDbRow } from './register-repository';
import { statement } from '../store/statements';
import { CameraOrder } from './camera-order';

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

/** Up to this many matches are sorted on their own; more are found by walking the table in order. */
const SORT_MATCHES = 20_000;

export class CameraListRepository {
  private readonly sortMatches: number;
  private readonly order: CameraOrder;

  /**
   * `sortMatches`: how many matches are sorted on their own (tests set -1 to always walk);
   * `order`: the cameras' places in name order, shared with the rest of the store.
   */
  constructor(
    private readonly db: Db,
    opts: { sortMatches?: number; order?: CameraOrder } = {},
  ) {
    this.sortMatches = opts.sortMatches ?? SORT_MATCHES;
    this.order = opts.order ?? new CameraOrder(db);
  }

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
    // Before the purposes: the arguments go in the order their conditions are written.
    if (pointWhere.length) where.push(`c.point_id IN (SELECT p.id FROM points p WHERE ${pointWhere.join(' AND ')})`);
    if (q.purposes.length) {
      where.push('(c.point_purposes & ?) <> 0');
      args.push(purposesToBits(q.purposes));
    }
    if (q.fts && !ftsJoined) {
      where.push('c.search_rowid IN (SELECT rowid FROM camera_fts WHERE camera_fts MATCH ?)');
      args.push(q.fts);
    }
    return { sql: where.join(' AND '), args };
  }

  /**
   * The same filters on camera_facets (migration 014): one narrow row per camera, keyed like
   * camera_fts, so counting reads a sixth of what `cameras_sort` holds and a word search joins it by
   * primary key. Short value lists are bound one by one: `IN (SELECT value FROM json_each(?))` cost
   * 20 ms more per 100,000 rows than `IN (?)` (a bloom filter probe each).
   */
  private facetWhere(q: CameraQuery): { sql: string; args: unknown[] } {
    const where: string[] = [];
    const args: unknown[] = [];
    const inList = (column: string, values: readonly unknown[]) => {
      if (values.length <= 32) {
        where.push(`${column} IN (${values.map(() => '?').join(',')})`);
        args.push(...values);
      } else {
        where.push(`${column} IN (SELECT value FROM json_each(?))`);
        args.push(JSON.stringify(values));
      }
    };
    if (q.areaIds) inList('f.area_id', q.areaIds);
    if (q.statuses.length) inList('f.status', q.statuses);
    if (q.ownerships.length) inList('f.ownership', q.ownerships);
    if (q.transmissions.length) inList('f.transmission', q.transmissions);
    if (q.categoryIds.length) inList('f.category_id', q.categoryIds);
    if (!q.includeDisabled) where.push('f.disabled = 0');
    if (q.purposes.length) {
      where.push('(f.purposes & ?) <> 0');
      args.push(purposesToBits(q.purposes));
    }
    return { sql: where.length ? where.join(' AND ') : '1', args };
  }

  /** The search_rowids of the matching cameras, as SQL with its arguments (words first). */
  private matching(q: CameraQuery): { sql: string; args: unknown[] } {
    const f = this.facetWhere(q);
    return q.fts
      ? {
          sql: `SELECT f.search_rowid FROM camera_fts x CROSS JOIN camera_facets f ON f.search_rowid = x.rowid WHERE x.words MATCH ? AND ${f.sql}`,
          args: [q.fts, ...f.args],
        }
      : { sql: `SELECT f.search_rowid FROM camera_facets f WHERE ${f.sql}`, args: f.args };
  }

  total(q: CameraQuery): number {
    if (q.ids) {
      const { sql, args } = this.where(q);
      return (statement(this.db, `SELECT count(*) AS n FROM cameras c WHERE ${sql}`).get(...args) as { n: number }).n;
    }
    const m = this.matching(q);
    // Words alone: the index counts its own rows (deleted cameras are not in it).
    if (q.fts && m.args.length === 1 && q.includeDisabled)
      return (statement(this.db, 'SELECT count(*) AS n FROM camera_fts WHERE camera_fts MATCH ?').get(q.fts) as { n: number }).n;
    return (statement(this.db, `SELECT count(*) AS n FROM (${m.sql})`).get(...m.args) as { n: number }).n;
  }

  page(q: CameraQuery, sort: string, descending: boolean, offset: number, limit: number): { total: number; rows: CameraRow[] } {
    const dir = descending ? ' DESC' : '';
    const byName = `ORDER BY f.place${dir} LIMIT ? OFFSET ?`;
    // Matches are sorted on their own by their places in name order, up to sortMatches of them;
    // while some cameras cannot be placed (another connection holds the write lock), the search
    // walks the table in name order instead. Asked only when sorting by place is the way chosen.
    const byPlace = (matches: number) => sort === 'name' && !q.ids && matches <= this.sortMatches && this.order.placed();
    if (!q.ids && sort === 'name' && q.fts) {
      // Words: the index says at once how many cameras hold them (deleted ones are not in it).
      const hits = (statement(this.db, 'SELECT count(*) AS n FROM camera_fts WHERE camera_fts MATCH ?').get(q.fts) as { n: number }).n;
      if (hits === 0) return { total: 0, rows: [] };
      if (byPlace(hits)) {
        // Few enough to sort by name: from the words' rows, or from the chosen areas' cameras when
        // those are fewer ("truong" in one ward: its 1,000 cameras, not the word's 12,500).
        const f = this.facetWhere(q);
        const fromAreas = q.areaIds !== null && this.camerasIn(q.areaIds) < hits;
        const words = '+f.search_rowid IN (SELECT rowid FROM camera_fts WHERE camera_fts MATCH ?)';
        const onlyWords =
          !q.areaIds && !q.statuses.length && !q.ownerships.length && !q.transmissions.length && !q.categoryIds.length && !q.purposes.length;
        if (onlyWords) {
          const total =
            hits -
            (q.includeDisabled
              ? 0
              : (statement(this.db, `SELECT count(*) AS n FROM camera_facets f WHERE f.disabled = 1 AND ${words}`).get(q.fts) as { n: number }).n);
          if (offset >= total) return { total, rows: [] };
          const m = this.matching(q);
          const ids = statement(this.db, `${m.sql} ${byName}`)
            .pluck()
            .all(...m.args, limit, offset) as number[];
          return { total, rows: this.rowsBySearchRowid(ids) };
        }
        // Words and filters: the page and how many match in one pass over the words' cameras
        // (a count and then the page read them twice: ~12 ms each for "khach san" among 100,000).
        const m = this.matching(q);
        const page = (
          fromAreas
            ? statement(this.db, `SELECT f.search_rowid AS r, count(*) OVER () AS n FROM camera_facets f WHERE ${f.sql} AND ${words} ${byName}`).all(
                ...f.args,
                q.fts,
                limit,
                offset,
              )
            : statement(this.db, `${m.sql.replace('SELECT f.search_rowid', 'SELECT f.search_rowid AS r, count(*) OVER () AS n')} ${byName}`).all(
                ...m.args,
                limit,
                offset,
              )
        ) as { r: number; n: number }[];
        // A page past the end has no row to carry the count.
        const total = page[0]?.n ?? (offset === 0 ? 0 : this.total(q));
        return { total, rows: this.rowsBySearchRowid(page.map((p) => p.r)) };
      }
    }
    const total = this.total(q);
    if (total === 0 || offset >= total) return { total, rows: [] };
    const order = (ORDER[sort] ?? ORDER.name!)
      .split(', ')
      .map((col) => `${col}${dir}`)
      .join(', ');
    let rows: RowDb[];
    if (byPlace(total)) {
      // Up to a few thousand matches (a ward, a narrow filter): sort just those by their places
      // in name order, then read the page's rows. Walking the whole table in order to find
      // them took 25–75 ms when they sit together ("Nhà trọ …" half-way down the alphabet).
      const f = this.facetWhere(q);
      const ids = statement(
        this.db,
        `SELECT f.search_rowid FROM camera_facets f WHERE f.search_rowid IN (SELECT f.search_rowid FROM camera_facets f WHERE ${f.sql}) ${byName}`,
      )
        .pluck()
        .all(...f.args, limit, offset) as number[];
      return { total, rows: this.rowsBySearchRowid(ids) };
    } else if (!q.ids && sort !== 'name' && total <= this.sortMatches) {
      // Other orders need the point's and area's names: sort the matches with them. (By name,
      // unplaced cameras walk the table below: it breaks ties of names as the places do.)
      const m = this.matching(q);
      rows = statement(this.db, `${ROW_SELECT} WHERE c.search_rowid IN (${m.sql}) ORDER BY ${order} LIMIT ? OFFSET ?`).all(
        ...m.args,
        limit,
        offset,
      ) as RowDb[];
    } else {
      // Many match: walk cameras_sort in order, checking each camera as it comes, and stop after one
      // page (a fifth of the register or more matches: a page is a few hundred index entries away).
      // The unary + keeps SQLite from starting at the words' rows and sorting them all.
      const { sql, args } = this.where(q);
      const pageSql = sql.replace('c.search_rowid IN', '+c.search_rowid IN');
      if (sort === 'name') {
        // The page's place found in the sort index alone, then its rows read: skipping rows with
        // the point and area joined cost 150–200 ms a page near the end of 100,000 cameras (SQLite
        // joins the rows it skips), and a jump to the end of the table waited for it.
        const ids = statement(
          this.db,
          `SELECT c.search_rowid FROM cameras c WHERE ${pageSql} ORDER BY ${order}, c.search_rowid${dir} LIMIT ? OFFSET ?`,
        )
          .pluck()
          .all(...args, limit, offset) as number[];
        return { total, rows: this.rowsBySearchRowid(ids) };
      }
      rows = statement(this.db, `${ROW_SELECT} WHERE ${pageSql} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...args, limit, offset) as RowDb[];
    }
    return { total, rows: rows.map(toRow) };
  }

  /** How many cameras the areas hold (camera_tally, kept by triggers). */
  private camerasIn(areaIds: readonly string[]): number {
    return (
      statement(
        this.db,
        "SELECT coalesce(sum(n), 0) AS n FROM camera_tally WHERE facet = 'cameras' AND value = '' AND area_id IN (SELECT value FROM json_each(?))",
      ).get(JSON.stringify(areaIds)) as { n: number }
    ).n;
  }

  /** The table's rows of these cameras, in the order given. */
  private rowsBySearchRowid(ids: readonly number[]): CameraRow[] {
    if (ids.length === 0) return [];
    const rows = statement(
      this.db,
      `${ROW_SELECT.replace('SELECT ', 'SELECT c.search_rowid AS r, ')} WHERE c.search_rowid IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(ids)) as (RowDb & { r: number })[];
    const byRowid = new Map(rows.map((r) => [r.r, r]));
    return ids.flatMap((id) => {
      const r = byRowid.get(id);
      return r ? [toRow(r)] : [];
    });
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

  /** The ids in the table's order (by name), at most `limit`. */
  idsByName(q: CameraQuery, limit: number): string[] {
    const { sql, args } = this.where(q);
    return statement(this.db, `SELECT c.id FROM cameras c WHERE ${sql} ORDER BY c.sort_key, c.search_rowid LIMIT ?`)
      .pluck()
      .all(...args, limit) as string[];
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
