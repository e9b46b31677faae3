// The audit trail's public shapes, shared by the log, its worker, the verifier and the CLI.

export type AuditOutcome = 'ok' | 'denied' | 'failed';
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['ok', 'denied', 'failed'];

export type AuditDetailValue = string | number | boolean | null;
export type AuditDetails = Record<string, AuditDetailValue>;

export interface AuditActor {
  userId: string | null;
  username: string | null;
}

export interface AuditTarget {
  /** What kind of thing: 'camera', 'user', 'setting', 'export', 'area', 'point', 'view'… */
  kind: string;
  id: string;
  /** The name as it was at the time (a camera may be renamed later; the log keeps what was seen). */
  name: string | null;
}

export interface AuditEntryInput {
  actor: AuditActor;
  /** Dotted name: an API method ('register.createCamera') or an event ('auth.sign_in', 'live.view'). */
  action: string;
  outcome: AuditOutcome;
  target?: { kind: string; id: string; name?: string | null } | null;
  details?: AuditDetails;
  /** Where the call came from: 'electron', 'serve 127.0.0.1', 'system'… */
  source?: string | null;
  /** Epoch ms; defaults to the time append() is called. */
  at?: number;
}

/** An entry before it has its place in the chain. */
export interface PreparedEntry {
  at: number;
  actor: AuditActor;
  action: string;
  outcome: AuditOutcome;
  target: AuditTarget | null;
  details: AuditDetails;
  source: string | null;
}

export interface AuditEntry extends PreparedEntry {
  seq: number;
  prevHash: string;
  hash: string;
}

export interface AuditQuery {
  action?: string;
  userId?: string;
  /** The name the actor had (a failed sign-in has a name but no account). */
  username?: string;
  outcome?: AuditOutcome;
  targetKind?: string;
  targetId?: string;
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, exclusive. */
  to?: number;
  /** Words that must all occur somewhere in the entry, ignoring case and Vietnamese diacritics. */
  text?: string;
}

export interface AuditListQuery extends AuditQuery {
  /** Entries older than this seq (the previous page's nextBeforeSeq); newest first when absent. */
  beforeSeq?: number;
  limit: number;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as beforeSeq for the next (older) page; null when there is nothing older to look at.
   *  A text search looks at a bounded window per call, so a page may be short and still have a next. */
  nextBeforeSeq: number | null;
}

/** A signed statement "the log had `count` entries ending at `headSeq` with `headHash` at `time`". */
export interface Checkpoint {
  count: number;
  headSeq: number;
  headHash: string;
  timeMs: number;
  /** ISO 8601, UTC. */
  time: string;
  keyFingerprint: string;
  /** The exact UTF-8 text that was signed (see checkpoint.ts). */
  signed: string;
  /** Ed25519 signature over `signed`, base64. */
  signature: string;
}

/** A checkpoint as an inspector keeps it: with the public key that signed it. */
export interface KeptCheckpoint extends Checkpoint {
  publicKeyPem: string;
}

export type BreakProblem =
  /** The entry's content no longer matches its hash: it was changed after it was written. */
  | 'hash_mismatch'
  /** The entry with this number is missing: it was deleted. */
  | 'seq_gap'
  /** The entry is not chained to the one before it: entries were removed, inserted or reordered. */
  | 'prev_mismatch'
  /** The log ends before a checkpoint's head: entries were removed from the end. */
  | 'truncated'
  /** The entry at a checkpoint's head is not the one the checkpoint signed: the log was rewritten or rolled back. */
  | 'rolled_back'
  /** A checkpoint's signature does not verify: it was forged or altered. */
  | 'bad_signature'
  /** A checkpoint was signed by a key this installation never had. */
  | 'unknown_key'
  /** SQLite cannot read the entry: the file was damaged or edited by hand below SQL. */
  | 'unreadable';

export interface BrokenAt {
  seq: number;
  problem: BreakProblem;
  /** Set for the checkpoint problems: which checkpoint found it. */
  checkpoint: { source: 'kept' | 'stored'; headSeq: number; count: number; time: string } | null;
}

export interface VerifyReport {
  intact: boolean;
  /** Entries in the log. */
  entries: number;
  /** Entries checked before verification stopped (all of them when intact). */
  checked: number;
  head: { seq: number; hash: string } | null;
  firstBroken: BrokenAt | null;
  /** The checkpoint passed in (an inspector's kept file), if any. */
  checkpoint: { headSeq: number; count: number; time: string; keyFingerprint: string; signatureValid: boolean; knownKey: boolean } | null;
  storedCheckpoints: { count: number; latest: { headSeq: number; count: number; time: string } | null };
  durationMs: number;
}

export interface VerifyOptions {
  checkpoint?: KeptCheckpoint | null;
  onProgress?: (done: number, total: number) => void;
}
