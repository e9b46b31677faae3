// Numbered migrations, applied in order at start inside one transaction. PRAGMA user_version holds
// the number of the last one applied. Add a file `NNN_name.ts` and list it here; never edit one
// that has shipped.
import m001 from './001_foundation';
import m002 from './002_views';
import m003 from './003_camera_stream';
import m004 from './004_auth';
import m005 from './005_audit';
import m010 from './010_incidents';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'foundation', sql: m001 },
  { version: 2, name: 'views', sql: m002 },
  { version: 3, name: 'camera_stream', sql: m003 },
  { version: 4, name: 'auth', sql: m004 },
  { version: 5, name: 'audit', sql: m005 },
  // 6–9: other branches (register, recording, ptz/onboarding, wall) land theirs in parallel.
  { version: 10, name: 'incidents', sql: m010 },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
