// For tests and benchmarks only: a fresh data dir with the database migrated, an installation key
// and an audit log on it, and one call that undoes all of it.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../log/logger';
import { loadOrCreateInstallationKey, type InstallationKey } from '../secrets/installation-key';
import { fileKeySecretBox } from '../secrets/secret-box';
import { openDatabase, type Db } from '../store/database';
import { AuditLog, type AuditLogOptions } from './audit-log';

export interface AuditFixture {
  dir: string;
  file: string;
  /** The core's own connection (synchronous NORMAL), as in the running app. */
  db: Db;
  key: InstallationKey;
  audit: AuditLog;
  cleanup(): Promise<void>;
}

export function auditFixture(options: Partial<AuditLogOptions> = {}, dir = mkdtempSync(path.join(os.tmpdir(), 'wf-audit-'))): AuditFixture {
  const { db, file } = openDatabase({ dataDir: dir });
  const log = createLogger('audit');
  const { key } = loadOrCreateInstallationKey(db, fileKeySecretBox(dir), log);
  const audit = new AuditLog({ databaseFile: file, key, log, ...options });
  return {
    dir,
    file,
    db,
    key,
    audit,
    async cleanup() {
      await audit.dispose();
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
