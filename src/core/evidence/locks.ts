// Evidence locks: a holder (kind + id: an export today, an incident later) keeps a camera's
// recordings between two instants from deletion. Retention and the disk sweep skip locked segments,
// and a trigger in the database refuses to delete one (migration 008). Lifting a lock needs its
// own permission (evidence.unlock) and is audited by the dispatcher.
import { randomUUID } from 'node:crypto';
import type { EvidenceLockInfo } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { Db } from '../store/database';

interface Row {
  id: string;
  holder_kind: string;
  holder_id: string;
  camera_id: string;
  from_ms: number;
  to_ms: number;
  reason: string;
  created_by: string | null;
  created_at: number;
  released_at: number | null;
  released_by: string | null;
  release_reason: string | null;
}

const toLock = (r: Row): EvidenceLockInfo => ({
  id: r.id,
  holderKind: r.holder_kind,
  holderId: r.holder_id,
  cameraId: r.camera_id,
  from: r.from_ms,
  to: r.to_ms,
  reason: r.reason,
  createdBy: r.created_by,
  createdAt: r.created_at,
  releasedAt: r.released_at,
  releasedBy: r.released_by,
  releaseReason: r.release_reason,
});

export interface LockRequest {
  holderKind: string;
  holderId: string;
  cameraId: string;
  from: number;
  to: number;
  reason: string;
  createdBy: string | null;
}

export class EvidenceLocks {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  lock(r: LockRequest): EvidenceLockInfo {
    const id = randomUUID();
    this.db
      .prepare(
        'INSERT INTO evidence_locks (id, holder_kind, holder_id, camera_id, from_ms, to_ms, reason, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(id, r.holderKind, r.holderId, r.cameraId, r.from, r.to, r.reason, r.createdBy, this.now());
    return this.get(id)!;
  }

  get(id: string): EvidenceLockInfo | null {
    const r = this.db.prepare('SELECT * FROM evidence_locks WHERE id = ?').get(id) as Row | undefined;
    return r ? toLock(r) : null;
  }

  release(id: string, by: string, reason: string): EvidenceLockInfo {
    const lock = this.get(id);
    if (!lock) throw new AppError('not_found', { kind: 'evidence_lock', id });
    if (lock.releasedAt !== null) return lock;
    this.db.prepare('UPDATE evidence_locks SET released_at = ?, released_by = ?, release_reason = ? WHERE id = ?').run(this.now(), by, reason, id);
    return this.get(id)!;
  }

  /** Every lock of one holder (an export, an incident). */
  ofHolder(kind: string, holderId: string): EvidenceLockInfo[] {
    return (this.db.prepare('SELECT * FROM evidence_locks WHERE holder_kind = ? AND holder_id = ?').all(kind, holderId) as Row[]).map(toLock);
  }

  /** Deletes a holder's locks outright: only for an export that produced nothing (cancelled, failed). */
  dropHolder(kind: string, holderId: string): void {
    this.db
      .prepare(
        'UPDATE evidence_locks SET released_at = ?, released_by = NULL, release_reason = ? WHERE holder_kind = ? AND holder_id = ? AND released_at IS NULL',
      )
      .run(this.now(), 'export produced no package', kind, holderId);
  }

  list(includeReleased: boolean, limit = 500): EvidenceLockInfo[] {
    return (
      this.db
        .prepare(`SELECT * FROM evidence_locks ${includeReleased ? '' : 'WHERE released_at IS NULL'} ORDER BY created_at DESC LIMIT ?`)
        .all(limit) as Row[]
    ).map(toLock);
  }

  activeFor(cameraId: string, from: number, to: number): Array<{ from: number; to: number }> {
    return this.db
      .prepare(
        'SELECT from_ms AS "from", to_ms AS "to" FROM evidence_locks WHERE camera_id = ? AND released_at IS NULL AND from_ms < ? AND to_ms > ? ORDER BY from_ms LIMIT 500',
      )
      .all(cameraId, to, from) as Array<{ from: number; to: number }>;
  }
}
