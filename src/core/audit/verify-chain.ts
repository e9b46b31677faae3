// Verification: walks the whole chain in seq order and names the FIRST broken entry. Needs only
// the database (read-only is enough) and public keys, no secrets. Synchronous on purpose: it runs
// in the audit worker or in the audit-verify CLI, never on the core's event loop.
//
// Per row r (numbered seq), with `head` the previous row's stored hash:
//   seq is not the next number                     → seq_gap at the first missing number
//   linked (prev_hash = head), content not matching → hash_mismatch at r (changed in place)
//   not linked, but r matches itself                → r-1 was changed and re-hashed: hash_mismatch at r-1
//   neither                                         → prev_mismatch at r (moved, inserted, swapped)
//   a page SQLite cannot read                       → unreadable at the first entry on it
// Checkpoints (stored ones and the inspector's kept one) then pin the head at their seq, which
// catches what a consistent rewrite hides: rolled_back (other hash there) and truncated (log too short).
import { installationPublicKeys, verifyWithPublicKey } from '../secrets/installation-key';
import type { Db } from '../store/database';
import { ChainScanner } from './chain-scan';
import { parseSignedText } from './checkpoint';
import type { BrokenAt, BreakProblem, KeptCheckpoint, VerifyOptions, VerifyReport } from './types';

interface Anchor {
  source: 'kept' | 'stored';
  headSeq: number;
  count: number;
  headHash: string;
  time: string;
}

interface StoredRow {
  head_seq: number;
  count: number;
  head_hash: string;
  at: number;
  signed: string;
  signature: string;
  key_fingerprint: string;
}

const anchorInfo = (a: Anchor): BrokenAt['checkpoint'] => ({ source: a.source, headSeq: a.headSeq, count: a.count, time: a.time });

function storedAnchor(row: StoredRow, keys: Map<string, string>): { anchor: Anchor; problem: BreakProblem | null } {
  const f = parseSignedText(row.signed);
  const anchor: Anchor = { source: 'stored', headSeq: row.head_seq, count: row.count, headHash: row.head_hash, time: new Date(row.at).toISOString() };
  const pem = keys.get(row.key_fingerprint);
  if (!pem) return { anchor, problem: 'unknown_key' };
  // The columns must say what was signed, or the row was altered after signing.
  const agrees = f && f.headSeq === row.head_seq && f.count === row.count && f.headHash === row.head_hash && f.timeMs === row.at && f.keyFingerprint === row.key_fingerprint;
  if (!agrees || !verifyWithPublicKey(pem, row.signed, Buffer.from(row.signature, 'base64'))) return { anchor, problem: 'bad_signature' };
  return { anchor, problem: null };
}

function keptAnchor(cp: KeptCheckpoint, keys: Map<string, string>): { anchor: Anchor; signatureValid: boolean; knownKey: boolean } {
  const anchor: Anchor = { source: 'kept', headSeq: cp.headSeq, count: cp.count, headHash: cp.headHash, time: cp.time };
  const f = parseSignedText(cp.signed);
  const agrees = !!f && f.headSeq === cp.headSeq && f.count === cp.count && f.headHash === cp.headHash && f.timeMs === cp.timeMs && f.keyFingerprint === cp.keyFingerprint;
  const signatureValid = agrees && verifyWithPublicKey(cp.publicKeyPem, cp.signed, Buffer.from(cp.signature, 'base64'));
  return { anchor, signatureValid, knownKey: keys.has(cp.keyFingerprint) };
}

export function verifyChain(db: Db, opts: VerifyOptions = {}): VerifyReport {
  const started = performance.now();
  // One read transaction: a consistent snapshot even while the core keeps appending.
  db.exec('BEGIN');
  try {
    const total = db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
    const keys = installationPublicKeys(db);
    const problems: BrokenAt[] = [];
    const anchors: Anchor[] = [];

    const storedRows = db.prepare('SELECT head_seq, count, head_hash, at, signed, signature, key_fingerprint FROM audit_checkpoints ORDER BY id').all() as StoredRow[];
    for (const row of storedRows) {
      const { anchor, problem } = storedAnchor(row, keys);
      if (problem) problems.push({ seq: anchor.headSeq, problem, checkpoint: anchorInfo(anchor) });
      else anchors.push(anchor);
    }
    let kept: VerifyReport['checkpoint'] = null;
    if (opts.checkpoint) {
      const k = keptAnchor(opts.checkpoint, keys);
      kept = { headSeq: k.anchor.headSeq, count: k.anchor.count, time: k.anchor.time, keyFingerprint: opts.checkpoint.keyFingerprint, signatureValid: k.signatureValid, knownKey: k.knownKey };
      if (!k.signatureValid) problems.push({ seq: k.anchor.headSeq, problem: 'bad_signature', checkpoint: anchorInfo(k.anchor) });
      else if (!k.knownKey) problems.push({ seq: k.anchor.headSeq, problem: 'unknown_key', checkpoint: anchorInfo(k.anchor) });
      else anchors.push(k.anchor);
    }
    anchors.sort((a, b) => a.headSeq - b.headSeq || (a.source === 'kept' ? -1 : 1));

    const scanner = new ChainScanner(db);
    let nextAnchor = 0;
    let chainBreak: BrokenAt | null = null;
    for (;;) {
      const step = scanner.next();
      while (nextAnchor < anchors.length && anchors[nextAnchor]!.headSeq <= step.last) {
        const a = anchors[nextAnchor++]!;
        // headSeq 0 is a checkpoint of the empty log: there is no entry to pin.
        if (a.headSeq >= step.first && step.hashAt(a.headSeq) !== a.headHash) problems.push({ seq: a.headSeq, problem: 'rolled_back', checkpoint: anchorInfo(a) });
      }
      chainBreak = step.broken;
      if (step.done) break;
      opts.onProgress?.(scanner.checked, total);
    }
    const checked = scanner.checked;
    const lastSeq = checked;
    if (!chainBreak) {
      for (const a of anchors.slice(nextAnchor)) {
        if (a.headSeq > lastSeq || a.count > total) problems.push({ seq: lastSeq + 1, problem: 'truncated', checkpoint: anchorInfo(a) });
      }
    }
    if (chainBreak) problems.push(chainBreak);
    // The first broken entry is the lowest seq; at the same seq the chain's own finding comes first.
    problems.sort((a, b) => a.seq - b.seq || (a.checkpoint ? 1 : 0) - (b.checkpoint ? 1 : 0));
    const latest = anchors.filter((a) => a.source === 'stored').at(-1) ?? null;
    return {
      intact: problems.length === 0,
      entries: total,
      checked,
      head: last ? { seq: last.seq, hash: last.hash } : null,
      firstBroken: problems[0] ?? null,
      checkpoint: kept,
      storedCheckpoints: { count: storedRows.length, latest: latest ? { headSeq: latest.headSeq, count: latest.count, time: latest.time } : null },
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    db.exec('COMMIT');
  }
}
