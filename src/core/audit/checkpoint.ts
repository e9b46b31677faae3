// Checkpoints: the signed text, and the file an inspector keeps.
//
// The signed text is plain lines, so an inspector can read what was signed:
//
//     watchfloor-audit-checkpoint 1
//     count 1234
//     head-seq 1234
//     head-hash 9f86d0…
//     time 2026-03-01T08:00:00.000Z
//     time-ms 1772352000000
//     key 5c1e…            (the signing key's fingerprint)
//
// The file repeats the fields as JSON beside the exact text, the base64 signature and the public
// key, so `openssl pkeyutl -verify -rawin` can check it with no Watchfloor at hand.
import { AppError } from '../../shared/errors';
import { formatFingerprint, publicKeyFingerprint } from '../secrets/installation-key';
import type { Checkpoint, KeptCheckpoint } from './types';

const HEADER = 'watchfloor-audit-checkpoint 1';
const FILE_FORMAT = 'watchfloor-audit-checkpoint';
const HEX64 = /^[0-9a-f]{64}$/;
const COUNT = /^(0|[1-9][0-9]{0,15})$/;

export interface CheckpointFields {
  count: number;
  headSeq: number;
  headHash: string;
  timeMs: number;
  keyFingerprint: string;
}

export function signedText(f: CheckpointFields): string {
  return [
    HEADER,
    `count ${f.count}`,
    `head-seq ${f.headSeq}`,
    `head-hash ${f.headHash}`,
    `time ${new Date(f.timeMs).toISOString()}`,
    `time-ms ${f.timeMs}`,
    `key ${f.keyFingerprint}`,
    '',
  ].join('\n');
}

/** The fields of a signed text, or null if it is not exactly what signedText writes. */
export function parseSignedText(text: string): CheckpointFields | null {
  const lines = text.split('\n');
  if (lines.length !== 8 || lines[0] !== HEADER || lines[7] !== '') return null;
  const value = (i: number, key: string): string | null => (lines[i]!.startsWith(key + ' ') ? lines[i]!.slice(key.length + 1) : null);
  const count = value(1, 'count');
  const headSeq = value(2, 'head-seq');
  const headHash = value(3, 'head-hash');
  const time = value(4, 'time');
  const timeMs = value(5, 'time-ms');
  const key = value(6, 'key');
  if (!count || !COUNT.test(count) || !headSeq || !COUNT.test(headSeq) || !timeMs || !COUNT.test(timeMs)) return null;
  if (!headHash || !HEX64.test(headHash) || !key || !HEX64.test(key)) return null;
  const f = { count: Number(count), headSeq: Number(headSeq), headHash, timeMs: Number(timeMs), keyFingerprint: key };
  if (!Number.isSafeInteger(f.timeMs) || time !== new Date(f.timeMs).toISOString()) return null;
  // Anything else would not round-trip, so two different texts could claim the same fields.
  return signedText(f) === text ? f : null;
}

export function makeCheckpoint(f: CheckpointFields, sign: (text: string) => Buffer): Checkpoint {
  const signed = signedText(f);
  return { ...f, time: new Date(f.timeMs).toISOString(), signed, signature: sign(signed).toString('base64') };
}

/** The checkpoint file's text (JSON, UTF-8). */
export function checkpointFileText(cp: Checkpoint, publicKeyPem: string): string {
  const file = {
    format: FILE_FORMAT,
    version: 1,
    count: cp.count,
    headSeq: cp.headSeq,
    headHash: cp.headHash,
    time: cp.time,
    timeMs: cp.timeMs,
    keyFingerprint: cp.keyFingerprint,
    keyFingerprintGrouped: formatFingerprint(cp.keyFingerprint),
    signatureAlgorithm: 'Ed25519',
    signed: cp.signed,
    signature: cp.signature,
    publicKeyPem,
    howToVerify: [
      'Against the database: npm run audit-verify -- --checkpoint THIS_FILE (exit code 0: intact).',
      'Without Watchfloor: write "signed" exactly (UTF-8, nothing added) to signed.bin, the base64-decoded "signature" to sig.bin and "publicKeyPem" to pub.pem, then',
      'openssl pkeyutl -verify -pubin -inkey pub.pem -rawin -in signed.bin -sigfile sig.bin',
      'and check the key is this installation\'s: openssl pkey -pubin -in pub.pem -outform DER | sha256sum gives keyFingerprint.',
    ],
  };
  return JSON.stringify(file, null, 2) + '\n';
}

/** Reads an inspector's checkpoint file. Its signature is checked by verification, not here: a
 *  forged checkpoint is a finding to report, a malformed file is a mistake to name. */
export function parseCheckpointFile(text: string, file: string): KeptCheckpoint {
  const invalid = (reason: string): never => {
    throw new AppError('audit_checkpoint_invalid', { file, reason });
  };
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return invalid('not_json');
  }
  if (!raw || typeof raw !== 'object' || (raw as { format?: unknown }).format !== FILE_FORMAT) return invalid('not_a_checkpoint');
  const o = raw as Record<string, unknown>;
  if (o.version !== 1) return invalid('unsupported_version');
  if (typeof o.signed !== 'string' || typeof o.signature !== 'string' || typeof o.publicKeyPem !== 'string') return invalid('missing_field');
  const f = parseSignedText(o.signed);
  if (!f) return invalid('malformed_signed_text');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(o.signature) || Buffer.from(o.signature, 'base64').length !== 64) return invalid('malformed_signature');
  if (o.count !== f.count || o.headSeq !== f.headSeq || o.headHash !== f.headHash || o.timeMs !== f.timeMs || o.keyFingerprint !== f.keyFingerprint)
    return invalid('fields_disagree');
  let fingerprint: string;
  try {
    fingerprint = publicKeyFingerprint(o.publicKeyPem);
  } catch {
    return invalid('bad_public_key');
  }
  if (fingerprint !== f.keyFingerprint) return invalid('key_fingerprint_mismatch');
  return { ...f, time: new Date(f.timeMs).toISOString(), signed: o.signed, signature: o.signature, publicKeyPem: o.publicKeyPem };
}
