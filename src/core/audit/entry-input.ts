// Checks and normalises what a caller asks to append, before it is queued: a bad entry is refused
// to its own caller and never reaches (or fails) the batch it would have shared with others.
import { AppError } from '../../shared/errors';
import { AUDIT_OUTCOMES, type AuditDetails, type AuditEntryInput, type PreparedEntry } from './types';

const ACTION = /^[a-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;
// No integer-like keys: JavaScript orders those before the others whatever the sort says.
const DETAIL_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_DETAILS = 64;
const LONG = 2000;
const SHORT = 200;

// SQLite stores UTF-8: a lone surrogate would come back as U+FFFD and the entry would no longer
// match its hash, so it is replaced before hashing.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function refuse(field: string, problem: string): never {
  throw new AppError('bad_request', { field: `audit.${field}`, problem });
}

function text(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string') refuse(field, 'not_text');
  if (value.length > max) refuse(field, 'too_long');
  return value.replace(LONE_SURROGATE, '\uFFFD');
}

function optionalText(value: unknown, field: string, max: number): string | null {
  return value === null || value === undefined ? null : text(value, field, max);
}

function details(value: unknown): AuditDetails {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) refuse('details', 'not_object');
  const keys = Object.keys(value);
  if (keys.length > MAX_DETAILS) refuse('details', 'too_many');
  const out: AuditDetails = {};
  for (const k of keys) {
    if (!DETAIL_KEY.test(k) || k.length > 64) refuse(`details.${k.slice(0, 64)}`, 'bad_key');
    const v = (value as Record<string, unknown>)[k];
    if (v === null || typeof v === 'boolean') out[k] = v;
    else if (typeof v === 'number') {
      // JSON has no NaN or Infinity: they would be stored as null and silently change meaning.
      if (!Number.isFinite(v)) refuse(`details.${k}`, 'not_finite');
      out[k] = v;
    } else if (typeof v === 'string') out[k] = text(v, `details.${k}`, LONG);
    else refuse(`details.${k}`, 'bad_value');
  }
  return out;
}

export function prepareEntry(input: AuditEntryInput, now: number): PreparedEntry {
  if (!input || typeof input !== 'object') refuse('entry', 'missing');
  const action = text(input.action, 'action', 100);
  if (!ACTION.test(action)) refuse('action', 'bad_name');
  if (!AUDIT_OUTCOMES.includes(input.outcome)) refuse('outcome', 'bad_value');
  const at = input.at ?? now;
  if (!Number.isSafeInteger(at) || at < 0) refuse('at', 'not_epoch_ms');
  const actor = input.actor ?? { userId: null, username: null };
  const t = input.target;
  return {
    at,
    actor: { userId: optionalText(actor.userId, 'actor.userId', SHORT), username: optionalText(actor.username, 'actor.username', SHORT) },
    action,
    outcome: input.outcome,
    target: t ? { kind: text(t.kind, 'target.kind', 40), id: text(t.id, 'target.id', SHORT), name: optionalText(t.name, 'target.name', LONG) } : null,
    details: details(input.details),
    source: optionalText(input.source, 'source', SHORT),
  };
}
