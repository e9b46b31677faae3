// The register's diacritics-free search index (camera_fts): one row per camera holding the folded
// words of the camera, its point and its area. Kept up to date by the services in the same
// transaction as the change; a point or area rename refreshes the cameras under it.
import { foldForIndex } from '../../shared/register/fold';
import type { Db } from '../store/database';
import { statement } from '../store/statements';

interface Source {
  rowid: number;
  name: string;
  serial: string;
  make: string;
  model: string;
  point_name: string;
  address: string;
  custodian: string;
  area_name: string;
}

const SOURCE = `SELECT c.search_rowid AS rowid, c.name, c.serial, c.make, c.model, p.name AS point_name, p.address, p.custodian, a.name AS area_name
  FROM cameras c JOIN points p ON p.id = c.point_id JOIN areas a ON a.id = p.area_id`;

export class SearchIndex {
  constructor(private readonly db: Db) {}

  private write(rows: Source[]): void {
    const del = statement(this.db, 'DELETE FROM camera_fts WHERE rowid = ?');
    const ins = statement(this.db, 'INSERT INTO camera_fts(rowid, words) VALUES (?, ?)');
    for (const r of rows) {
      del.run(r.rowid);
      ins.run(r.rowid, foldForIndex(r.name, r.serial, r.make, r.model, r.point_name, r.address, r.custodian, r.area_name));
    }
  }

  cameras(ids: readonly string[]): void {
    // One primary-key look-up per camera: an `IN (json_each)` over the three-table join let SQLite
    // scan the join instead, 3.5 s of a 10,000-row import.
    const one = statement(this.db, `${SOURCE} WHERE c.id = ? AND c.deleted_at IS NULL`);
    for (const id of ids) {
      const row = one.get(id) as Source | undefined;
      if (row) this.write([row]);
    }
  }

  point(pointId: string): void {
    this.write(statement(this.db, `${SOURCE} WHERE c.point_id = ? AND c.deleted_at IS NULL`).all(pointId) as Source[]);
  }

  area(areaId: string): void {
    this.write(statement(this.db, `${SOURCE} WHERE p.area_id = ? AND c.deleted_at IS NULL`).all(areaId) as Source[]);
  }

  remove(cameraId: string): void {
    const row = statement(this.db, 'SELECT search_rowid FROM cameras WHERE id = ?').get(cameraId) as { search_rowid: number | null } | undefined;
    if (row?.search_rowid != null) statement(this.db, 'DELETE FROM camera_fts WHERE rowid = ?').run(row.search_rowid);
  }

  /** Every camera again (start-up after migration 007, or a repair): delete-all then bulk insert. */
  rebuild(): void {
    statement(this.db, "INSERT INTO camera_fts(camera_fts) VALUES ('delete-all')").run();
    const ins = statement(this.db, 'INSERT INTO camera_fts(rowid, words) VALUES (?, ?)');
    for (const r of statement(this.db, `${SOURCE} WHERE c.deleted_at IS NULL`).all() as Source[]) {
      ins.run(r.rowid, foldForIndex(r.name, r.serial, r.make, r.model, r.point_name, r.address, r.custodian, r.area_name));
    }
  }
}
