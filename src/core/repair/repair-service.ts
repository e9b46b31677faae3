// Repair tickets and the maintenance schedule. A ticket opens from an offline camera or point (or by
// itself after N hours offline), puts its camera(s) in "awaiting repair" (which probes never
// overwrite), and copies the point's custodian onto itself. Closing it does not make the camera
// work: the ticket waits in `verifying` until a probe of each of its cameras succeeds; only then is
// it closed and the camera returned to working. Every step is a line of the ticket's history.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { MaintenancePlan, RepairTicketDetail, ticketOpenInput, ticketUpdateInput } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { Principal } from '../auth/principal';
import type { EventBus } from '../events/event-bus';
import type { HealthService } from '../health/health-service';
import type { Actor } from '../register/history-repository';
import type { RegisterService } from '../register/register-service';
import type { RepairPhotos } from './repair-photos';
import type { RepairRepository } from './repair-repository';

const SYSTEM: Actor = { id: null, name: null };
const actorOf = (p: Principal | null): Actor => (p ? { id: p.user.id, name: p.user.displayName || p.user.username } : SYSTEM);
const DAY = 86_400_000;

export interface RepairServiceOptions {
  repo: RepairRepository;
  /** Photos on tickets (their files and the checks on them). */
  photos: RepairPhotos;
  register: RegisterService;
  health: HealthService;
  events: EventBus;
  /** Hours offline before a ticket opens by itself (0 = never). */
  autoHours: () => number;
  /** Ask the monitor to probe a camera now (a ticket was closed). */
  probeSoon: (cameraId: string) => void;
  /** How often automatic tickets are looked for (default 5 min). */
  sweepMs?: number;
  now?: () => number;
}

export class RepairService {
  /** Per verifying ticket: its cameras a probe has reached since it was closed. */
  private readonly verified = new Map<string, Set<string>>();
  /** Verifying tickets whose last probe failed (said once in the history, not every minute). */
  private readonly failedOnce = new Set<string>();
  private readonly timer: NodeJS.Timeout;
  private readonly now: () => number;

  constructor(private readonly o: RepairServiceOptions) {
    this.now = o.now ?? Date.now;
    this.timer = setInterval(() => this.sweep(), o.sweepMs ?? 5 * 60_000);
    this.timer.unref();
  }

  dispose(): void {
    clearInterval(this.timer);
  }

  list(status: RepairTicketDetail['status'] | undefined, limit: number) {
    return this.o.repo.list(status, limit);
  }

  get(id: string): RepairTicketDetail {
    const t = this.o.repo.get(id);
    if (!t) throw new AppError('not_found', { kind: 'ticket', id });
    return { ...t, events: this.o.repo.events(id), photos: this.o.photos.list(id) };
  }

  /** A photo uploaded with POST /upload?for=repair, attached to the ticket (any status: proof may come late). */
  async addPhoto(p: Principal, ticketId: string, uploadId: string, name: string): Promise<RepairTicketDetail> {
    this.get(ticketId);
    await this.o.photos.attach(ticketId, uploadId, name, actorOf(p).name);
    this.changed(ticketId);
    return this.get(ticketId);
  }

  history(cameraId: string) {
    const cam = this.o.register.camera(cameraId);
    return this.o.repo.forCamera(cameraId, cam.pointId);
  }

  open(p: Principal | null, input: z.output<typeof ticketOpenInput>, automatic = false): RepairTicketDetail {
    const reg = this.o.register;
    const camera = input.cameraId ? reg.camera(input.cameraId) : null;
    const pointId = camera?.pointId ?? input.pointId!;
    const point = reg.pointRecord(pointId);
    if (input.assigneeId && !this.o.repo.assigneeExists(input.assigneeId)) throw new AppError('not_found', { kind: 'assignee', id: input.assigneeId });
    const cameras = camera ? [camera.id] : this.o.repo.camerasAt(pointId);
    const existing = camera ? this.o.repo.openFor(camera.id, pointId) : this.o.repo.list(undefined, 500).filter((t) => t.pointId === pointId && t.cameraId === null && ['open', 'in_progress', 'verifying'].includes(t.status));
    // One open ticket per camera (or point): a second "open" returns the first one.
    if (existing[0]) return this.get(existing[0].id);
    const actor = actorOf(p);
    const id = randomUUID();
    const at = this.now();
    this.o.repo.transaction(() => {
      this.o.repo.insert({
        id,
        cameraId: camera?.id ?? null,
        pointId,
        title: input.title?.trim() || (camera ? camera.name : point.name),
        assigneeId: input.assigneeId ?? null,
        custodian: point.custodian,
        custodianContact: point.custodianContact,
        dueDate: input.dueDate ?? null,
        automatic,
        openedAt: at,
        openedBy: actor.name,
      });
      const health = camera ? this.o.health.get(camera.id) : null;
      this.o.repo.addEvent(id, at, actor.name, 'opened', input.note ?? (automatic ? `offline:${health?.reason ?? ''}` : ''));
    });
    reg.bulkStatus(cameras, 'awaiting_repair', actor);
    this.changed(id);
    return this.get(id);
  }

  update(p: Principal, input: z.output<typeof ticketUpdateInput>): RepairTicketDetail {
    const t = this.get(input.id);
    if (t.status === 'closed' || t.status === 'cancelled') throw new AppError('conflict', { kind: 'ticket', id: t.id });
    if (input.assigneeId && !this.o.repo.assigneeExists(input.assigneeId)) throw new AppError('not_found', { kind: 'assignee', id: input.assigneeId });
    const actor = actorOf(p).name;
    const at = this.now();
    this.o.repo.transaction(() => {
      if (input.assigneeId !== undefined && input.assigneeId !== t.assigneeId) {
        this.o.repo.update(t.id, { assigneeId: input.assigneeId });
        this.o.repo.addEvent(t.id, at, actor, 'assigned', input.assigneeId ?? '');
      }
      if (input.dueDate !== undefined && input.dueDate !== t.dueDate) {
        this.o.repo.update(t.id, { dueDate: input.dueDate });
        this.o.repo.addEvent(t.id, at, actor, 'due', input.dueDate ?? '');
      }
      if (input.status !== undefined && input.status !== t.status) {
        this.o.repo.update(t.id, { status: input.status, closedAt: input.status === 'cancelled' ? at : null });
        this.o.repo.addEvent(t.id, at, actor, 'status', input.status);
      }
      if (input.note) this.o.repo.addEvent(t.id, at, actor, 'note', input.note);
    });
    if (input.status === 'cancelled') {
      // Cancelled: the camera is no longer held in "awaiting repair"; the next probe says what it is.
      const cams = this.camerasOf(t);
      this.o.register.bulkStatus(cams, 'unknown', actorOf(p));
      cams.forEach((c) => this.o.probeSoon(c));
    }
    this.changed(t.id);
    return this.get(t.id);
  }

  /** The technician says it is repaired: wait for a probe to prove it. */
  close(p: Principal, id: string, note?: string): RepairTicketDetail {
    const t = this.get(id);
    if (t.status === 'closed' || t.status === 'cancelled') throw new AppError('conflict', { kind: 'ticket', id });
    const at = this.now();
    this.o.repo.transaction(() => {
      this.o.repo.update(id, { status: 'verifying' });
      this.o.repo.addEvent(id, at, actorOf(p).name, 'status', 'verifying');
      if (note) this.o.repo.addEvent(id, at, actorOf(p).name, 'note', note);
    });
    this.verified.set(id, new Set());
    this.failedOnce.delete(id);
    this.camerasOf(t).forEach((c) => this.o.probeSoon(c));
    this.changed(id);
    return this.get(id);
  }

  /** Every probe's answer (the monitor calls this). */
  probed(cameraId: string, reachable: boolean): void {
    for (const t of this.o.repo.verifying()) {
      const cams = this.camerasOf(t);
      if (!cams.includes(cameraId)) continue;
      const at = this.now();
      if (!reachable) {
        if (!this.failedOnce.has(t.id)) {
          this.failedOnce.add(t.id);
          this.o.repo.addEvent(t.id, at, null, 'probe_failed', this.o.health.get(cameraId)?.reason ?? '');
          this.changed(t.id);
        }
        continue;
      }
      const seen = this.verified.get(t.id) ?? new Set<string>();
      this.verified.set(t.id, seen);
      seen.add(cameraId);
      if (!cams.every((c) => seen.has(c))) continue;
      this.o.repo.transaction(() => {
        this.o.repo.update(t.id, { status: 'closed', closedAt: at });
        this.o.repo.addEvent(t.id, at, null, 'verified', '');
      });
      this.verified.delete(t.id);
      this.failedOnce.delete(t.id);
      this.o.register.bulkStatus(cams, 'working', SYSTEM);
      this.changed(t.id);
    }
  }

  /** Opens the automatic tickets that are due (cameras offline for longer than the setting). */
  sweep(): number {
    const hours = this.o.autoHours();
    if (hours <= 0) return 0;
    const limit = this.now() - hours * 3_600_000;
    let opened = 0;
    for (const h of this.o.health.snapshot(() => true)) {
      if (h.state !== 'offline' || h.since === null || h.since > limit) continue;
      if (!this.o.register.exists(h.cameraId)) continue;
      const cam = this.o.register.camera(h.cameraId);
      if (this.o.repo.openFor(cam.id, cam.pointId).length > 0) continue;
      this.open(null, { cameraId: cam.id }, true);
      opened++;
    }
    return opened;
  }

  assignees() {
    return this.o.repo.assignees();
  }

  saveAssignee(a: { id?: string; name: string; kind: 'technician' | 'contractor'; disabled?: boolean }) {
    this.o.repo.saveAssignee({ id: a.id ?? randomUUID(), name: a.name.trim(), kind: a.kind, disabled: a.disabled ?? false });
    this.changed(null);
    return this.o.repo.assignees();
  }

  /** Plans with their next due day, overdue first (days in the centre's calendar as ISO dates). */
  plans(today = new Date(this.now()).toISOString().slice(0, 10)): MaintenancePlan[] {
    const todayMs = Date.parse(today);
    return this.o.repo
      .plans()
      .map((r) => {
        const from = Date.parse(r.lastDone ?? r.createdDay);
        const next = new Date(from + r.everyDays * DAY).toISOString().slice(0, 10);
        return { pointId: r.pointId, pointName: r.pointName, everyDays: r.everyDays, lastDone: r.lastDone, nextDue: next, overdueDays: Math.max(0, Math.floor((todayMs - Date.parse(next)) / DAY)), assigneeId: r.assigneeId };
      })
      .sort((a, b) => b.overdueDays - a.overdueDays || a.nextDue.localeCompare(b.nextDue));
  }

  savePlan(pointId: string, everyDays: number | null, assigneeId?: string | null) {
    this.o.register.pointRecord(pointId);
    if (assigneeId && !this.o.repo.assigneeExists(assigneeId)) throw new AppError('not_found', { kind: 'assignee', id: assigneeId });
    this.o.repo.savePlan(pointId, everyDays, assigneeId);
    this.changed(null);
    return this.plans();
  }

  planDone(pointId: string, day?: string) {
    if (!this.o.repo.planDone(pointId, day ?? new Date(this.now()).toISOString().slice(0, 10))) throw new AppError('not_found', { kind: 'plan', id: pointId });
    this.changed(null);
    return this.plans();
  }

  private camerasOf(t: { cameraId: string | null; pointId: string | null }): string[] {
    if (t.cameraId) return [t.cameraId];
    return t.pointId ? this.o.repo.camerasAt(t.pointId) : [];
  }

  private changed(ticketId: string | null): void {
    this.o.events.publish({ type: 'repair.changed', ticketId });
  }
}
