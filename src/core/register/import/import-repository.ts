// The look-ups an import's checks need, one indexed query each, cached per area and point while a
// file is checked (10,000 rows ask about the same few areas and points again and again).
import type { Db } from '../../store/database';
import { foldName } from './check';
import { statement } from '../../store/statements';

export class ImportLookups {
  private readonly pointsByArea = new Map<string, Map<string, string>>();
  private readonly namesByPoint = new Map<string, Map<string, string>>();

  constructor(private readonly db: Db) {}

  /** An existing point in the area with this name (diacritics, case and NFC/NFD alike), or null. */
  pointIn(areaId: string, name: string): string | null {
    let m = this.pointsByArea.get(areaId);
    if (!m) {
      m = new Map();
      for (const r of statement(this.db, 'SELECT id, name FROM points WHERE area_id = ? AND deleted_at IS NULL ORDER BY created_at').all(areaId) as {
        id: string;
        name: string;
      }[]) {
        const k = foldName(r.name);
        if (!m.has(k)) m.set(k, r.id);
      }
      this.pointsByArea.set(areaId, m);
    }
    return m.get(foldName(name)) ?? null;
  }

  /** Another camera of that name at the point (its id), or null. */
  cameraNamedAt(pointId: string, name: string): string | null {
    let m = this.namesByPoint.get(pointId);
    if (!m) {
      m = new Map();
      for (const r of statement(this.db, 'SELECT id, name FROM cameras WHERE point_id = ? AND deleted_at IS NULL').all(pointId) as {
        id: string;
        name: string;
      }[])
        m.set(foldName(r.name), r.id);
      this.namesByPoint.set(pointId, m);
    }
    return m.get(foldName(name)) ?? null;
  }

  serialOwner(serial: string): string | null {
    const row = statement(this.db, "SELECT id FROM cameras WHERE serial = ? AND serial <> '' AND deleted_at IS NULL").get(serial) as
      { id: string } | undefined;
    return row?.id ?? null;
  }

  /** 'live' for a camera in the register, 'deleted' for one deleted (its id cannot be reused), or null. */
  cameraState(id: string): 'live' | 'deleted' | null {
    const row = statement(this.db, 'SELECT deleted_at FROM cameras WHERE id = ?').get(id) as { deleted_at: number | null } | undefined;
    return row ? (row.deleted_at === null ? 'live' : 'deleted') : null;
  }

  customCategories(): { id: string; name: string }[] {
    return statement(this.db, 'SELECT id, name FROM location_categories WHERE builtin = 0 AND disabled = 0').all() as { id: string; name: string }[];
  }
}
