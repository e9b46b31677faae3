import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDatabase, backupFolder } from './backup';
import { openDatabase, type Db } from './database';

let dir: string;
let db: Db;
const now = new Date('2026-03-01T08:30:00.000Z');
const expectedName = 'watchfloor-2026-03-01T08-30-00-000Z.db';

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wf-backup-'));
  db = openDatabase({ dataDir: dir }).db;
  db.prepare("INSERT INTO settings(key, value) VALUES ('marker', '\"here\"')").run();
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const tablesOf = (file: string) => {
  const d = new Database(file, { readonly: true });
  try {
    return (d.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  } finally {
    d.close();
  }
};

describe('backupDatabase', () => {
  it("writes a consistent copy into the data folder's backups/, owner-only", async () => {
    const r = await backupDatabase(db, dir, now);
    expect(r.file).toBe(path.join(dir, 'backups', expectedName));
    expect(r.bytes).toBe(statSync(r.file).size);
    expect(tablesOf(r.file)).toContain('cameras');
    expect(statSync(r.file).mode & 0o077).toBe(0);
  });

  it('never replaces an existing file: the name taken, it adds a suffix', async () => {
    mkdirSync(backupFolder(dir), { recursive: true });
    // Someone else's database sits exactly where the copy would go.
    const theirs = path.join(backupFolder(dir), expectedName);
    const other = new Database(theirs);
    other.exec("CREATE TABLE evidence(x); INSERT INTO evidence VALUES ('keep me')");
    other.close();
    const before = readFileSync(theirs);
    const r = await backupDatabase(db, dir, now);
    expect(r.file).toBe(path.join(backupFolder(dir), 'watchfloor-2026-03-01T08-30-00-000Z-1.db'));
    expect(readFileSync(theirs).equals(before)).toBe(true);
    expect(tablesOf(theirs)).toEqual(['evidence']);
    const again = await backupDatabase(db, dir, now);
    expect(path.basename(again.file)).toBe('watchfloor-2026-03-01T08-30-00-000Z-2.db');
  });

  it('does not write through a symlink planted at the name', async () => {
    mkdirSync(backupFolder(dir), { recursive: true });
    const target = path.join(dir, 'elsewhere.db');
    writeFileSync(target, 'not yours');
    symlinkSync(target, path.join(backupFolder(dir), expectedName));
    const r = await backupDatabase(db, dir, now);
    expect(path.basename(r.file)).toBe('watchfloor-2026-03-01T08-30-00-000Z-1.db');
    expect(readFileSync(target, 'utf8')).toBe('not yours');
  });

  it('reports a failure as backup_failed naming the file, and leaves no half file', async () => {
    // backups/ is a file, so the folder cannot be made.
    writeFileSync(backupFolder(dir), '');
    await expect(backupDatabase(db, dir, now)).rejects.toMatchObject({ code: 'backup_failed' });
  });
});
