// Reading the log for the administrator's screen and for CSV exports: filters on the generated
// columns (indexed), keyset paging by seq. Runs on the reader's own connection in the audit worker.
import { matchesSearch } from '../../shared/text';
import type { Db } from '../store/database';
import { parseEntry } from './chain';
import { csvEntryLine, localTimeFormatter } from './csv';
import type { AuditEntry, AuditListQuery, AuditPage, AuditQuery } from './types';

export const MAX_PAGE = 500;
// A text search cannot use an index (it ignores diacritics), so one call looks at this many
// entries at most, about 0.1 s here, and says where to carry on.
export const TEXT_SCAN_WINDOW = 50_000;

type Row = [seq: number, entry: string, prevHash: string, hash: string];

interface Filter {
  where: string[];
  params: (string | number)[];
}

function filter(q: AuditQuery): Filter {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const eq = (column: string, v: string | undefined) => {
    if (v === undefined) return;
    where.push(`${column} = ?`);
    params.push(v);
  };
  eq('action', q.action);
  eq('actor_id', q.userId);
  eq('actor_name', q.username);
  eq('outcome', q.outcome);
  eq('target_kind', q.targetKind);
  eq('target_id', q.targetId);
  if (q.from !== undefined) {
    where.push('at >= ?');
    params.push(q.from);
  }
  if (q.to !== undefined) {
    where.push('at < ?');
    params.push(q.to);
  }
  if (q.text?.trim()) {
    where.push('wf_matches(entry, ?)');
    params.push(q.text);
  }
  return { where, params };
}

/** An entry whose text no longer parses (altered by hand) is still listed, as what it is. */
function toEntry(seq: number, text: string, prevHash: string, hash: string): AuditEntry {
  try {
    return parseEntry(text, prevHash, hash);
  } catch {
    return {
      seq,
      at: 0,
      actor: { userId: null, username: null },
      action: 'audit.unreadable',
      outcome: 'failed',
      target: null,
      details: { text: text.slice(0, 500) },
      source: null,
      prevHash,
      hash,
    };
  }
}

export class AuditQueries {
  constructor(private readonly db: Db) {
    db.function('wf_matches', { deterministic: true }, (text: unknown, query: unknown) =>
      typeof text === 'string' && typeof query === 'string' && matchesSearch(text, query) ? 1 : 0,
    );
  }

  private rows(where: string[], order: 'ASC' | 'DESC', limit: number, params: (string | number)[]): Row[] {
    const sql = `SELECT seq, entry, prev_hash, hash FROM audit_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY seq ${order} LIMIT ${limit}`;
    return this.db.prepare(sql).raw(true).all(...params) as Row[];
  }

  /** Newest first. */
  list(q: AuditListQuery): AuditPage {
    const limit = Math.max(1, Math.min(MAX_PAGE, Math.floor(q.limit)));
    const f = filter(q);
    const where = [...f.where];
    const params = [...f.params];
    if (q.beforeSeq !== undefined) {
      where.unshift('seq < ?');
      params.unshift(q.beforeSeq);
    }
    let floor: number | null = null;
    if (q.text?.trim()) {
      const top = q.beforeSeq ?? ((this.db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number | null) ?? 0) + 1;
      floor = Math.max(1, top - TEXT_SCAN_WINDOW);
      where.unshift('seq >= ?');
      params.unshift(floor);
    }
    const entries = this.rows(where, 'DESC', limit, params).map(([seq, text, prev, hash]) => toEntry(seq, text, prev, hash));
    let next: number | null = null;
    if (entries.length === limit) next = entries[entries.length - 1]!.seq;
    else if (floor !== null && floor > 1) next = floor;
    return { entries, nextBeforeSeq: next };
  }

  /** CSV lines for the entries after `afterSeq`, oldest first: the order an inspector reads in. */
  csvAfter(q: AuditQuery, afterSeq: number, limit: number, timeZone: string): { text: string; count: number; lastSeq: number | null } {
    const f = filter(q);
    const rows = this.rows(['seq > ?', ...f.where], 'ASC', limit, [afterSeq, ...f.params]);
    const localTime = localTimeFormatter(timeZone);
    let text = '';
    for (const [seq, entry, prev, hash] of rows) text += csvEntryLine(toEntry(seq, entry, prev, hash), entry, localTime);
    return { text, count: rows.length, lastSeq: rows.length ? rows[rows.length - 1]![0] : null };
  }
}
