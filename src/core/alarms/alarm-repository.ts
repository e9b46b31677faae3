// Plain SQL for alarms, per-camera rules and snoozes. Rows are validated on the way out.
import { z } from 'zod';
import {
  ALARM_KINDS,
  ALARM_PRIORITIES,
  alarmRule,
  type Alarm,
  type AlarmKind,
  type AlarmPriority,
  type AlarmRule,
  type Snooze,
} from '../../shared/contract';
import type { Db } from '../store/database';
import { incidentNumber } from '../incidents/incident-repository';

const priorityRank = (p: AlarmPriority) => ALARM_PRIORITIES.indexOf(p) + 1;

const alarmRow = z.object({
  rid: z.number(),
  id: z.string(),
  camera_id: z.string().nullable(),
  camera_name: z.string().nullable(),
  kind: z.enum(ALARM_KINDS),
  priority: z.number().int().min(1).max(4),
  source: z.enum(['onvif', 'relay', 'health', 'recorder', 'system']),
  detail: z.string().nullable(),
  first_at: z.number(),
  last_at: z.number(),
  count: z.number(),
  cleared_at: z.number().nullable(),
  acked_at: z.number().nullable(),
  acked_by_name: z.string().nullable(),
  ack_note: z.string().nullable(),
  incident_id: z.string().nullable(),
  incident_year: z.number().nullable(),
  incident_seq: z.number().nullable(),
});

export type StoredAlarm = Alarm & { rid: number };

function toAlarm(raw: unknown): StoredAlarm {
  const r = alarmRow.parse(raw);
  return {
    rid: r.rid,
    id: r.id,
    cameraId: r.camera_id,
    cameraName: r.camera_name,
    kind: r.kind,
    priority: ALARM_PRIORITIES[r.priority - 1]!,
    source: r.source,
    detail: r.detail,
    firstAt: r.first_at,
    lastAt: r.last_at,
    count: r.count,
    clearedAt: r.cleared_at,
    ackedAt: r.acked_at,
    ackedByName: r.acked_by_name,
    ackNote: r.ack_note,
    incidentId: r.incident_id,
    incidentNumber: r.incident_year !== null && r.incident_seq !== null ? incidentNumber(r.incident_year, r.incident_seq) : null,
  };
}

const SELECT = `SELECT a.*, c.name AS camera_name, i.year AS incident_year, i.seq AS incident_seq
  FROM alarms a LEFT JOIN cameras c ON c.id = a.camera_id LEFT JOIN incidents i ON i.id = a.incident_id`;

/** An alarm row as the queue keeps it in memory between flushes. */
export interface AlarmWrite {
  id: string;
  cameraId: string | null;
  kind: AlarmKind;
  priority: AlarmPriority;
  source: Alarm['source'];
  detail: string | null;
  firstAt: number;
  lastAt: number;
  count: number;
  clearedAt: number | null;
}

export class AlarmRepository {
  constructor(private readonly db: Db) {}

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** Inserts new rows and counts up known ones (one statement per row, one transaction per flush). */
  write(rows: AlarmWrite[]): void {
    const stmt = this.db.prepare(
      `INSERT INTO alarms(id, camera_id, kind, priority, source, detail, first_at, last_at, count, cleared_at)
       VALUES (@id, @cameraId, @kind, @priority, @source, @detail, @firstAt, @lastAt, @count, @clearedAt)
       ON CONFLICT(id) DO UPDATE SET last_at = excluded.last_at, count = excluded.count, detail = excluded.detail, cleared_at = excluded.cleared_at`,
    );
    for (const r of rows) stmt.run({ ...r, priority: priorityRank(r.priority) });
  }

  get(id: string): StoredAlarm | null {
    const r = this.db.prepare(`${SELECT} WHERE a.id = ?`).get(id);
    return r ? toAlarm(r) : null;
  }

  byIds(ids: readonly string[]): StoredAlarm[] {
    if (ids.length === 0) return [];
    return this.db
      .prepare(`${SELECT} WHERE a.id IN (${ids.map(() => '?').join(',')})`)
      .all(...ids)
      .map(toAlarm);
  }

  open(): StoredAlarm[] {
    return this.db.prepare(`${SELECT} WHERE a.acked_at IS NULL ORDER BY a.priority, a.last_at DESC, a.rid DESC`).all().map(toAlarm);
  }

  acknowledge(id: string, at: number, byId: string, byName: string, note: string | null, incidentId: string | null = null): boolean {
    return (
      this.db
        .prepare(
          'UPDATE alarms SET acked_at = ?, acked_by = ?, acked_by_name = ?, ack_note = ?, incident_id = coalesce(?, incident_id) WHERE id = ? AND acked_at IS NULL',
        )
        .run(at, byId, byName, note, incidentId, id).changes === 1
    );
  }

  linkIncident(id: string, incidentId: string): void {
    this.db.prepare('UPDATE alarms SET incident_id = ? WHERE id = ?').run(incidentId, id);
  }

  /** The newest row of a camera and kind whose condition has not ended (open or acknowledged). */
  uncleared(cameraId: string | null, kind: AlarmKind): StoredAlarm | null {
    const r = this.db
      .prepare(`${SELECT} WHERE a.camera_id IS ? AND a.kind = ? AND a.cleared_at IS NULL ORDER BY a.first_at DESC LIMIT 1`)
      .get(cameraId, kind);
    return r ? toAlarm(r) : null;
  }

  setCleared(id: string, at: number): void {
    this.db.prepare('UPDATE alarms SET cleared_at = ? WHERE id = ? AND cleared_at IS NULL').run(at, id);
  }

  /** Raised in [from, to), newest first, paged by rowid. */
  history(q: { from?: number; to?: number; cameraId?: string; kind?: AlarmKind; before?: number }, limit: number): StoredAlarm[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    const add = (sql: string, v: string | number | undefined) => {
      if (v === undefined) return;
      where.push(sql);
      args.push(v);
    };
    add('a.first_at >= ?', q.from);
    add('a.first_at < ?', q.to);
    add('a.camera_id = ?', q.cameraId);
    add('a.kind = ?', q.kind);
    add('a.rid < ?', q.before);
    return this.db
      .prepare(`${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.rid DESC LIMIT ?`)
      .all(...args, limit)
      .map(toAlarm);
  }

  /** Camera offline rows that began or ended in [from, to) (the shift report's camera list). */
  offlineBetween(from: number, to: number, limit: number): StoredAlarm[] {
    return this.db
      .prepare(
        `${SELECT} WHERE a.kind = 'camera_offline' AND ((a.first_at >= ? AND a.first_at < ?) OR (a.cleared_at >= ? AND a.cleared_at < ?)) ORDER BY a.first_at LIMIT ?`,
      )
      .all(from, to, from, to, limit)
      .map(toAlarm);
  }

  // ---- rules ----------------------------------------------------------------------------------

  rules(): Map<string, AlarmRule> {
    const out = new Map<string, AlarmRule>();
    for (const r of this.db.prepare('SELECT camera_id, rule FROM alarm_rules').all() as { camera_id: string; rule: string }[]) {
      const parsed = alarmRule.safeParse(JSON.parse(r.rule));
      if (parsed.success) out.set(r.camera_id, parsed.data);
    }
    return out;
  }

  setRule(cameraId: string, rule: AlarmRule | null, byName: string): void {
    if (rule === null) this.db.prepare('DELETE FROM alarm_rules WHERE camera_id = ?').run(cameraId);
    else
      this.db
        .prepare(
          'INSERT INTO alarm_rules(camera_id, rule, updated_at, updated_by) VALUES (?,?,?,?) ON CONFLICT(camera_id) DO UPDATE SET rule = excluded.rule, updated_at = excluded.updated_at, updated_by = excluded.updated_by',
        )
        .run(cameraId, JSON.stringify(rule), Date.now(), byName);
  }

  // ---- snoozes --------------------------------------------------------------------------------

  snoozes(): Snooze[] {
    return (
      this.db.prepare('SELECT camera_id, until, by_name, note, suppressed FROM alarm_snoozes').all() as {
        camera_id: string;
        until: number;
        by_name: string | null;
        note: string | null;
        suppressed: number;
      }[]
    ).map((r) => ({
      cameraId: r.camera_id,
      until: r.until,
      byName: r.by_name,
      note: r.note,
      suppressed: r.suppressed,
    }));
  }

  setSnooze(cameraId: string, until: number | null, by: { id: string; name: string }, note: string | null): void {
    if (until === null) this.db.prepare('DELETE FROM alarm_snoozes WHERE camera_id = ?').run(cameraId);
    else
      this.db
        .prepare(
          `INSERT INTO alarm_snoozes(camera_id, since, until, by_id, by_name, note, suppressed) VALUES (?,?,?,?,?,?,0)
           ON CONFLICT(camera_id) DO UPDATE SET until = excluded.until, by_id = excluded.by_id, by_name = excluded.by_name, note = excluded.note`,
        )
        .run(cameraId, Date.now(), until, by.id, by.name, note);
  }

  addSuppressed(cameraId: string, n: number): void {
    this.db.prepare('UPDATE alarm_snoozes SET suppressed = suppressed + ? WHERE camera_id = ?').run(n, cameraId);
  }

  /** Cameras with an ONVIF address (the pull-point manager's candidates). */
  onvifCameras(): string[] {
    return this.db.prepare("SELECT id FROM cameras WHERE onvif_url IS NOT NULL AND onvif_url <> ''").pluck().all() as string[];
  }
}
