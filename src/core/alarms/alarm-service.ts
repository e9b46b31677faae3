// The alarm queue. Every source raises through one sink; here an alarm is judged by its camera's
// rule (kind, weekly hours, priority) and snooze, then coalesced: one open row per camera and kind
// whose count rises while a storm lasts, so the screen stays usable. Rows are written and published
// in batches (every `flushMs`): a storm of hundreds per second costs one transaction and at most one
// event per row per batch, not one per alarm.
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_RULE,
  ONVIF_ALARM_KINDS,
  type Alarm,
  type AlarmKind,
  type AlarmRule,
  type IncidentCreateInput,
  type Incident,
  type Snooze,
} from '../../shared/contract';
import { ruleVerdict } from '../../shared/alarm-rules';
import { AppError } from '../../shared/errors';
import type { AccessPolicy } from '../auth/access-policy';
import type { Principal } from '../auth/principal';
import type { EventBus } from '../events/event-bus';
import type { Logger } from '../log/logger';
import type { AlarmRepository, AlarmWrite, StoredAlarm } from './alarm-repository';
import type { AlarmSink, RaisedAlarm } from './types';

export interface AlarmServiceDeps {
  repo: AlarmRepository;
  access: AccessPolicy;
  events: EventBus;
  timeZone: () => string;
  log: Logger;
  /** Creates the incident an alarm is escalated to (the incident service). */
  createIncident: (p: Principal, input: IncidentCreateInput, link: { alarmId: string }) => Promise<Incident>;
  flushMs?: number;
  now?: () => number;
}

interface OpenRow extends AlarmWrite {
  /** Not yet published: the console sounds and flashes for new rows only. */
  isNew: boolean;
}

const keyOf = (cameraId: string | null, kind: AlarmKind) => `${cameraId ?? ''}\u0000${kind}`;

export interface AlarmCounters {
  raised: number;
  /** Dropped by a rule (kind not wanted, outside the weekly hours). */
  filtered: number;
  /** Counted into a snooze instead of the queue. */
  snoozed: number;
  flushes: number;
}

export class AlarmService implements AlarmSink {
  private readonly open = new Map<string, OpenRow>();
  private readonly dirty = new Set<OpenRow>();
  private rules: Map<string, AlarmRule>;
  private readonly snoozes = new Map<string, Snooze>();
  private readonly suppressed = new Map<string, number>();
  private readonly ruleListeners = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;
  private disposed = false;
  private readonly now: () => number;
  private readonly flushMs: number;
  readonly counters: AlarmCounters = { raised: 0, filtered: 0, snoozed: 0, flushes: 0 };

  constructor(private readonly d: AlarmServiceDeps) {
    this.now = d.now ?? Date.now;
    this.flushMs = d.flushMs ?? 250;
    for (const a of d.repo.open()) this.open.set(keyOf(a.cameraId, a.kind), { ...a, isNew: false });
    this.rules = d.repo.rules();
    for (const s of d.repo.snoozes()) this.snoozes.set(s.cameraId, s);
  }

  // ---- the sink -------------------------------------------------------------------------------

  raise(a: RaisedAlarm): void {
    if (this.disposed) return;
    try {
      const at = a.at ?? this.now();
      this.counters.raised++;
      const priority = ruleVerdict(this.ruleOf(a.cameraId), a.kind, at, this.d.timeZone());
      if (priority === null) {
        this.counters.filtered++;
        return;
      }
      if (a.cameraId && this.snoozed(a.cameraId)) {
        this.counters.snoozed++;
        this.suppressed.set(a.cameraId, (this.suppressed.get(a.cameraId) ?? 0) + 1);
        this.schedule();
        return;
      }
      const key = keyOf(a.cameraId, a.kind);
      const row = this.open.get(key);
      if (row) {
        row.count++;
        row.lastAt = Math.max(row.lastAt, at);
        if (a.detail) row.detail = a.detail.slice(0, 500);
        row.clearedAt = null;
        this.dirty.add(row);
      } else {
        const made: OpenRow = {
          id: randomUUID(),
          cameraId: a.cameraId,
          kind: a.kind,
          priority,
          source: a.source,
          detail: a.detail?.slice(0, 500) ?? null,
          firstAt: at,
          lastAt: at,
          count: 1,
          clearedAt: null,
          isNew: true,
        };
        this.open.set(key, made);
        this.dirty.add(made);
      }
      this.schedule();
    } catch (err) {
      // A source must never be broken by the queue (a camera's event loop, the relay's listener).
      this.d.log.error('could not queue an alarm', { kind: a.kind, err: err instanceof Error ? err.message : String(err) });
    }
  }

  clear(cameraId: string | null, kind: AlarmKind, at = this.now()): void {
    if (this.disposed) return;
    const row = this.open.get(keyOf(cameraId, kind));
    if (row) {
      row.clearedAt = at;
      this.dirty.add(row);
      this.schedule();
      return;
    }
    const latest = this.d.repo.uncleared(cameraId, kind);
    if (!latest) return;
    this.d.repo.setCleared(latest.id, at);
    this.publish(this.d.repo.byIds([latest.id]), new Set());
  }

  private snoozed(cameraId: string): boolean {
    const s = this.snoozes.get(cameraId);
    if (!s) return false;
    if (s.until > this.now()) return true;
    this.snoozes.delete(cameraId);
    return false;
  }

  private ruleOf(cameraId: string | null): AlarmRule {
    return (cameraId && this.rules.get(cameraId)) || DEFAULT_RULE;
  }

  private schedule(): void {
    if (this.timer || this.disposed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.flushMs);
  }

  /** Writes what changed since the last flush in one transaction, then tells every console. */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.dirty.size === 0 && this.suppressed.size === 0) return;
    const rows = [...this.dirty];
    const fresh = new Set(rows.filter((r) => r.isNew).map((r) => r.id));
    const suppressed = [...this.suppressed];
    this.dirty.clear();
    this.suppressed.clear();
    try {
      this.d.repo.transaction(() => {
        this.d.repo.write(rows);
        for (const [cameraId, n] of suppressed) this.d.repo.addSuppressed(cameraId, n);
      });
    } catch (err) {
      this.d.log.error('could not write alarms', { rows: rows.length, err: err instanceof Error ? err.message : String(err) });
      for (const r of rows) this.dirty.add(r); // try again with the next batch
      this.schedule();
      return;
    }
    this.counters.flushes++;
    for (const r of rows) r.isNew = false;
    for (const [cameraId, n] of suppressed) {
      const s = this.snoozes.get(cameraId);
      if (s) s.suppressed += n;
    }
    this.publish(this.d.repo.byIds(rows.map((r) => r.id)), fresh);
  }

  private publish(alarms: StoredAlarm[], fresh: Set<string>): void {
    for (const a of alarms) this.d.events.publish({ type: 'alarm.changed', cameraId: a.cameraId, alarm: publicAlarm(a), isNew: fresh.has(a.id) });
  }

  // ---- the officer's calls --------------------------------------------------------------------

  private visible(p: Principal, a: Alarm): boolean {
    return a.cameraId ? this.d.access.cameraVisible(p, a.cameraId) : this.d.access.visibleAreas(p) === null;
  }

  queue(p: Principal): { alarms: Alarm[]; snoozes: Snooze[] } {
    this.flush();
    const now = this.now();
    return {
      alarms: this.d.repo
        .open()
        .filter((a) => this.visible(p, a))
        .map(publicAlarm),
      snoozes: [...this.snoozes.values()].filter((s) => s.until > now && this.d.access.cameraVisible(p, s.cameraId)),
    };
  }

  history(
    p: Principal,
    q: { from?: number; to?: number; cameraId?: string; kind?: AlarmKind; before?: number; limit: number },
  ): { alarms: Alarm[]; next: number | null } {
    this.flush();
    // Scope is applied after the query: a page may come back short, `next` carries on.
    const rows = this.d.repo.history(q, q.limit);
    return { alarms: rows.filter((a) => this.visible(p, a)).map(publicAlarm), next: rows.length === q.limit ? rows[rows.length - 1]!.rid : null };
  }

  acknowledge(p: Principal, ids: string[], note: string): number {
    this.flush();
    const rows = this.d.repo.byIds([...new Set(ids)]);
    const missing = ids.find((id) => !rows.some((r) => r.id === id && this.visible(p, r)));
    if (missing) throw new AppError('not_found', { kind: 'alarm', id: missing });
    const at = this.now();
    const done = this.d.repo.transaction(() =>
      rows.filter((r) => this.d.repo.acknowledge(r.id, at, p.user.id, p.user.displayName, note.trim() || null)),
    );
    for (const r of done) this.open.delete(keyOf(r.cameraId, r.kind));
    this.publish(this.d.repo.byIds(done.map((r) => r.id)), new Set());
    return done.length;
  }

  async escalate(p: Principal, alarmId: string, input: IncidentCreateInput): Promise<Incident> {
    this.flush();
    const a = this.d.repo.get(alarmId);
    if (!a || !this.visible(p, a)) throw new AppError('not_found', { kind: 'alarm', id: alarmId });
    const incident = await this.d.createIncident(p, input, { alarmId });
    const at = this.now();
    if (!this.d.repo.acknowledge(a.id, at, p.user.id, p.user.displayName, incident.number, incident.id)) this.d.repo.linkIncident(a.id, incident.id);
    this.open.delete(keyOf(a.cameraId, a.kind));
    this.publish(this.d.repo.byIds([a.id]), new Set());
    return incident;
  }

  snooze(p: Principal, cameraId: string, minutes: number, note: string): { cameraId: string; until: number | null } {
    const until = minutes > 0 ? this.now() + minutes * 60_000 : null;
    this.flush();
    this.d.repo.setSnooze(cameraId, until, { id: p.user.id, name: p.user.displayName }, note.trim() || null);
    if (until === null) this.snoozes.delete(cameraId);
    else
      this.snoozes.set(cameraId, {
        cameraId,
        until,
        byName: p.user.displayName,
        note: note.trim() || null,
        suppressed: this.snoozes.get(cameraId)?.suppressed ?? 0,
      });
    this.d.events.publish({ type: 'alarm.snooze', cameraId, until });
    return { cameraId, until };
  }

  rule(cameraId: string): { cameraId: string; rule: AlarmRule; custom: boolean; snoozedUntil: number | null } {
    const custom = this.rules.get(cameraId);
    const s = this.snoozes.get(cameraId);
    return { cameraId, rule: custom ?? DEFAULT_RULE, custom: !!custom, snoozedUntil: s && s.until > this.now() ? s.until : null };
  }

  setRule(p: Principal, cameraId: string, rule: AlarmRule | null) {
    this.d.repo.setRule(cameraId, rule, p.user.displayName);
    this.rules = this.d.repo.rules();
    for (const l of this.ruleListeners) l();
    return this.rule(cameraId);
  }

  /** Whether a camera's rule wants any ONVIF event (the pull-point manager subscribes only then). */
  wantsOnvifEvents(cameraId: string): boolean {
    const kinds = this.ruleOf(cameraId).kinds;
    return ONVIF_ALARM_KINDS.some((k) => kinds.includes(k));
  }

  onRulesChanged(l: () => void): () => void {
    this.ruleListeners.add(l);
    return () => this.ruleListeners.delete(l);
  }

  dispose(): void {
    if (this.disposed) return;
    this.flush();
    this.disposed = true;
    this.ruleListeners.clear();
  }
}

export function publicAlarm({ rid: _rid, ...a }: StoredAlarm): Alarm {
  return a;
}
