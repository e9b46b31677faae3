// Settings → Backup: a consistent copy made with SQLite's online backup API while the console
// keeps running (better-sqlite3 copies in steps between event-loop turns).
// Where it goes is the core's choice, never the client's: `<data-dir>/backups/`, under a generated
// name, created exclusively before the copy writes into it. A client-named destination once wrote
// wherever it was told, creating folders on the way, and replaced another SQLite database on the
// machine (issue "Trust": backup).
import { closeSync, mkdirSync, openSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { createLogger } from '../log/logger';
import type { Db } from './database';

const log = createLogger('backup');

export function backupFolder(dataDir: string): string {
  return path.join(dataDir, 'backups');
}

const errCode = (err: unknown) => (typeof err === 'object' && err && 'code' in err ? String((err as { code: unknown }).code) : '');

/**
 * Creates a new, empty file for the copy: `watchfloor-<UTC time>.db`, or with `-1`, `-2` … when that
 * name is taken (two backups in one millisecond, a clock set back). O_EXCL refuses an existing name
 * and a symlink alike, so no existing file is ever opened for writing.
 */
export function reserveBackupFile(folder: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  for (let n = 0; n < 1000; n++) {
    const file = path.join(folder, `watchfloor-${stamp}${n ? `-${n}` : ''}.db`);
    try {
      closeSync(openSync(file, 'wx', 0o600));
      return file;
    } catch (err) {
      if (errCode(err) !== 'EEXIST') throw err;
    }
  }
  throw new AppError('backup_failed', { file: folder });
}

export async function backupDatabase(db: Db, dataDir: string, now = new Date()): Promise<{ file: string; bytes: number }> {
  const folder = backupFolder(dataDir);
  let file: string | null = null;
  try {
    // Owner-only, like the rest of the data dir: a copy holds everything the console knows.
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    file = reserveBackupFile(folder, now);
    await db.backup(file);
    return { file, bytes: statSync(file).size };
  } catch (err) {
    // Only the file we created ourselves is removed: nothing else was opened.
    if (file) rmSync(file, { force: true });
    const shown = file ?? folder;
    log.error('backup failed', { file: shown, err: err instanceof Error ? err.message : String(err) });
    if (err instanceof AppError) throw err;
    const code = errCode(err);
    if (code === 'ENOSPC' || code === 'SQLITE_FULL') throw new AppError('disk_full', { file: shown }, { cause: err });
    throw new AppError('backup_failed', { file: shown }, { cause: err });
  }
}
