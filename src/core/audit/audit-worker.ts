// The audit worker thread. The writer role appends batches and stores checkpoints on its own
// connection with synchronous=FULL; the reader role lists, exports and verifies on a read-only one.
// Entry point of a worker_threads Worker (see worker-client.ts for how it is found and started).
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, isAppError } from '../../shared/errors';
import { databaseError, type Db } from '../store/database';
import { AuditQueries } from './audit-query';
import { AuditStore } from './audit-store';
import { planVerification, scanRange } from './verify-chain';
import type { Calls, CallName, WireError, WorkerInit, WorkerReply, WorkerRequest } from './worker-protocol';

const init = workerData as WorkerInit;
const port = parentPort!;

interface Open {
  db: Db;
  store: AuditStore | null;
  queries: AuditQueries | null;
}
let open: Open | null = null;

// Opened at the first call rather than at start, and again after a failure: a database locked for
// a moment at start must not leave the audit log dead for the whole shift.
function connection(): Open {
  if (open) return open;
  const file = init.databaseFile;
  let db: Db;
  try {
    db = init.role === 'writer' ? new Database(file, { fileMustExist: true, timeout: 5000 }) : new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
  } catch (err) {
    throw databaseError(file, err);
  }
  try {
    db.pragma('busy_timeout = 5000');
    // Durable before the caller hears back: FULL syncs the WAL at every commit (NORMAL may lose the
    // last commits on power loss). The core's own connection stays NORMAL.
    if (init.role === 'writer') db.pragma('synchronous = FULL');
    const hasLog = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").pluck().get() === 1;
    if (!hasLog) throw new AppError('audit_unavailable', { reason: 'no_audit_table', file });
    open = init.role === 'writer' ? { db, store: new AuditStore(db), queries: null } : { db, store: null, queries: new AuditQueries(db) };
    return open;
  } catch (err) {
    db.close();
    throw isAppError(err) ? err : databaseError(file, err);
  }
}

function writer(): AuditStore {
  const s = connection().store;
  if (!s) throw new AppError('internal', { reason: 'not_the_writer' });
  return s;
}

function reader(): { db: Db; queries: AuditQueries } {
  const { db, queries } = connection();
  if (!queries) throw new AppError('internal', { reason: 'not_a_reader' });
  return { db, queries };
}

/** One snapshot for the whole call, even while the writer keeps appending. */
function inReadTransaction<T>(fn: () => T): T {
  const { db } = reader();
  db.exec('BEGIN');
  try {
    return fn();
  } finally {
    db.exec('COMMIT');
  }
}

type Handlers = { [K in CallName]: (input: Calls[K]['input'], id: number) => Calls[K]['output'] };

const handlers: Handlers = {
  append: ({ entries }) => writer().append(entries),
  head: () => writer().head(),
  lastSeq: () => writer().lastSeq(),
  durability: () => {
    writer();
    const db = open!.db;
    const levels = ['off', 'normal', 'full', 'extra'] as const;
    return { synchronous: levels[db.pragma('synchronous', { simple: true }) as number] ?? 'off', journalMode: String(db.pragma('journal_mode', { simple: true })) };
  },
  storeCheckpoint: ({ checkpoint, reason }) => {
    writer().storeCheckpoint(checkpoint, reason);
    return null;
  },
  list: ({ query }) => reader().queries.list(query),
  csvPage: ({ query, afterSeq, limit, timeZone }) => reader().queries.csvAfter(query, afterSeq, limit, timeZone),
  plan: ({ checkpoint }) => inReadTransaction(() => planVerification(reader().db, checkpoint)),
  scanRange: ({ from, to, pin }, id) => {
    let lastPost = 0;
    return inReadTransaction(() =>
      scanRange(reader().db, from, to, pin, (done) => {
        const now = performance.now();
        if (now - lastPost < 100) return;
        lastPost = now;
        port.postMessage({ id, progress: { done, total: to - from + 1 } } satisfies WorkerReply);
      }),
    );
  },
  close: () => {
    open?.db.close();
    open = null;
    return null;
  },
};

function wireError(err: unknown): WireError {
  if (isAppError(err)) return { code: err.code, params: err.params, message: err.message };
  const code = typeof err === 'object' && err && 'code' in err ? String((err as { code: unknown }).code) : '';
  if (code.startsWith('SQLITE_')) {
    const mapped = databaseError(init.databaseFile, err);
    return { code: mapped.code, params: mapped.params, message: err instanceof Error ? err.message : code };
  }
  return { code: 'internal', params: {}, message: err instanceof Error ? (err.stack ?? err.message) : String(err) };
}

port.on('message', (req: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    const handle = handlers[req.call] as (input: unknown, id: number) => unknown;
    reply = { id: req.id, ok: true, value: handle(req.input, req.id) };
  } catch (err) {
    reply = { id: req.id, ok: false, error: wireError(err) };
    // After a disk or database error start again from a fresh connection at the next call.
    if (!isAppError(err) && open) {
      try {
        open.db.close();
      } catch {
        // already unusable
      }
      open = null;
    }
  }
  port.postMessage(reply);
  // Closing the port lets the thread end by itself once the connection is closed.
  if (req.call === 'close') port.close();
});
