// CSV for inspectors (RFC 4180): CRLF lines, quotes only where needed, UTF-8 with a BOM so Excel
// reads Vietnamese as Vietnamese. Every row carries the exact hashed entry text and both hashes,
// so the chain can be re-checked from the CSV alone.
//
// Text cells that a spreadsheet would run as a formula (= + - @, tab, CR first) get a leading
// apostrophe (OWASP "CSV injection"): a camera named "=HYPERLINK(…)" must not become a link.
import { AppError } from '../../shared/errors';
import type { AuditEntry } from './types';

export const CSV_BOM = '\uFEFF';

export const CSV_COLUMNS = [
  'seq',
  'time_utc',
  'time_local',
  'user_id',
  'username',
  'action',
  'outcome',
  'target_kind',
  'target_id',
  'target_name',
  'details',
  'source',
  'prev_hash',
  'hash',
  'entry',
] as const;

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const guarded = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function csvLine(cells: readonly (string | number | null)[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

/** "2026-03-01 15:00:00" in the given IANA zone; throws bad_request for a zone Intl does not know. */
export function localTimeFormatter(timeZone: string): (ms: number) => string {
  let fmt: Intl.DateTimeFormat;
  try {
    // sv-SE writes ISO-like dates: 2026-03-01 15:00:00.
    fmt = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  } catch (err) {
    throw new AppError('bad_request', { field: 'timeZone', problem: 'unknown_time_zone' }, { cause: err });
  }
  return (ms) => fmt.format(new Date(ms));
}

export function csvHeader(): string {
  return CSV_BOM + csvLine(CSV_COLUMNS);
}

/** `text` is the stored entry text (what was hashed), passed apart so it is written byte for byte. */
export function csvEntryLine(e: AuditEntry, text: string, localTime: (ms: number) => string): string {
  return csvLine([
    e.seq,
    new Date(e.at).toISOString(),
    localTime(e.at),
    e.actor.userId,
    e.actor.username,
    e.action,
    e.outcome,
    e.target?.kind ?? null,
    e.target?.id ?? null,
    e.target?.name ?? null,
    JSON.stringify(e.details),
    e.source,
    e.prevHash,
    e.hash,
    text,
  ]);
}
