// The shift handover: the outgoing officer signs the report of the shift off with notes (the
// report is frozen then, with its SHA-256), the incoming officer — someone else — acknowledges it,
// and anything later is a new note or correction. Names and times of both are kept.
import { createHash, randomUUID } from 'node:crypto';
import type { Handover, HandoverSummary, ShiftReport } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { AccessPolicy } from '../auth/access-policy';
import type { Principal } from '../auth/principal';
import type { EventBus } from '../events/event-bus';
import { buildShiftReport, type ReportDeps } from './shift-report';
import type { ShiftRepository, StoredHandover } from './shift-repository';

/** A shift report reaches back at most this far (a forgotten handover must not cover a month). */
export const MAX_SHIFT_MS = 72 * 3_600_000;
const DEFAULT_SHIFT_MS = 12 * 3_600_000;

export interface ShiftServiceDeps extends ReportDeps {
  shifts: ShiftRepository;
  access: AccessPolicy;
  events: EventBus;
  now?: () => number;
}

/**
 * A report covers its shift up to and including the millisecond it is made: an action answered
 * just before is in it (a fast core answers a snooze and a report within one millisecond). The
 * end is exclusive, and the next shift begins there, so nothing is counted twice or lost.
 */
const endOf = (now: number) => now + 1;

const publicHandover = ({ outgoingId: _o, scope: _s, ...h }: StoredHandover): Handover => h;

export class ShiftService {
  private readonly now: () => number;

  constructor(private readonly d: ShiftServiceDeps) {
    this.now = d.now ?? Date.now;
  }

  /** A scoped officer sees handovers signed within their areas; unscoped accounts see all. */
  private visible(p: Principal, h: { scope: string[] }): boolean {
    const areas = this.d.access.visibleAreas(p);
    if (areas === null) return true;
    return h.scope.length > 0 && h.scope.every((a) => areas.has(a));
  }

  private load(p: Principal, id: string): StoredHandover {
    const h = this.d.shifts.get(id);
    if (!h || !this.visible(p, h)) throw new AppError('not_found', { kind: 'handover', id });
    return h;
  }

  /** Where the caller's shift began: where the newest handover they may see ended, else twelve hours ago. */
  defaultFrom(p: Principal): number {
    const last = this.d.shifts.list(undefined, 20).find((h) => this.visible(p, h));
    const now = this.now();
    return Math.max(last?.to ?? now - DEFAULT_SHIFT_MS, now - MAX_SHIFT_MS);
  }

  preview(p: Principal, from?: number): ShiftReport {
    const now = this.now();
    return buildShiftReport(this.d, p, this.checkFrom(from ?? this.defaultFrom(p), now), endOf(now));
  }

  private checkFrom(from: number, now: number): number {
    if (from >= now || from < now - MAX_SHIFT_MS) throw new AppError('bad_request', { field: 'from', problem: 'out_of_range' });
    return from;
  }

  signOff(p: Principal, from: number, notes: string): Handover {
    const now = this.now();
    const to = endOf(now);
    const report = buildShiftReport(this.d, p, this.checkFrom(from, now), to);
    const reportJson = JSON.stringify(report);
    const id = randomUUID();
    this.d.shifts.insert({
      id,
      from,
      to,
      outgoingId: p.user.id,
      outgoingName: p.user.displayName,
      signedAt: now,
      notes: notes.trim(),
      scope: [...p.scope],
      reportJson,
      reportSha256: createHash('sha256').update(reportJson).digest('hex'),
    });
    this.d.events.publish({ type: 'shift.changed', handoverId: id, change: 'signed' });
    return publicHandover(this.d.shifts.get(id)!);
  }

  acknowledge(p: Principal, id: string, note: string): Handover {
    const h = this.load(p, id);
    if (h.outgoingId === p.user.id) throw new AppError('handover_own', {});
    if (h.incoming || !this.d.shifts.acknowledge(id, p.user.id, p.user.displayName, this.now(), note.trim()))
      throw new AppError('handover_taken', { by: h.incoming?.name ?? '' });
    this.d.events.publish({ type: 'shift.changed', handoverId: id, change: 'acknowledged' });
    return publicHandover(this.d.shifts.get(id)!);
  }

  addNote(p: Principal, id: string, kind: 'note' | 'correction', text: string): Handover {
    this.load(p, id);
    this.d.shifts.addEntry(id, { at: this.now(), userId: p.user.id, userName: p.user.displayName, kind, text });
    this.d.events.publish({ type: 'shift.changed', handoverId: id, change: 'note' });
    return publicHandover(this.d.shifts.get(id)!);
  }

  list(p: Principal, before: number | undefined, limit: number): HandoverSummary[] {
    return this.d.shifts
      .list(before, limit * 3)
      .filter((h) => this.visible(p, h))
      .slice(0, limit)
      .map(({ id, from, to, outgoingName, signedAt, incoming }) => ({ id, from, to, outgoingName, signedAt, incoming }));
  }

  get(p: Principal, id: string): Handover {
    return publicHandover(this.load(p, id));
  }

  /** The stored handover for printing (scope checked). */
  forPrint(p: Principal, id: string): Handover {
    return this.get(p, id);
  }
}
