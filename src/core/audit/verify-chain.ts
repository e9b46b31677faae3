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

export interface Anchor {
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

/** What verification learns before walking the chain: sizes, the checkpoints, their own problems. */
export interface VerifyPlan {
  total: number;
  /** Highest seq in the log (0 when empty): the chain is walked over 1..lastSeq. */
  lastSeq: number;
  head: { seq: number; hash: string } | null;
  /** Valid checkpoints, by head seq: each pins the hash at its head. */
  anchors: Anchor[];
  /** Problems found without walking: forged or foreign checkpoints, rows numbered below 1. */
  problems: BrokenAt[];
  kept: VerifyReport['checkpoint'];
  stored: VerifyReport['storedCheckpoints'];
}

/** One stretch of the chain walked, by one thread or by the only one. */
export interface RangeResult {
  from: number;
  to: number;
  /** Entries verified before the break, or all of the range. */
  checked: number;
  broken: BrokenAt | null;
  /** Verified stored hashes at the head seqs asked for. */
  pinned: Record<number, string>;
}

export function planVerification(db: Db, checkpoint: KeptCheckpoint | null): VerifyPlan {
  const total = db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const firstSeq = db.prepare('SELECT min(seq) FROM audit_log').pluck().get() as number | null;
  const keys = installationPublicKeys(db);
  const problems: BrokenAt[] = [];
  const anchors: Anchor[] = [];
  // The chain starts at 1: a row numbered below it was put there by hand.
  if (firstSeq !== null && firstSeq < 1) problems.push({ seq: firstSeq, problem: 'prev_mismatch', checkpoint: null });

  const storedRows = db.prepare('SELECT head_seq, count, head_hash, at, signed, signature, key_fingerprint FROM audit_checkpoints ORDER BY id').all() as StoredRow[];
  for (const row of storedRows) {
    const { anchor, problem } = storedAnchor(row, keys);
    if (problem) problems.push({ seq: anchor.headSeq, problem, checkpoint: anchorInfo(anchor) });
    else anchors.push(anchor);
  }
  let kept: VerifyReport['checkpoint'] = null;
  if (checkpoint) {
    const k = keptAnchor(checkpoint, keys);
    kept = { headSeq: k.anchor.headSeq, count: k.anchor.count, time: k.anchor.time, keyFingerprint: checkpoint.keyFingerprint, signatureValid: k.signatureValid, knownKey: k.knownKey };
    if (!k.signatureValid) problems.push({ seq: k.anchor.headSeq, problem: 'bad_signature', checkpoint: anchorInfo(k.anchor) });
    else if (!k.knownKey) problems.push({ seq: k.anchor.headSeq, problem: 'unknown_key', checkpoint: anchorInfo(k.anchor) });
    else anchors.push(k.anchor);
  }
  anchors.sort((a, b) => a.headSeq - b.headSeq || (a.source === 'kept' ? -1 : 1));
  const latest = anchors.filter((a) => a.source === 'stored').at(-1) ?? null;
  return {
    total,
    lastSeq: Math.max(0, last?.seq ?? 0),
    head: last ? { seq: last.seq, hash: last.hash } : null,
    anchors,
    problems,
    kept,
    stored: { count: storedRows.length, latest: latest ? { headSeq: latest.headSeq, count: latest.count, time: latest.time } : null },
  };
}

/** Walks entries from..to (both included), reporting progress as entries of this range done. */
export function scanRange(db: Db, from: number, to: number, pin: readonly number[], onProgress?: (done: number) => void): RangeResult {
  const scanner = new ChainScanner(db, from, to);
  const wanted = [...pin].filter((s) => s >= from && s <= to).sort((a, b) => a - b);
  const pinned: Record<number, string> = {};
  let next = 0;
  for (;;) {
    const step = scanner.next();
    while (next < wanted.length && wanted[next]! <= step.last) {
      const seq = wanted[next++]!;
      pinned[seq] = step.hashAt(seq);
    }
    if (step.done) return { from, to, checked: scanner.checked, broken: step.broken, pinned };
    onProgress?.(scanner.checked);
  }
}

/** Splits 1..lastSeq into `parts` stretches of at least `minimum` entries. */
export function splitRanges(lastSeq: number, parts: number, minimum = 100_000): { from: number; to: number }[] {
  if (lastSeq < 1) return [{ from: 1, to: 0 }];
  const n = Math.max(1, Math.min(parts, Math.floor(lastSeq / minimum)));
  const size = Math.ceil(lastSeq / n);
  const out: { from: number; to: number }[] = [];
  for (let from = 1; from <= lastSeq; from += size) out.push({ from, to: Math.min(lastSeq, from + size - 1) });
  return out;
}

/** The report from a plan and every range walked (in any order). */
export function finishVerification(plan: VerifyPlan, ranges: readonly RangeResult[], durationMs: number): VerifyReport {
  const problems = [...plan.problems];
  const ordered = [...ranges].sort((a, b) => a.from - b.from);
  let chainBreak: BrokenAt | null = null;
  let checked = 0;
  for (const r of ordered) {
    checked += r.checked;
    if (r.broken) {
      chainBreak = r.broken;
      break;
    }
  }
  const pinned: Record<number, string> = Object.assign({}, ...ordered.map((r) => r.pinned));
  for (const a of plan.anchors) {
    // headSeq 0 is a checkpoint of the empty log: there is no entry to pin.
    if (a.headSeq < 1 || a.headSeq > plan.lastSeq) continue;
    const hash = pinned[a.headSeq];
    if (hash !== undefined && hash !== a.headHash) problems.push({ seq: a.headSeq, problem: 'rolled_back', checkpoint: anchorInfo(a) });
  }
  if (chainBreak) problems.push(chainBreak);
  else {
    for (const a of plan.anchors) {
      if (a.headSeq > plan.lastSeq || a.count > plan.total) problems.push({ seq: plan.lastSeq + 1, problem: 'truncated', checkpoint: anchorInfo(a) });
    }
  }
  // The first broken entry is the lowest seq; at the same seq the chain's own finding comes first.
  problems.sort((a, b) => a.seq - b.seq || (a.checkpoint ? 1 : 0) - (b.checkpoint ? 1 : 0));
  return {
    intact: problems.length === 0,
    entries: plan.total,
    checked,
    head: plan.head,
    firstBroken: problems[0] ?? null,
    checkpoint: plan.kept,
    storedCheckpoints: plan.stored,
    durationMs: Math.round(durationMs),
  };
}

/** The whole verification in this thread, in one read transaction (the CLI, tests). */
export function verifyChain(db: Db, opts: VerifyOptions = {}): VerifyReport {
  const started = performance.now();
  // One read transaction: a consistent snapshot even while the core keeps appending.
  db.exec('BEGIN');
  try {
    const plan = planVerification(db, opts.checkpoint ?? null);
    const range = scanRange(
      db,
      1,
      plan.lastSeq,
      plan.anchors.map((a) => a.headSeq),
      (done) => opts.onProgress?.(done, plan.total),
    );
    return finishVerification(plan, [range], performance.now() - started);
  } finally {
    db.exec('COMMIT');
  }
}
