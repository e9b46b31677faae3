import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A random 32-byte key kept in the data dir, readable by its owner only; created on first use. */
export function loadOrCreateKey(dataDir: string, name: string): Buffer {
  const file = path.join(dataDir, name);
  if (existsSync(file)) return readFileSync(file);
  const key = randomBytes(32);
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}
