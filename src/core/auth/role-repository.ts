// Plain SQL for roles. Permissions are stored as a JSON array; unknown names (a permission a newer
// version added and an older one does not know) are dropped on read rather than trusted.
import { z } from 'zod';
import { isPermission, type Permission } from '../../shared/contract';
import type { Db } from '../store/database';

const roleRow = z.object({
  id: z.string(),
  name: z.string(),
  builtin: z.number(),
  permissions: z.string(),
  ptz_rank: z.number(),
  customised: z.number(),
});

export interface RoleRecord {
  id: string;
  name: string;
  builtin: boolean;
  permissions: Permission[];
  ptzRank: number;
  /** An administrator changed it: start-up no longer resets a built-in role to the code's defaults. */
  customised: boolean;
}

function toRecord(raw: unknown): RoleRecord {
  const r = roleRow.parse(raw);
  let perms: unknown;
  try {
    perms = JSON.parse(r.permissions);
  } catch {
    perms = [];
  }
  const permissions = Array.isArray(perms) ? perms.filter((p): p is Permission => typeof p === 'string' && isPermission(p)) : [];
  return { id: r.id, name: r.name, builtin: r.builtin === 1, permissions, ptzRank: r.ptz_rank, customised: r.customised === 1 };
}

export class RoleRepository {
  constructor(private readonly db: Db) {}

  all(): RoleRecord[] {
    return this.db.prepare('SELECT * FROM roles ORDER BY builtin DESC, ptz_rank DESC, name').all().map(toRecord);
  }

  byId(id: string): RoleRecord | null {
    const row = this.db.prepare('SELECT * FROM roles WHERE id = ?').get(id);
    return row ? toRecord(row) : null;
  }

  upsert(r: RoleRecord): RoleRecord {
    this.db
      .prepare(
        `INSERT INTO roles(id, name, builtin, permissions, ptz_rank, customised, created_at) VALUES (?,?,?,?,?,?,?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, permissions = excluded.permissions, ptz_rank = excluded.ptz_rank, customised = excluded.customised`,
      )
      .run(r.id, r.name, r.builtin ? 1 : 0, JSON.stringify([...new Set(r.permissions)]), r.ptzRank, r.customised ? 1 : 0, Date.now());
    return this.byId(r.id)!;
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM roles WHERE id = ? AND builtin = 0').run(id);
  }
}
