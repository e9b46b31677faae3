import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, setLogSink } from '../log/logger';
import { openDatabase, type Db } from '../store/database';
import { formatFingerprint, installationPublicKeys, loadOrCreateInstallationKey, publicKeyFingerprint, verifyWithPublicKey } from './installation-key';
import { fileKeySecretBox } from './secret-box';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wf-key-'));
  db = openDatabase({ dataDir: dir }).db;
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the installation key', () => {
  it('is created once and opened again at the next start, signing and verifying bytes', () => {
    const first = loadOrCreateInstallationKey(db, fileKeySecretBox(dir));
    expect(first.replacedFingerprint).toBeNull();
    const again = loadOrCreateInstallationKey(db, fileKeySecretBox(dir)).key;
    expect(again.fingerprint).toBe(first.key.fingerprint);
    expect(again.publicKeyPem).toBe(first.key.publicKeyPem);
    expect(first.key.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(publicKeyFingerprint(first.key.publicKeyPem)).toBe(first.key.fingerprint);

    const sig = again.sign('manifest: Nguyễn Huệ');
    expect(sig).toHaveLength(64);
    expect(first.key.verify('manifest: Nguyễn Huệ', sig)).toBe(true);
    expect(first.key.verify('manifest: Nguyen Hue', sig)).toBe(false);
    expect(verifyWithPublicKey(first.key.publicKeyPem, Buffer.from('manifest: Nguyễn Huệ'), sig)).toBe(true);
    expect(verifyWithPublicKey('not a key', 'x', sig)).toBe(false);
  });

  it('keeps the private key sealed in the database, never in clear', () => {
    loadOrCreateInstallationKey(db, fileKeySecretBox(dir));
    const row = db.prepare('SELECT private_key_box, public_key_pem FROM installation_keys').get() as { private_key_box: string; public_key_pem: string };
    expect(row.private_key_box).toMatch(/^v1:/);
    expect(row.private_key_box).not.toContain('PRIVATE KEY');
    expect(row.public_key_pem).toContain('BEGIN PUBLIC KEY');
  });

  it('retires a key it can no longer open and creates a new one; the old public key stays for verifying', () => {
    const lines: string[] = [];
    const restore = setLogSink((l) => lines.push(l));
    try {
      const old = loadOrCreateInstallationKey(db, fileKeySecretBox(dir)).key;
      const oldSig = old.sign('checkpoint');
      // The secret key file was lost (a restored database on a new machine, say).
      writeFileSync(path.join(dir, 'secret.key'), Buffer.alloc(32, 7));
      const next = loadOrCreateInstallationKey(db, fileKeySecretBox(dir), createLogger('secrets'));
      expect(next.replacedFingerprint).toBe(old.fingerprint);
      expect(next.key.fingerprint).not.toBe(old.fingerprint);
      const keys = installationPublicKeys(db);
      expect([...keys.keys()].sort()).toEqual([old.fingerprint, next.key.fingerprint].sort());
      expect(verifyWithPublicKey(keys.get(old.fingerprint)!, 'checkpoint', oldSig)).toBe(true);
      expect(loadOrCreateInstallationKey(db, fileKeySecretBox(dir)).key.fingerprint).toBe(next.key.fingerprint);
      expect(lines.join('\n')).toContain('cannot be opened');
      expect(lines.join('\n')).not.toMatch(/PRIVATE KEY|v1:/);
    } finally {
      restore();
    }
  });

  it('shows a fingerprint in groups of four for reading aloud', () => {
    expect(formatFingerprint('ab12cd34ef56')).toBe('AB12 CD34 EF56');
  });
});
