// Plain SQL for handovers (signed, never changed), their acknowledgement and later notes, and the
// audit lines a shift report quotes (read from the audit log's generated, indexed columns).
import { z } from 'zod';
import { shiftReport, type Handover, type HandoverSummary } from '../../shared/contract';
import type { Db } from '../store/database';

const handoverRow = z.object({
  id: z.string(),
  period_from: z.number(),
  period_to: z.number(),
  outgoing_id: z.string(),
  outgoing_name: z.string(),
  signed_at: z.number(),
  notes: z.string(),
  scope: z.string(),
  report: z.string(),
  report_sha256: z.string(),
  ack_name: z.string().nullable(),
  ack_at: z.number().nullable(),
  ack_note: z.string().nullable(),
});

export interface StoredHandover extends Handover {
  outgoingId: string;
  /** Root areas of the outgoing officer's scope when it was signed (empty: the whole centre). */
  scope: string[];
}

const SELECT = `SELECT h.*, a.user_name AS ack_name, a.at AS ack_at, a.note AS ack_note
  FROM shift_handovers h LEFT JOIN shift_acknowledgements a ON a.handover_id = h.id`;

export interface AuditLine {
  at: number;
  actorName: string | null;
  action: string;
  targetKind: string | null;
  targetId: string | null;
  targetName: string | null;
  details: Record<string, unknown>;
}

export class ShiftRepository {
  constructor(private readonly db: Db) {}

  private toHandover(raw: unknown, withEntries: boolean): StoredHandover {
    const r = handoverRow.parse(raw);
    return {
      id: r.id,
      from: r.period_from,
      to: r.period_to,
      outgoingId: r.outgoing_id,
      outgoingName: r.outgoing_name,
      signedAt: r.signed_at,
      notes: r.notes,
      scope: z.array(z.string()).parse(JSON.parse(r.scope)),
      report: shiftReport.parse(JSON.parse(r.report)),
      reportSha256: r.report_sha256,
      incoming: r.ack_name !== null && r.ack_at !== null ? { name: r.ack_name, at: r.ack_at, note: r.ack_note ?? '' } : null,
      entries: withEntries ? this.entries(r.id) : [],
    };
  }

  insert(h: {
    id: string;
    from: number;
    to: number;
    outgoingId: string;
    outgoingName: string;
    signedAt: number;
    notes: string;
    scope: string[];
    reportJson: string;
    reportSha256: string;
  }): void {
    this.db
      .prepare(
        `INSERT INTO shift_handovers(id, period_from, period_to, outgoing_id, outgoing_name, signed_at, notes, scope, report, report_sha256)
         VALUES (?,?,?,?,?,?,?,?,?,?)`,
      )
      .run(h.id, h.from, h.to, h.outgoingId, h.outgoingName, h.signedAt, h.notes, JSON.stringify(h.scope), h.reportJson, h.reportSha256);
  }

  get(id: string): StoredHandover | null {
    const r = this.db.prepare(`${SELECT} WHERE h.id = ?`).get(id);
    return r ? this.toHandover(r, true) : null;
  }

  /** Newest first; `before` is a signed_at. Reports are parsed, so pages stay small. */
  list(before: number | undefined, limit: number): (HandoverSummary & { scope: string[]; outgoingId: string })[] {
    return this.db
      .prepare(`${SELECT} ${before !== undefined ? 'WHERE h.signed_at < ?' : ''} ORDER BY h.signed_at DESC LIMIT ?`)
      .all(...(before !== undefined ? [before, limit] : [limit]))
      .map((r) => this.toHandover(r, false));
  }

  acknowledge(id: string, userId: string, userName: string, at: number, note: string): boolean {
    return (
      this.db
        .prepare('INSERT INTO shift_acknowledgements(handover_id, user_id, user_name, at, note) VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING')
        .run(id, userId, userName, at, note).changes === 1
    );
  }

  addEntry(id: string, e: { at: number; userId: string; userName: string; kind: 'note' | 'correction'; text: string }): void {
    this.db
      .prepare('INSERT INTO shift_notes(handover_id, at, user_id, user_name, kind, text) VALUES (?,?,?,?,?,?)')
      .run(id, e.at, e.userId, e.userName, e.kind, e.text);
  }

  entries(id: string): Handover['entries'] {
    return this.db
      .prepare('SELECT seq, at, user_name AS userName, kind, text FROM shift_notes WHERE handover_id = ? ORDER BY seq')
      .all(id) as Handover['entries'];
  }

  /** Successful audit entries of the given actions in [from, to), oldest first (action index). */
  audit(actions: readonly string[], from: number, to: number, limit: number): AuditLine[] {
    if (actions.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT at, actor_name, action, target_kind, target_id, target_name, details FROM audit_log
         WHERE action IN (${actions.map(() => '?').join(',')}) AND outcome = 'ok' AND at >= ? AND at < ? ORDER BY at LIMIT ?`,
      )
      .all(...actions, from, to, limit) as {
      at: number;
      actor_name: string | null;
      action: string;
      target_kind: string | null;
      target_id: string | null;
      target_name: string | null;
      details: string | null;
    }[];
    return rows.map((r) => {
      let details: Record<string, unknown> = {};
      try {
        const parsed: unknown = r.details ? JSON.parse(r.details) : {};
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) details = parsed as Record<string, unknown>;
      } catch {
        // An entry altered by hand is still quoted, without its details.
      }
      return {
        at: r.at,
        actorName: r.actor_name,
        action: r.action,
        targetKind: r.target_kind,
        targetId: r.target_id,
        targetName: r.target_name,
        details,
      };
    });
  }
}
