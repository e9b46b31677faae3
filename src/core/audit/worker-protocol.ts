// Messages between the audit log (core's event loop) and its worker threads: a closed list of
// calls, each with its input and output, so both ends are type-checked against one table.
import type { ErrorCode, ErrorParams } from '../../shared/errors';
import type { Appended, ChainHead } from './audit-store';
import type { AuditListQuery, AuditPage, AuditQuery, Checkpoint, KeptCheckpoint, PreparedEntry } from './types';
import type { RangeResult, VerifyPlan } from './verify-chain';

/** The writer owns the one read-write connection (synchronous=FULL); readers open read-only. */
export type WorkerRole = 'writer' | 'reader';

export interface WorkerInit {
  role: WorkerRole;
  databaseFile: string;
}

/** How the writer's connection commits, as SQLite reports it. */
export interface Durability {
  synchronous: 'off' | 'normal' | 'full' | 'extra';
  journalMode: string;
}

export interface CsvPage {
  text: string;
  count: number;
  lastSeq: number | null;
}

export interface Calls {
  append: { input: { entries: PreparedEntry[] }; output: Appended[] };
  head: { input: Record<string, never>; output: ChainHead };
  lastSeq: { input: Record<string, never>; output: number };
  durability: { input: Record<string, never>; output: Durability };
  storeCheckpoint: { input: { checkpoint: Checkpoint; reason: 'hourly' | 'on_demand' }; output: null };
  list: { input: { query: AuditListQuery }; output: AuditPage };
  csvPage: { input: { query: AuditQuery; afterSeq: number; limit: number; timeZone: string }; output: CsvPage };
  plan: { input: { checkpoint: KeptCheckpoint | null }; output: VerifyPlan };
  scanRange: { input: { from: number; to: number; pin: number[] }; output: RangeResult };
  close: { input: Record<string, never>; output: null };
}

export type CallName = keyof Calls;

export type WorkerRequest = { [K in CallName]: { id: number; call: K; input: Calls[K]['input'] } }[CallName];

export interface WireError {
  code: ErrorCode;
  params: ErrorParams;
  /** For the log only (an unexpected error's message); never shown to a user. */
  message: string;
}

export type WorkerReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: WireError }
  | { id: number; progress: { done: number; total: number } };
