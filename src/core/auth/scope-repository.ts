// The few lookups the area-scope check needs: the area tree, and which area a point or a camera
// stands in. Kept apart from the register's repository so access checks stay small and fast.
import type { Db } from '../store/database';

export class ScopeRepository {
  constructor(private readonly db: Db) {}

  areaParents(): Map<string, string | null> {
    const rows = this.db.prepare('SELECT id, parent_id FROM areas WHERE deleted_at IS NULL').all() as { id: string; parent_id: string | null }[];
    return new Map(rows.map((r) => [r.id, r.parent_id]));
  }

  pointArea(pointId: string): string | null {
    const row = this.db.prepare('SELECT area_id FROM points WHERE id = ? AND deleted_at IS NULL').get(pointId) as { area_id: string } | undefined;
    return row?.area_id ?? null;
  }

  cameraArea(cameraId: string): string | null {
    const row = this.db.prepare('SELECT p.area_id FROM cameras c JOIN points p ON p.id = c.point_id WHERE c.id = ? AND c.deleted_at IS NULL').get(cameraId) as { area_id: string } | undefined;
    return row?.area_id ?? null;
  }

  areaNames(ids: readonly string[]): { id: string; name: string }[] {
    if (ids.length === 0) return [];
    const rows = this.db.prepare(`SELECT id, name FROM areas WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as { id: string; name: string }[];
    return rows;
  }
}
