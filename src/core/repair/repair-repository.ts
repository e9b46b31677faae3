// SQL of repair tickets, their history, the assignee list and the maintenance plans.
import type { Assignee, RepairStatus, RepairTicket, TicketPhoto } from '../../shared/contract';
import type { Db } from '../store/database';

interface TicketRow {
  id: string;
  number: number;
  camera_id: string | null;
  camera_name: string | null;
  point_id: string | null;
  point_name: string | null;
  title: string;
  assignee_id: string | null;
  assignee_name: string | null;
  custodian: string;
  custodian_contact: string;
  due_date: string | null;
  status: RepairStatus;
  automatic: number;
  opened_at: number;
  opened_by: string | null;
  closed_at: number | null;
}

const SELECT = `SELECT t.*, c.name AS camera_name, p.name AS point_name, a.name AS assignee_name
  FROM repair_tickets t LEFT JOIN cameras c ON c.id = t.camera_id LEFT JOIN points p ON p.id = t.point_id LEFT JOIN repair_assignees a ON a.id = t.assignee_id`;

const toTicket = (r: TicketRow): RepairTicket => ({
  id: r.id,
  number: r.number,
  cameraId: r.camera_id,
  cameraName: r.camera_name,
  pointId: r.point_id,
  pointName: r.point_name,
  title: r.title,
  assigneeId: r.assignee_id,
  assigneeName: r.assignee_name,
  custodian: r.custodian,
  custodianContact: r.custodian_contact,
  dueDate: r.due_date,
  status: r.status,
  automatic: r.automatic === 1,
  openedAt: r.opened_at,
  openedBy: r.opened_by,
  closedAt: r.closed_at,
});

/** A ticket's photo with where its files are (relative to the photo store). */
export interface StoredPhoto extends TicketPhoto {
  ticketId: string;
  sha256: string;
  file: string;
  thumb: string;
}

const PHOTO_SELECT = `SELECT id, ticket_id AS ticketId, name, mime, bytes, sha256, width, height, file, thumb, created_at AS createdAt, created_by AS createdBy
  FROM repair_ticket_photos`;

export const OPEN_STATUSES = ['open', 'in_progress', 'verifying'] as const;

export interface NewTicket {
  id: string;
  cameraId: string | null;
  pointId: string | null;
  title: string;
  assigneeId: string | null;
  custodian: string;
  custodianContact: string;
  dueDate: string | null;
  automatic: boolean;
  openedAt: number;
  openedBy: string | null;
}

export class RepairRepository {
  constructor(private readonly db: Db) {}

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  insert(t: NewTicket): void {
    const number = ((this.db.prepare('SELECT max(number) AS n FROM repair_tickets').get() as { n: number | null }).n ?? 0) + 1;
    this.db
      .prepare(
        `INSERT INTO repair_tickets(id, number, camera_id, point_id, title, assignee_id, custodian, custodian_contact, due_date, status, automatic, opened_at, opened_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)`,
      )
      .run(t.id, number, t.cameraId, t.pointId, t.title, t.assigneeId, t.custodian, t.custodianContact, t.dueDate, t.automatic ? 1 : 0, t.openedAt, t.openedBy);
  }

  get(id: string): RepairTicket | null {
    const row = this.db.prepare(`${SELECT} WHERE t.id = ?`).get(id) as TicketRow | undefined;
    return row ? toTicket(row) : null;
  }

  list(status: RepairStatus | undefined, limit: number): RepairTicket[] {
    const rows = status
      ? this.db.prepare(`${SELECT} WHERE t.status = ? ORDER BY t.opened_at DESC LIMIT ?`).all(status, limit)
      : this.db
          .prepare(`${SELECT} ORDER BY CASE WHEN t.status IN ('open', 'in_progress', 'verifying') THEN 0 ELSE 1 END, t.opened_at DESC LIMIT ?`)
          .all(limit);
    return (rows as TicketRow[]).map(toTicket);
  }

  /** Tickets of a camera: its own and those of its point. */
  forCamera(cameraId: string, pointId: string | null): RepairTicket[] {
    return (this.db.prepare(`${SELECT} WHERE t.camera_id = ? OR (t.camera_id IS NULL AND t.point_id = ?) ORDER BY t.opened_at DESC`).all(cameraId, pointId) as TicketRow[]).map(toTicket);
  }

  /** Open tickets that cover this camera (its own or its point's). */
  openFor(cameraId: string, pointId: string | null): RepairTicket[] {
    return this.forCamera(cameraId, pointId).filter((t) => (OPEN_STATUSES as readonly string[]).includes(t.status));
  }

  verifying(): RepairTicket[] {
    return (this.db.prepare(`${SELECT} WHERE t.status = 'verifying'`).all() as TicketRow[]).map(toTicket);
  }

  update(id: string, patch: { assigneeId?: string | null; dueDate?: string | null; status?: RepairStatus; closedAt?: number | null }): void {
    const sets: string[] = [];
    const args: unknown[] = [];
    if (patch.assigneeId !== undefined) {
      sets.push('assignee_id = ?');
      args.push(patch.assigneeId);
    }
    if (patch.dueDate !== undefined) {
      sets.push('due_date = ?');
      args.push(patch.dueDate);
    }
    if (patch.status !== undefined) {
      sets.push('status = ?');
      args.push(patch.status);
    }
    if (patch.closedAt !== undefined) {
      sets.push('closed_at = ?');
      args.push(patch.closedAt);
    }
    if (sets.length === 0) return;
    this.db.prepare(`UPDATE repair_tickets SET ${sets.join(', ')} WHERE id = ?`).run(...args, id);
  }

  addEvent(ticketId: string, at: number, actor: string | null, kind: string, text: string): void {
    this.db.prepare('INSERT INTO repair_ticket_events(ticket_id, at, actor_name, kind, text) VALUES (?, ?, ?, ?, ?)').run(ticketId, at, actor, kind, text);
  }

  events(ticketId: string): { seq: number; at: number; actor: string | null; kind: string; text: string }[] {
    return this.db.prepare('SELECT seq, at, actor_name AS actor, kind, text FROM repair_ticket_events WHERE ticket_id = ? ORDER BY seq').all(ticketId) as never;
  }

  addPhoto(p: StoredPhoto): void {
    this.db
      .prepare(
        `INSERT INTO repair_ticket_photos(id, ticket_id, name, mime, bytes, sha256, width, height, file, thumb, created_at, created_by)
         VALUES (@id, @ticketId, @name, @mime, @bytes, @sha256, @width, @height, @file, @thumb, @createdAt, @createdBy)`,
      )
      .run(p);
  }

  photos(ticketId: string): StoredPhoto[] {
    return this.db.prepare(`${PHOTO_SELECT} WHERE ticket_id = ? ORDER BY created_at, rowid`).all(ticketId) as StoredPhoto[];
  }

  photo(id: string): StoredPhoto | null {
    return (this.db.prepare(`${PHOTO_SELECT} WHERE id = ?`).get(id) as StoredPhoto | undefined) ?? null;
  }

  camerasAt(pointId: string): string[] {
    return (this.db.prepare('SELECT id FROM cameras WHERE point_id = ? AND deleted_at IS NULL ORDER BY id').all(pointId) as { id: string }[]).map((r) => r.id);
  }

  assignees(): Assignee[] {
    const rows = this.db.prepare('SELECT id, name, kind, disabled FROM repair_assignees ORDER BY sort, name').all() as (Omit<Assignee, 'disabled'> & { disabled: number })[];
    return rows.map((r) => ({ ...r, disabled: r.disabled === 1 }));
  }

  assigneeExists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM repair_assignees WHERE id = ? AND disabled = 0').get(id) !== undefined;
  }

  saveAssignee(a: Assignee): void {
    this.db
      .prepare(
        `INSERT INTO repair_assignees(id, name, kind, disabled) VALUES (?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, disabled = excluded.disabled`,
      )
      .run(a.id, a.name, a.kind, a.disabled ? 1 : 0);
  }

  plans(): { pointId: string; pointName: string; everyDays: number; lastDone: string | null; assigneeId: string | null; createdDay: string }[] {
    return this.db
      .prepare(
        `SELECT m.point_id AS pointId, p.name AS pointName, m.every_days AS everyDays, m.last_done AS lastDone, m.assignee_id AS assigneeId, date(p.created_at / 1000, 'unixepoch') AS createdDay
         FROM maintenance_plans m JOIN points p ON p.id = m.point_id WHERE p.deleted_at IS NULL`,
      )
      .all() as never;
  }

  savePlan(pointId: string, everyDays: number | null, assigneeId: string | null | undefined): void {
    if (everyDays === null) {
      this.db.prepare('DELETE FROM maintenance_plans WHERE point_id = ?').run(pointId);
      return;
    }
    this.db
      .prepare(
        `INSERT INTO maintenance_plans(point_id, every_days, assignee_id) VALUES (?, ?, ?)
         ON CONFLICT(point_id) DO UPDATE SET every_days = excluded.every_days, assignee_id = coalesce(?, assignee_id)`,
      )
      .run(pointId, everyDays, assigneeId ?? null, assigneeId === undefined ? null : assigneeId);
  }

  planDone(pointId: string, day: string): boolean {
    return this.db.prepare('UPDATE maintenance_plans SET last_done = ? WHERE point_id = ?').run(day, pointId).changes > 0;
  }

  /** Open tickets per assignee, by age. */
  openTickets(now: number): { assigneeId: string | null; name: string | null; open: number; under1d: number; under7d: number; older: number }[] {
    return this.db
      .prepare(
        `SELECT t.assignee_id AS assigneeId, a.name AS name, count(*) AS open,
           sum(t.opened_at > @now - 86400000) AS under1d,
           sum(t.opened_at <= @now - 86400000 AND t.opened_at > @now - 7 * 86400000) AS under7d,
           sum(t.opened_at <= @now - 7 * 86400000) AS older
         FROM repair_tickets t LEFT JOIN repair_assignees a ON a.id = t.assignee_id
         WHERE t.status IN ('open', 'in_progress', 'verifying') GROUP BY t.assignee_id ORDER BY open DESC`,
      )
      .all({ now }) as never;
  }
}
