// Plain SQL for sessions. Only the SHA-256 of a session token is stored: a copied database does
// not hand anyone a working cookie.
import { z } from 'zod';
import type { Db } from '../store/database';

const sessionRow = z.object({
  token_hash: z.string(),
  user_id: z.string(),
  created_at: z.number(),
  last_seen: z.number(),
  locked: z.number(),
  source: z.string().nullable(),
});

export interface SessionRecord {
  tokenHash: string;
  userId: string;
  createdAt: number;
  lastSeen: number;
  locked: boolean;
  source: string | null;
}

const toRecord = (raw: unknown): SessionRecord => {
  const r = sessionRow.parse(raw);
  return { tokenHash: r.token_hash, userId: r.user_id, createdAt: r.created_at, lastSeen: r.last_seen, locked: r.locked === 1, source: r.source };
};

export class SessionRepository {
  constructor(private readonly db: Db) {}

  byHash(tokenHash: string): SessionRecord | null {
    const row = this.db.prepare('SELECT * FROM sessions WHERE token_hash = ?').get(tokenHash);
    return row ? toRecord(row) : null;
  }

  insert(s: SessionRecord): void {
    this.db
      .prepare('INSERT INTO sessions(token_hash, user_id, created_at, last_seen, locked, source) VALUES (?,?,?,?,?,?)')
      .run(s.tokenHash, s.userId, s.createdAt, s.lastSeen, s.locked ? 1 : 0, s.source);
  }

  touch(tokenHash: string, at: number): void {
    this.db.prepare('UPDATE sessions SET last_seen = ? WHERE token_hash = ?').run(at, tokenHash);
  }

  setLocked(tokenHash: string, locked: boolean): void {
    this.db.prepare('UPDATE sessions SET locked = ? WHERE token_hash = ?').run(locked ? 1 : 0, tokenHash);
  }

  delete(tokenHash: string): void {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }

  /** Removes the user's sessions except `keep`; returns the hashes removed. */
  deleteForUser(userId: string, keep: string | null = null): string[] {
    const rows = this.db.prepare('SELECT token_hash FROM sessions WHERE user_id = ? AND token_hash IS NOT ?').all(userId, keep) as { token_hash: string }[];
    this.db.prepare('DELETE FROM sessions WHERE user_id = ? AND token_hash IS NOT ?').run(userId, keep);
    return rows.map((r) => r.token_hash);
  }

  deleteIdleSince(cutoff: number): string[] {
    const rows = this.db.prepare('SELECT token_hash FROM sessions WHERE last_seen < ?').all(cutoff) as { token_hash: string }[];
    this.db.prepare('DELETE FROM sessions WHERE last_seen < ?').run(cutoff);
    return rows.map((r) => r.token_hash);
  }

  countByUser(): Map<string, number> {
    const rows = this.db.prepare('SELECT user_id, count(*) AS n FROM sessions GROUP BY user_id').all() as { user_id: string; n: number }[];
    return new Map(rows.map((r) => [r.user_id, r.n]));
  }
}
