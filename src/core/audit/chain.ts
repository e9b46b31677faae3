// The chain: each entry is stored as one line of JSON text, and
//
//     hash = SHA-256( UTF-8(prevHash) || UTF-8(entryText) )
//
// where prevHash is the previous entry's hash as 64 lowercase hex characters (64 zeros for the
// first entry) and entryText is the JSON array
//
//     [seq, at, actorId, actorName, action, outcome, targetKind, targetId, targetName, details, source]
//
// written by JSON.stringify (no spaces; details' keys sorted). The database keeps entryText as it
// was hashed, so verifying never re-serialises anything and an inspector can check an entry with
// nothing but `printf '%s%s' "$prev" "$entry" | sha256sum`.
import { hash } from 'node:crypto';
import type { AuditDetails, AuditEntry, AuditOutcome, PreparedEntry } from './types';

export const GENESIS_HASH = '0'.repeat(64);

/** The entry's text as hashed and stored. */
export function entryText(seq: number, e: PreparedEntry): string {
  const details: AuditDetails = {};
  for (const k of Object.keys(e.details).sort()) details[k] = e.details[k]!;
  return JSON.stringify([
    seq,
    e.at,
    e.actor.userId,
    e.actor.username,
    e.action,
    e.outcome,
    e.target?.kind ?? null,
    e.target?.id ?? null,
    e.target?.name ?? null,
    details,
    e.source,
  ]);
}

export function chainHash(prevHash: string, text: string): string {
  return hash('sha256', prevHash + text, 'hex');
}

/** SHA-256 of bytes that already hold prevHash followed by the entry text (the verifier's fast path). */
export function chainHashOfBytes(prevHashAndText: Uint8Array): string {
  return hash('sha256', prevHashAndText, 'hex');
}

/** Cheap check that an entry's text carries the seq of the row it sits in (a moved row does not). */
export function textHasSeq(text: string, seq: number): boolean {
  return text.startsWith(`[${seq},`);
}

type EntryArray = [number, number, string | null, string | null, string, AuditOutcome, string | null, string | null, string | null, AuditDetails, string | null];

/** Reads a stored entry back. The text was written by entryText; a row altered by hand may not parse. */
export function parseEntry(text: string, prevHash: string, hashHex: string): AuditEntry {
  const a = JSON.parse(text) as EntryArray;
  return {
    seq: a[0],
    at: a[1],
    actor: { userId: a[2], username: a[3] },
    action: a[4],
    outcome: a[5],
    target: a[6] !== null && a[7] !== null ? { kind: a[6], id: a[7], name: a[8] } : null,
    details: a[9] ?? {},
    source: a[10],
    prevHash,
    hash: hashHex,
  };
}
