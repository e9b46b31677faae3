// Plain SQL for accounts and their area scopes. Rows are checked on the way out (a hand-edited or
// half-migrated database must fail here with a clear error, not deep in a service).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../store/database';

const userRow = z.object({
  id: z.string(),
  username: z.string(),
  display_name: z.string(),
  role: z.string(),
  password_hash: z.string().nullable(),
  disabled: z.number(),
  failed_attempts: z.number(),
  locked_until: z.number().nullable(),
  last_sign_in_at: z.number().nullable(),
  password_changed_at: z.number().nullable(),
  created_at: z.number(),
});

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: string;
  passwordHash: string | null;
  disabled: boolean;
  failedAttempts: number;
  lockedUntil: number | null;
  lastSignInAt: number | null;
  passwordChangedAt: number | null;
  createdAt: number;
}

const toRecord = (raw: unknown): UserRecord => {
  const r = userRow.parse(raw);
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    passwordHash: r.password_hash,
    disabled: r.disabled === 1,
    failedAttempts: r.failed_attempts,
    lockedUntil: r.locked_until,
    lastSignInAt: r.last_sign_in_at,
    passwordChangedAt: r.password_changed_at,
    createdAt: r.created_at,
  };
};

const COLUMNS = 'id, username, display_name, role, password_hash, disabled, failed_attempts, locked_until, last_sign_in_at, password_changed_at, created_at';

export class UserRepository {
  constructor(private readonly db: Db) {}

  all(): UserRecord[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM users ORDER BY username`).all().map(toRecord);
  }

  byId(id: string): UserRecord | null {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM users WHERE id = ?`).get(id);
    return row ? toRecord(row) : null;
  }

  byUsername(username: string): UserRecord | null {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM users WHERE username = ?`).get(username);
    return row ? toRecord(row) : null;
  }

  /** Whether anyone can sign in yet; a fresh install (or one from before sign-in existed) cannot. */
  anyWithPassword(): boolean {
    return this.db.prepare('SELECT 1 FROM users WHERE password_hash IS NOT NULL LIMIT 1').get() !== undefined;
  }

  insert(u: { id?: string; username: string; displayName: string; role: string; passwordHash: string | null; disabled?: boolean }): UserRecord {
    const id = u.id ?? randomUUID();
    const now = Date.now();
    this.db
      .prepare('INSERT INTO users(id, username, display_name, role, password_hash, disabled, password_changed_at, created_at) VALUES (?,?,?,?,?,?,?,?)')
      .run(id, u.username, u.displayName, u.role, u.passwordHash, u.disabled ? 1 : 0, u.passwordHash ? now : null, now);
    return this.byId(id)!;
  }

  update(id: string, u: { username: string; displayName: string; role: string; disabled: boolean }): void {
    this.db.prepare('UPDATE users SET username = ?, display_name = ?, role = ?, disabled = ? WHERE id = ?').run(u.username, u.displayName, u.role, u.disabled ? 1 : 0, id);
  }

  setPassword(id: string, hash: string): void {
    this.db.prepare('UPDATE users SET password_hash = ?, password_changed_at = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?').run(hash, Date.now(), id);
  }

  recordFailure(id: string, lockedUntil: number | null): number {
    this.db.prepare('UPDATE users SET failed_attempts = failed_attempts + 1, locked_until = COALESCE(?, locked_until) WHERE id = ?').run(lockedUntil, id);
    return this.byId(id)?.failedAttempts ?? 0;
  }

  recordSuccess(id: string): void {
    this.db.prepare('UPDATE users SET failed_attempts = 0, locked_until = NULL, last_sign_in_at = ? WHERE id = ?').run(Date.now(), id);
  }

  unlock(id: string): void {
    this.db.prepare('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(id);
  }

  scopes(userId: string): string[] {
    return (this.db.prepare('SELECT area_id FROM user_scopes WHERE user_id = ? ORDER BY area_id').all(userId) as { area_id: string }[]).map((r) => r.area_id);
  }

  allScopes(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const r of this.db.prepare('SELECT user_id, area_id FROM user_scopes').all() as { user_id: string; area_id: string }[]) {
      const list = out.get(r.user_id) ?? [];
      list.push(r.area_id);
      out.set(r.user_id, list);
    }
    return out;
  }

  setScopes(userId: string, areaIds: readonly string[]): void {
    this.db.prepare('DELETE FROM user_scopes WHERE user_id = ?').run(userId);
    const put = this.db.prepare('INSERT INTO user_scopes(user_id, area_id) VALUES (?, ?)');
    for (const a of new Set(areaIds)) put.run(userId, a);
  }

  /** Accounts per role, for the roles screen and the "role in use" check. */
  countByRole(): Map<string, number> {
    const rows = this.db.prepare('SELECT role, count(*) AS n FROM users GROUP BY role').all() as { role: string; n: number }[];
    return new Map(rows.map((r) => [r.role, r.n]));
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
