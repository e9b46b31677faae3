// Settings → Backup: a consistent copy made with SQLite's online backup API while the console
// keeps running (better-sqlite3 copies in steps between event-loop turns).
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { Db } from './database';

export function defaultBackupPath(dataDir: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return path.join(dataDir, 'backups', `watchfloor-${stamp}.db`);
}

export async function backupDatabase(db: Db, destination: string): Promise<{ file: string; bytes: number }> {
  try {
    mkdirSync(path.dirname(destination), { recursive: true });
    await db.backup(destination);
    return { file: destination, bytes: statSync(destination).size };
  } catch (err) {
    const code = typeof err === 'object' && err && 'code' in err ? String((err as { code: unknown }).code) : '';
    if (code === 'ENOSPC' || code === 'SQLITE_FULL') throw new AppError('disk_full', { file: destination }, { cause: err });
    throw new AppError('backup_failed', { file: destination }, { cause: err });
  }
}
