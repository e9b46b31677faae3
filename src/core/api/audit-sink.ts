// What the dispatcher needs of the audit trail (src/core/audit implements it), and how a call's
// input becomes an entry's details: flat, bounded, and never a password.

export type AuditValue = string | number | boolean | null;

export interface AuditRecord {
  actor: { userId: string | null; username: string | null };
  action: string;
  outcome: 'ok' | 'denied' | 'failed';
  target?: { kind: string; id: string; name?: string | null } | null;
  details?: Record<string, AuditValue>;
  source?: string | null;
  at?: number;
}

export interface AuditSink {
  /** Resolves once the entry is durable. */
  append(entry: AuditRecord): Promise<unknown>;
}

const SECRET = /pass(word)?|secret|token|cookie|authorization/i;
const MAX_TEXT = 300;
const MAX_FIELDS = 24;

function text(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value, (k, v) => (SECRET.test(k) ? '***' : v));
  return s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT)}…` : s;
}

/**
 * A field name as the audit trail accepts it (a letter or _, then letters, digits, _). A client may
 * send any name ("", "0", "a-b": the contract drops unknown fields and the call succeeds); refused
 * by the trail, it cost the whole entry, so the call happened and nothing recorded it.
 */
const PROPER_KEY = /^[A-Za-z_][A-Za-z0-9_]{0,59}$/;

function detailKey(k: string, taken: Record<string, unknown>): string {
  const base = PROPER_KEY.test(k) ? k : `_${k.replace(/[^A-Za-z0-9_]/g, '_')}`.replace(/^_(?=[A-Za-z_])/, '').slice(0, 56);
  let key = base;
  for (let i = 2; Object.hasOwn(taken, key); i++) key = `${base}_${i}`;
  return key;
}

/** The call's input as audit details: top-level fields only, secrets replaced, long values cut. */
export function auditDetails(input: unknown): Record<string, AuditValue> {
  const out: Record<string, AuditValue> = {};
  if (!input || typeof input !== 'object' || Array.isArray(input)) return out;
  let n = 0;
  // Fields with proper names first, so they keep them; an odd name gives way to a proper one.
  const entries = Object.entries(input);
  const proper = (k: string) => PROPER_KEY.test(k);
  for (const [k, v] of [...entries.filter(([k]) => proper(k)), ...entries.filter(([k]) => !proper(k))]) {
    if (n++ >= MAX_FIELDS) break;
    if (k === '__proto__') continue;
    const key = detailKey(k, out);
    if (SECRET.test(k)) out[key] = v == null ? null : '***';
    else if (v === null || typeof v === 'boolean') out[key] = v;
    else if (typeof v === 'number') out[key] = Number.isFinite(v) ? v : String(v);
    else if (v !== undefined) out[key] = text(v);
  }
  return out;
}
