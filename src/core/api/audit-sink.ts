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

/** The call's input as audit details: top-level fields only, secrets replaced, long values cut. */
export function auditDetails(input: unknown): Record<string, AuditValue> {
  const out: Record<string, AuditValue> = {};
  if (!input || typeof input !== 'object' || Array.isArray(input)) return out;
  let n = 0;
  for (const [k, v] of Object.entries(input)) {
    if (n++ >= MAX_FIELDS) break;
    if (k === '__proto__') continue;
    const key = k.slice(0, 64);
    if (SECRET.test(k)) out[key] = v == null ? null : '***';
    else if (v === null || typeof v === 'number' || typeof v === 'boolean') out[key] = v;
    else if (v !== undefined) out[key] = text(v);
  }
  return out;
}
