// Verifies an evidence package from its folder alone: no database, no network, no secret. The
// signature over manifest.json's exact bytes, the key's fingerprint (and the installation's, when
// the caller knows it), each listed file's size and SHA-256, SHA256SUMS against the manifest, and
// with the password, each encrypted file's content. Used by the Verify screen and `npm run verify`.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { VerifyReportInfo } from '../../shared/contract';
import { publicKeyFingerprint, verifyWithPublicKey } from '../secrets/installation-key';
import { decryptFile, DecryptError } from './crypto-stream';
import { sha256File } from './hash';
import { CHECKSUMS, FORMAT, MANIFEST, parseChecksums, SIGNATURE, type Manifest } from './package-format';

export interface VerifyOptions {
  password?: string | null;
  /** The fingerprint this installation signs with, when known. */
  installationFingerprint?: string | null;
  /** Writes each decrypted file here (with a password). */
  decryptTo?: string | null;
}

async function walk(root: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(path.join(root, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await walk(root, r)));
    else if (e.isFile()) out.push(r);
  }
  return out;
}

export async function verifyPackage(folder: string, o: VerifyOptions = {}): Promise<VerifyReportInfo> {
  const report: VerifyReportInfo = {
    folder,
    status: 'not_a_package',
    signatureValid: false,
    fingerprint: null,
    installationKey: null,
    encrypted: false,
    decrypted: null,
    files: [],
    summary: null,
    problems: [],
  };
  let bytes: Buffer;
  let m: Manifest;
  try {
    bytes = await readFile(path.join(folder, MANIFEST));
    m = JSON.parse(bytes.toString('utf8')) as Manifest;
    if (m.format !== FORMAT || !Array.isArray(m.files)) throw new Error('format');
  } catch {
    report.problems.push(`${MANIFEST} is missing or unreadable`);
    return report;
  }
  report.encrypted = !!m.encryption;
  report.summary = {
    caseNumber: String(m.case?.number ?? ''),
    reason: String(m.case?.reason ?? ''),
    operator: `${m.operator?.displayName ?? ''} (${m.operator?.username ?? ''})`,
    createdAt: String(m.createdAt?.local ?? ''),
    cameras: (m.cameras ?? []).map((c) => String(c.name)),
    appVersion: String(m.app?.version ?? ''),
  };

  // 1. The signature, with the key the manifest names, whose fingerprint must match the manifest's.
  let signed = false;
  try {
    const pem = (await readFile(path.join(folder, m.signing.publicKeyFile))).toString('utf8');
    report.fingerprint = publicKeyFingerprint(pem);
    const sig = await readFile(path.join(folder, m.signing.signatureFile ?? SIGNATURE));
    signed = true;
    report.signatureValid = report.fingerprint === m.signing.publicKeyFingerprintSha256 && verifyWithPublicKey(pem, bytes, sig);
    if (report.fingerprint !== m.signing.publicKeyFingerprintSha256) report.problems.push('the public key is not the one the manifest names');
  } catch {
    report.problems.push('no signature or public key');
  }
  if (o.installationFingerprint && report.fingerprint) report.installationKey = report.fingerprint === o.installationFingerprint.toLowerCase();

  // 2. Every listed file: present, same size, same SHA-256.
  const listed = new Set<string>([MANIFEST, m.signing?.signatureFile ?? SIGNATURE]);
  let damaged = false;
  for (const f of m.files) {
    listed.add(f.name);
    const file = path.join(folder, ...String(f.name).split('/'));
    if (f.name.includes('..') || path.isAbsolute(f.name)) {
      report.files.push({ name: f.name, status: 'changed', bytes: null });
      damaged = true;
      continue;
    }
    try {
      const st = await stat(file);
      const { sha256 } = st.size === f.bytes ? await sha256File(file) : { sha256: '' };
      const ok = sha256 === f.sha256;
      report.files.push({ name: f.name, status: ok ? 'ok' : 'changed', bytes: st.size });
      if (!ok) damaged = true;
    } catch {
      report.files.push({ name: f.name, status: 'missing', bytes: null });
      damaged = true;
    }
  }
  // 3. SHA256SUMS says the same as the manifest (it is what `sha256sum -c` checks).
  try {
    const sums = parseChecksums((await readFile(path.join(folder, CHECKSUMS))).toString('utf8'));
    for (const f of m.files) {
      if (f.name === CHECKSUMS) continue;
      if (sums.get(f.name) !== f.sha256) {
        report.problems.push(`${CHECKSUMS} disagrees with ${MANIFEST} about ${f.name}`);
        damaged = true;
      }
    }
  } catch {
    // reported as a missing file above
  }
  for (const rel of await walk(folder).catch(() => [] as string[])) {
    if (!listed.has(rel)) report.files.push({ name: rel, status: 'extra', bytes: (await stat(path.join(folder, rel))).size });
  }

  // 4. Encrypted content, with the password: each file decrypts (its tags hold) to the plaintext hash.
  if (m.encryption && o.password) {
    report.decrypted = true;
    for (const f of m.files.filter((x) => x.encrypted && !x.part)) {
      const file = path.join(folder, ...f.name.split('/'));
      try {
        let sink: ((b: Buffer) => Promise<void>) | undefined;
        let close: (() => Promise<void>) | undefined;
        if (o.decryptTo) {
          const { mkdir, open } = await import('node:fs/promises');
          const out = path.join(o.decryptTo, ...f.name.replace(/\.enc$/, '').split('/'));
          await mkdir(path.dirname(out), { recursive: true });
          const fh = await open(out, 'w');
          sink = async (b) => void (await fh.write(b));
          close = () => fh.close();
        }
        try {
          const r = await decryptFile(file, o.password, sink);
          if (r.sha256 !== f.plaintextSha256) throw new DecryptError('content differs');
        } finally {
          await close?.();
        }
      } catch (err) {
        report.decrypted = false;
        report.problems.push(`${f.name}: ${err instanceof DecryptError ? err.message : 'cannot be decrypted'}`);
      }
    }
  }

  report.status = !signed
    ? 'not_signed'
    : !report.signatureValid
      ? 'signature_invalid'
      : damaged || report.decrypted === false
        ? 'partial'
        : 'verified';
  return report;
}

/** The SHA-256 fingerprint of bytes, for callers that hold a key in memory. */
export const sha256Hex = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
