// Per-record history: every change of an area, point or camera with who, when, and each changed
// field's value before and after. The audit trail records the call; this is the record's own story.
import type { HistoryEntry } from '../../shared/contract';
import type { Db } from '../store/database';
import { statement } from '../store/statements';

export type RecordKind = 'area' | 'point' | 'camera';
export interface Actor {
  id: string | null;
  name: string | null;
}
export type Changes = Record<string, [unknown, unknown]>;

/** Fields whose values differ between two snapshots (before → after). */
export function diff(before: Record<string, unknown> | null, after: Record<string, unknown> | null): Changes {
  const out: Changes = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const k of keys) {
    const a = before?.[k] ?? null;
    const b = after?.[k] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) out[k] = [a, b];
  }
  return out;
}

export class HistoryRepository {
  constructor(private readonly db: Db) {}

  append(kind: RecordKind, recordId: string, actor: Actor, action: string, changes: Changes, at: number = Date.now()): void {
    statement(this.db, 'INSERT INTO register_history(kind, record_id, at, actor_id, actor_name, action, changes) VALUES (?,?,?,?,?,?,?)').run(
      kind,
      recordId,
      at,
      actor.id,
      actor.name,
      action,
      JSON.stringify(changes),
    );
  }

  list(kind: RecordKind, recordId: string): HistoryEntry[] {
    const rows = this.db
      .prepare('SELECT at, actor_name, action, changes FROM register_history WHERE kind = ? AND record_id = ? ORDER BY seq DESC LIMIT 1000')
      .all(kind, recordId) as { at: number; actor_name: string | null; action: string; changes: string }[];
    return rows.map((r) => ({ at: r.at, actor: r.actor_name, action: r.action, changes: JSON.parse(r.changes) as HistoryEntry['changes'] }));
  }
}
