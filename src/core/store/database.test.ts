import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { backupDatabase } from './backup';
import { migrate, openDatabase } from './database';
import { LATEST_VERSION } from './migrations';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wf-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function expectAppError(fn: () => unknown, code: string, params: Record<string, unknown>) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe(code);
    expect((err as AppError).params).toMatchObject(params);
    return;
  }
  throw new Error(`expected ${code}`);
}

describe('opening the database', () => {
  it('creates one file with WAL, foreign keys and every migration applied', () => {
    const { db, file } = openDatabase({ dataDir: dir });
    expect(file).toBe(path.join(dir, 'watchfloor.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
    // A second start finds nothing to do and keeps the data.
    const again = openDatabase({ dataDir: dir });
    expect(again.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    again.db.close();
  });

  it('refuses a database from a newer Watchfloor and leaves the file untouched', () => {
    const { db, file } = openDatabase({ dataDir: dir });
    db.pragma(`user_version = ${LATEST_VERSION + 3}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = sha(file);
    expectAppError(() => openDatabase({ dataDir: dir }), 'db_newer_than_app', { file, version: LATEST_VERSION + 3, supported: LATEST_VERSION });
    expect(sha(file)).toBe(before);
  });

  it('names the file when it is not a database', () => {
    const file = path.join(dir, 'watchfloor.db');
    writeFileSync(file, Buffer.alloc(8192, 0x5a));
    expectAppError(() => openDatabase({ dataDir: dir }), 'db_corrupt', { file });
  });

  it('names the file when another program holds it locked', () => {
    const file = path.join(dir, 'watchfloor.db');
    const other = new Database(file);
    other.exec('CREATE TABLE x(a)');
    other.exec('BEGIN EXCLUSIVE');
    try {
      expectAppError(() => openDatabase({ dataDir: dir }), 'db_locked', { file });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });

  it('names the data folder when it cannot be created', () => {
    const blocker = path.join(dir, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const dataDir = path.join(blocker, 'data');
    expectAppError(() => openDatabase({ dataDir }), 'data_dir_not_writable', { path: dataDir });
  });

  it('applies migrations all or nothing', () => {
    const db = new Database(path.join(dir, 'm.db'));
    expect(() =>
      migrate(db, [
        { version: 1, name: 'good', sql: 'CREATE TABLE a(x)' },
        { version: 2, name: 'broken', sql: 'CREATE TABLE oops(' },
      ]),
    ).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'a'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('applies a migration numbered below one already applied (work that landed later), and only once', () => {
    const db = new Database(path.join(dir, 'late.db'));
    migrate(db, [
      { version: 1, name: 'one', sql: 'CREATE TABLE a(x)' },
      { version: 3, name: 'three', sql: 'CREATE TABLE c(x)' },
    ]);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    const all = [
      { version: 1, name: 'one', sql: 'CREATE TABLE a(x)' },
      { version: 2, name: 'two', sql: 'CREATE TABLE b(x)' },
      { version: 3, name: 'three', sql: 'CREATE TABLE c(x)' },
    ];
    migrate(db, all);
    migrate(db, all);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('a', 'b', 'c')").get()).toEqual({ n: 3 });
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    db.close();
  });

  it('takes a database from before migrations were recorded as having every one up to its version', () => {
    const db = new Database(path.join(dir, 'old.db'));
    db.exec('CREATE TABLE a(x); CREATE TABLE b(x)');
    db.pragma('user_version = 2');
    migrate(db, [
      { version: 1, name: 'one', sql: 'CREATE TABLE a(x)' },
      { version: 2, name: 'two', sql: 'CREATE TABLE b(x)' },
      { version: 3, name: 'three', sql: 'CREATE TABLE c(x)' },
    ]);
    expect((db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version)).toEqual([1, 2, 3]);
    db.close();
  });
});

describe('backup', () => {
  it('writes a consistent copy that opens with the same data', async () => {
    const { db } = openDatabase({ dataDir: dir });
    db.prepare("INSERT INTO settings(key, value) VALUES ('language', '\"vi\"')").run();
    const r = await backupDatabase(db, dir);
    expect(path.dirname(r.file)).toBe(path.join(dir, 'backups'));
    expect(r.bytes).toBeGreaterThan(0);
    const copy = new Database(r.file, { readonly: true });
    expect(copy.prepare("SELECT value FROM settings WHERE key = 'language'").get()).toEqual({ value: '"vi"' });
    copy.close();
    db.close();
  });

  it('reports a backups folder it cannot write', async () => {
    const { db } = openDatabase({ dataDir: dir });
    writeFileSync(path.join(dir, 'backups'), 'x');
    await expect(backupDatabase(db, dir)).rejects.toMatchObject({ code: 'backup_failed' });
    db.close();
  });
});
