// One Ed25519 key pair per installation (Trust issue). It signs audit checkpoints now and evidence
// export manifests later, so it knows nothing about either: it signs bytes.
//
// The private key is sealed with the SecretBox (the OS keychain in Electron, a key file in serve
// mode) and stored in the database; the public key is stored in clear so that anyone holding the
// database can verify signatures without any secret (npm run audit-verify needs none).
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { Logger } from '../log/logger';
import type { Db } from '../store/database';
import type { SecretBox } from './secret-box';

export interface InstallationKey {
  readonly publicKeyPem: string;
  /** SHA-256 of the public key's DER SubjectPublicKeyInfo, lowercase hex (64 characters). */
  readonly fingerprint: string;
  sign(data: Uint8Array | string): Buffer;
  verify(data: Uint8Array | string, signature: Uint8Array): boolean;
}

export interface LoadedInstallationKey {
  key: InstallationKey;
  /** Set when the stored key could not be opened (the SecretBox changed) and a new one replaced it:
   *  the caller records this in the audit log. Earlier signatures still verify with the old key. */
  replacedFingerprint: string | null;
}

interface KeyRow {
  fingerprint: string;
  public_key_pem: string;
  private_key_box: string;
}

const bytes = (data: Uint8Array | string): Buffer => (typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data));

/** The fingerprint of a public key given as PEM (SPKI); throws if it is not a public key. */
export function publicKeyFingerprint(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}

/** "ab12cd34…" → "AB12 CD34 …": how a fingerprint is read out over the phone or compared on paper. */
export function formatFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/.{1,4}/g) ?? []).join(' ');
}

/** Verifies an Ed25519 signature with a public key PEM; false (never a throw) for a bad key or signature. */
export function verifyWithPublicKey(publicKeyPem: string, data: Uint8Array | string, signature: Uint8Array): boolean {
  try {
    const key = createPublicKey(publicKeyPem);
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, bytes(data), key, signature);
  } catch {
    return false;
  }
}

/** Every public key this installation has had, current and retired, by fingerprint. No secrets needed. */
export function installationPublicKeys(db: Db): Map<string, string> {
  const rows = db.prepare('SELECT fingerprint, public_key_pem FROM installation_keys').all() as { fingerprint: string; public_key_pem: string }[];
  return new Map(rows.map((r) => [r.fingerprint, r.public_key_pem]));
}

function keyFrom(privateKey: KeyObject): InstallationKey {
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const fingerprint = publicKeyFingerprint(publicKeyPem);
  return {
    publicKeyPem,
    fingerprint,
    sign: (data) => sign(null, bytes(data), privateKey),
    verify: (data, signature) => {
      try {
        return verify(null, bytes(data), publicKey, signature);
      } catch {
        return false;
      }
    },
  };
}

function create(db: Db, box: SecretBox, now: number): InstallationKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  const key = keyFrom(privateKey);
  const sealed = box.seal(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  db.prepare('INSERT INTO installation_keys(fingerprint, algorithm, public_key_pem, private_key_box, created_at) VALUES (?, ?, ?, ?, ?)').run(
    key.fingerprint,
    'ed25519',
    key.publicKeyPem,
    sealed,
    now,
  );
  return key;
}

/**
 * The installation's key: created at first start, opened from the database afterwards. If the
 * sealed private key cannot be opened (the secret key file was lost, or the OS keychain changed),
 * the old key is retired and a new one created, so the console keeps signing.
 */
export function loadOrCreateInstallationKey(db: Db, box: SecretBox, log?: Logger, now = Date.now()): LoadedInstallationKey {
  return db
    .transaction((): LoadedInstallationKey => {
      const row = db
        .prepare('SELECT fingerprint, public_key_pem, private_key_box FROM installation_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1')
        .get() as KeyRow | undefined;
      if (!row) return { key: create(db, box, now), replacedFingerprint: null };
      try {
        const key = keyFrom(createPrivateKey(box.open(row.private_key_box)));
        if (key.fingerprint !== row.fingerprint) throw new Error('stored private key does not match its public key');
        return { key, replacedFingerprint: null };
      } catch (err) {
        log?.error('the installation key cannot be opened: retiring it and creating a new one', {
          fingerprint: row.fingerprint,
          error: err instanceof Error ? err.message : String(err),
        });
        db.prepare('UPDATE installation_keys SET retired_at = ? WHERE fingerprint = ?').run(now, row.fingerprint);
        return { key: create(db, box, now), replacedFingerprint: row.fingerprint };
      }
    })
    .immediate();
}
