// Opens the one database file: WAL, foreign keys on, migrations applied in one transaction.
// Every way opening can fail becomes an AppError that names the file, so the operator (or the
// technician on the phone) knows which file to look at.
import Database from 'better-sqlite3';
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { createLogger } from '../log/logger';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

const log = createLogger('store');

export const DATABASE_FILE_NAME = 'watchfloor.db';
/** Above this size the start-up check is shortened (see openDatabase). */
const QUICK_CHECK_MAX_BYTES = 256 * 1024 * 1024;

/** Makes sure the data dir exists and is writable, or says which folder is the problem. */
export function ensureDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK | constants.R_OK);
  } catch (err) {
    throw new AppError('data_dir_not_writable', { path: dataDir }, { cause: err });
  }
}

function sqliteCode(err: unknown): string {
  return typeof err === 'object' && err && 'code' in err ? String((err as { code: unknown }).code) : '';
}

/** Maps a better-sqlite3 / fs failure to the error the UI shows. */
export function databaseError(file: string, err: unknown): AppError {
  const code = sqliteCode(err);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new AppError('db_locked', { file }, { cause: err });
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return new AppError('db_corrupt', { file }, { cause: err });
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return new AppError('disk_full', { file }, { cause: err });
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code === 'EACCES' || code.startsWith('SQLITE_IOERR'))
    return new AppError('db_unreadable', { file }, { cause: err });
  return new AppError('db_unreadable', { file }, { cause: err });
}

/** Reads user_version without writing anything, so a newer database is refused untouched. */
function peekVersion(file: string): number {
  const probe = new Database(file, { readonly: true, fileMustExist: true, timeout: 2000 });
  try {
    // Reading the schema forces SQLite to read the header: a non-database fails here.
    probe.prepare('SELECT count(*) FROM sqlite_master').get();
    return probe.pragma('user_version', { simple: true }) as number;
  } finally {
    probe.close();
  }
}

/**
 * Applies every migration the database has not had, in order. Each applied one is recorded, so a
 * migration numbered below one already applied (work that landed later than a higher number) is
 * still applied; user_version keeps the highest, which is what "newer than this app" compares.
 */
const BUSY_TIMEOUT_MS = 8000;
const MMAP_BYTES = 256 * 1024 * 1024;

/**
 * Every transaction on this connection starts with BEGIN IMMEDIATE. In WAL mode a deferred one that
 * reads first and writes after another connection (the audit worker, the import worker) committed
 * fails at once with "database is locked": SQLite cannot upgrade a stale read snapshot, and it does
 * not wait the busy timeout for that. Taking the write lock at BEGIN makes it wait instead.
 */
function immediateTransactions(db: Db): void {
  const deferred = db.transaction.bind(db);
  db.transaction = ((fn: (...args: never[]) => unknown) => {
    const t = deferred(fn);
    return Object.assign((...args: never[]) => t.immediate(...args), { deferred: t.deferred, immediate: t.immediate, exclusive: t.exclusive, default: t.immediate });
  }) as Db['transaction'];
}

export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
  const applied = new Set(hasTable ? (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version) : []);
  // A database from before the record was kept had every migration up to user_version, in order.
  if (!hasTable) for (const m of migrations) if (m.version <= current) applied.add(m.version);
  const pending = migrations.filter((m) => !applied.has(m.version));
  if (pending.length === 0 && hasTable) return;
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT');
    const record = db.prepare('INSERT OR IGNORE INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)');
    if (!hasTable) for (const m of migrations) if (applied.has(m.version)) record.run(m.version, m.name, 0);
    for (const m of pending) {
      db.exec(m.sql);
      record.run(m.version, m.name, Date.now());
      log.info(`applied migration ${m.version} ${m.name}`);
    }
    const highest = Math.max(current, ...pending.map((m) => m.version));
    db.pragma(`user_version = ${highest}`);
  }).immediate();
}

export interface OpenOptions {
  dataDir: string;
  fileName?: string;
}

export function openDatabase({ dataDir, fileName = DATABASE_FILE_NAME }: OpenOptions): { db: Db; file: string } {
  ensureDataDir(dataDir);
  const file = path.join(dataDir, fileName);
  try {
    if (existsSync(file)) {
      const version = peekVersion(file);
      if (version > LATEST_VERSION) {
        throw new AppError('db_newer_than_app', { file, version, supported: LATEST_VERSION });
      }
    }
    // Other connections write too (the audit worker's durable commits, the register's import
    // worker): on a disk that stalls, their fsync can hold the write lock for seconds. Waiting is
    // better than failing an officer's save with "database is locked".
    const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      // Reads straight from the file's pages (the OS page cache) instead of copying each into
      // SQLite's own 2 MB cache: the register's lists and totals over 100,000 cameras read tens of
      // megabytes, and took half as long again through the copying cache.
      db.pragma(`mmap_size = ${MMAP_BYTES}`);
      immediateTransactions(db);
      migrate(db);
      // An integrity problem deep in the file shows up at first use otherwise, mid-shift. quick_check
      // reads every page, though (3.9 s here for a million audit entries, with the console waiting),
      // so a big file is not scanned at start: its schema was read above, SQLite checks each page
      // as it reads it, and the audit chain's verification re-reads the largest table.
      if (statSync(file).size <= QUICK_CHECK_MAX_BYTES) {
        const check = db.pragma('quick_check', { simple: true });
        if (check !== 'ok') throw Object.assign(new Error(String(check)), { code: 'SQLITE_CORRUPT' });
      }
    } catch (err) {
      db.close();
      throw err;
    }
    return { db, file };
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw databaseError(file, err);
  }
}
