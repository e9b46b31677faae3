// The audit tables' writes: appending a batch to the chain and storing checkpoints. Runs on the
// writer's own connection (synchronous=FULL) inside the audit worker.
import type { Db } from '../store/database';
import { chainHash, entryText, GENESIS_HASH } from './chain';
import type { Checkpoint, PreparedEntry } from './types';

export interface Appended {
  seq: number;
  prevHash: string;
  hash: string;
}

export interface ChainHead {
  count: number;
  headSeq: number;
  headHash: string;
  /** Head seq of the latest stored checkpoint, or null when there is none. */
  lastCheckpointSeq: number | null;
}

export class AuditStore {
  private readonly headStmt;
  private readonly insertStmt;
  private readonly countStmt;
  private readonly lastCheckpointStmt;
  private readonly insertCheckpointStmt;
  private readonly appendTx;

  constructor(private readonly db: Db) {
    this.headStmt = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    this.insertStmt = db.prepare('INSERT INTO audit_log(seq, entry, prev_hash, hash) VALUES (?, ?, ?, ?)');
    this.countStmt = db.prepare('SELECT count(*) AS n FROM audit_log').pluck();
    this.lastCheckpointStmt = db.prepare('SELECT head_seq FROM audit_checkpoints ORDER BY id DESC LIMIT 1').pluck();
    this.insertCheckpointStmt = db.prepare(
      'INSERT INTO audit_checkpoints(head_seq, count, head_hash, at, signed, signature, key_fingerprint, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.appendTx = db.transaction((entries: readonly PreparedEntry[]): Appended[] => {
      // The head is read inside the transaction rather than cached, so nothing written by another
      // connection (or a worker that was restarted) can fork the chain.
      const head = this.headStmt.get() as { seq: number; hash: string } | undefined;
      let seq = head?.seq ?? 0;
      let prev = head?.hash ?? GENESIS_HASH;
      const out: Appended[] = [];
      for (const e of entries) {
        seq++;
        const text = entryText(seq, e);
        const hash = chainHash(prev, text);
        this.insertStmt.run(seq, text, prev, hash);
        out.push({ seq, prevHash: prev, hash });
        prev = hash;
      }
      return out;
    });
  }

  /** Appends the batch in one transaction: one commit, one fsync, however many entries. */
  append(entries: readonly PreparedEntry[]): Appended[] {
    return this.appendTx.immediate(entries);
  }

  /** The newest seq, 0 for an empty log: cheap, unlike head()'s count. */
  lastSeq(): number {
    return (this.headStmt.get() as { seq: number } | undefined)?.seq ?? 0;
  }

  head(): ChainHead {
    const read = this.db.transaction((): ChainHead => {
      const head = this.headStmt.get() as { seq: number; hash: string } | undefined;
      return {
        count: this.countStmt.get() as number,
        headSeq: head?.seq ?? 0,
        headHash: head?.hash ?? GENESIS_HASH,
        lastCheckpointSeq: (this.lastCheckpointStmt.get() as number | undefined) ?? null,
      };
    });
    return read.deferred();
  }

  storeCheckpoint(cp: Checkpoint, reason: 'hourly' | 'on_demand'): void {
    this.insertCheckpointStmt.run(cp.headSeq, cp.count, cp.headHash, cp.timeMs, cp.signed, cp.signature, cp.keyFingerprint, reason);
  }
}
