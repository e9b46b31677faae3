// The health monitor: probes every registered camera on a schedule (probe-scheduler.ts), turns the
// answers into working / degraded / offline with a reason, and tells the others once per change:
// the register (working/offline; it keeps awaiting repair and decommissioned), camera health now
// (HealthService), the alarm queue (one alarm per camera, or one per point when a whole point drops)
// and the change log. See docs/health-repair.md.
//
// Grace: a camera counts as offline only after failing for its transmission's grace window
// (residents' Wi-Fi flaps; a direct line does not). Point outages: when one camera of a point with
// several fails, its siblings are probed at once; if every one of them fails too, it is "link or
// power at the point", not N dead cameras.
import { performance } from 'node:perf_hooks';
import type { z } from 'zod';
import type { transmission } from '../../shared/contract/schemas';
import type { AlarmSink } from '../alarms/types';
import type { RtspProbeFailure } from '../rtsp/probe';
import { probeCamera, type ProbeAccess, type ProbeVerdict } from './camera-probe';
import type { HealthRepository, ProbeTarget } from './health-repository';
import type { HealthService } from './health-service';
import { startProbeScheduler, type ProbeScheduler } from './probe-scheduler';

type Transmission = z.infer<typeof transmission>;
export type ProbedState = 'working' | 'degraded' | 'offline';
export type ProbeReason = RtspProbeFailure | 'point_outage' | 'clock_drift';

/** Default grace per transmission type (ms) before a failing camera counts as offline. */
export const DEFAULT_GRACE_MS: Record<Transmission, number> = {
  direct: 0,
  fibre: 0,
  mobile: 2 * 60_000,
  residents_wifi: 5 * 60_000,
  other: 60_000,
};

export interface MonitorOptions {
  repo: HealthRepository;
  health: HealthService;
  register: { reportHealth(cameraId: string, reachable: boolean, at?: number): void };
  /** Opens a sealed camera password (only here, only for the probe). */
  openPassword(box: string): string;
  sink: AlarmSink | null;
  periodMs: () => number;
  clockSkewMs: () => number;
  graceMs?: Partial<Record<string, number>>;
  timeoutMs?: number;
  maxInFlight?: number;
  /** Every probe's plain answer (repair tickets waiting for a probe to succeed listen here). */
  onProbe?: (cameraId: string, reachable: boolean) => void;
  /** Another prober (benchmarks and fuzz tests); default the real one. */
  probe?: (access: ProbeAccess, signal: AbortSignal, timeoutMs: number) => Promise<ProbeVerdict>;
}

interface Known {
  target: ProbeTarget;
  state: ProbedState | null;
  reason: ProbeReason | null;
  /** Wall time of the current state (for people) and monotonic time of the first failure (for grace). */
  since: number;
  failingSince: number | null;
  failingReason: RtspProbeFailure | null;
  failingAt: number | null;
  lastProbe: number;
  clockOffsetMs: number | null;
  clockAt: number;
  alarm: 'camera' | 'point' | null;
}

export interface PointOutage {
  pointId: string;
  cameras: string[];
  since: number;
}

export class HealthMonitor {
  private readonly known = new Map<string, Known>();
  private readonly byPoint = new Map<string, Set<string>>();
  private readonly outages = new Map<string, PointOutage>();
  private readonly scheduler: ProbeScheduler;
  private readonly probe: NonNullable<MonitorOptions['probe']>;
  private stopped = false;

  constructor(private readonly o: MonitorOptions) {
    this.probe = o.probe ?? probeCamera;
    for (const [id, c] of o.repo.lastChanges()) {
      if (c.state === 'working' || c.state === 'degraded' || c.state === 'offline') this.seed.set(id, c);
    }
    this.scheduler = startProbeScheduler<ProbeTarget>({
      targets: () => this.targets(),
      probe: (t, signal) => this.probeOne(t, signal),
      periodMs: o.periodMs,
      ...(o.maxInFlight !== undefined ? { maxInFlight: o.maxInFlight } : {}),
    });
  }

  private readonly seed = new Map<string, { at: number; state: string; reason: string | null }>();

  /** Probe one camera now. */
  probeNow(cameraId: string): Promise<{ ok: boolean; reason: string | null }> {
    const t = this.o.repo.targets().find((x) => x.id === cameraId);
    if (!t) return Promise.resolve({ ok: false, reason: null });
    const ac = new AbortController();
    return this.probeOne(t, ac.signal).then(() => {
      const k = this.known.get(cameraId);
      return { ok: k?.failingSince == null && k?.state !== null, reason: k?.failingReason ?? k?.reason ?? null };
    });
  }

  /** The register changed: new cameras get a probe soon, deleted ones are dropped (even mid-probe). */
  registerChanged(): void {
    // Every status the monitor itself reports is a register change too: re-read the targets at most
    // once a second, not once per probe (5,000 cameras going offline at start-up).
    if (this.refreshTimer || this.stopped) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      if (!this.stopped) this.scheduler.refresh();
    }, 1000);
    this.refreshTimer.unref();
  }

  private refreshTimer: NodeJS.Timeout | null = null;

  /** Ask the scheduler for this camera's turn now (after a repair, a register change). */
  soon(cameraId: string): void {
    this.scheduler.soon(cameraId);
  }

  pointOutages(): PointOutage[] {
    return [...this.outages.values()];
  }

  /** Cameras whose clock the last probe found off by more than the threshold. */
  wrongClocks(): { cameraId: string; offsetMs: number; at: number }[] {
    const limit = this.o.clockSkewMs();
    const out = [];
    for (const [id, k] of this.known) if (k.clockOffsetMs !== null && Math.abs(k.clockOffsetMs) > limit) out.push({ cameraId: id, offsetMs: k.clockOffsetMs, at: k.clockAt });
    return out;
  }

  rounds(): number {
    return this.scheduler.rounds();
  }

  inFlight(): number {
    return this.scheduler.inFlight();
  }

  stop(): void {
    this.stopped = true;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.scheduler.stop();
  }

  private targets(): ProbeTarget[] {
    const list = this.o.repo.targets();
    this.byPoint.clear();
    const ids = new Set<string>();
    for (const t of list) {
      ids.add(t.id);
      let set = this.byPoint.get(t.pointId);
      if (!set) this.byPoint.set(t.pointId, (set = new Set()));
      set.add(t.id);
      const k = this.known.get(t.id);
      if (k) k.target = t;
    }
    // Cameras deleted or decommissioned: forget them (and any alarm they held is cleared).
    for (const [id, k] of this.known) {
      if (ids.has(id)) continue;
      if (k.alarm) this.o.sink?.clear(id, 'camera_offline');
      this.known.delete(id);
    }
    for (const pid of [...this.outages.keys()]) if (!this.byPoint.has(pid)) this.outages.delete(pid);
    return list;
  }

  private entry(t: ProbeTarget): Known {
    let k = this.known.get(t.id);
    if (!k) {
      const s = this.seed.get(t.id);
      k = {
        target: t,
        state: (s?.state as ProbedState | undefined) ?? null,
        reason: (s?.reason as ProbeReason | null | undefined) ?? null,
        since: s?.at ?? Date.now(),
        failingSince: null,
        failingReason: null,
        failingAt: null,
        lastProbe: 0,
        clockOffsetMs: null,
        clockAt: 0,
        alarm: null,
      };
      this.known.set(t.id, k);
    }
    return k;
  }

  private access(t: ProbeTarget): ProbeAccess {
    let password = '';
    try {
      password = t.passwordBox ? this.o.openPassword(t.passwordBox) : '';
    } catch {
      // A password sealed by another installation: the probe will say auth_failed.
    }
    return { rtsp: t.rtspMain ?? t.rtspSub, onvifUrl: t.onvifUrl, username: t.username ?? '', password };
  }

  private async probeOne(t: ProbeTarget, signal: AbortSignal): Promise<void> {
    let verdict: ProbeVerdict;
    try {
      verdict = await this.probe(this.access(t), signal, this.o.timeoutMs ?? 5000);
    } catch {
      verdict = { reachable: false, reason: 'bad_response' };
    }
    // Stopped, deleted or decommissioned while the probe was in flight: its answer is about nothing.
    if (this.stopped || verdict === null || !this.o.repo.exists(t.id)) return;
    const k = this.entry(t);
    k.lastProbe = performance.now();
    this.o.onProbe?.(t.id, verdict.reachable);
    if (verdict.reachable) {
      k.failingSince = null;
      k.failingReason = null;
      k.failingAt = null;
      if (verdict.clockOffsetMs !== null) {
        k.clockOffsetMs = verdict.clockOffsetMs;
        k.clockAt = Date.now();
      }
      const drift = verdict.clockOffsetMs !== null && Math.abs(verdict.clockOffsetMs) > this.o.clockSkewMs();
      this.settle(k, drift ? 'degraded' : 'working', drift ? 'clock_drift' : null, Date.now());
      this.pointBack(t.pointId);
      return;
    }
    if (k.failingSince === null) {
      k.failingSince = k.lastProbe;
      k.failingAt = Date.now();
    }
    k.failingReason = verdict.reason;
    this.evaluatePoint(t.pointId);
  }

  private grace(k: Known): number {
    const g = this.o.graceMs?.[k.target.transmission] ?? DEFAULT_GRACE_MS[k.target.transmission as Transmission] ?? 60_000;
    return Math.max(0, g);
  }

  /** Decide the failing cameras of a point: one point outage, or each camera on its own. */
  private evaluatePoint(pointId: string): void {
    const ids = [...(this.byPoint.get(pointId) ?? [])];
    const cams = ids.map((id) => this.known.get(id)).filter((k): k is Known => k !== undefined);
    const now = performance.now();
    const failing = cams.filter((k) => k.failingSince !== null);
    if (failing.length === 0) return;
    const earliest = Math.min(...failing.map((k) => k.failingSince!));
    if (ids.length >= 2) {
      // Siblings not probed since the first failure get their turn now; decide when they answer.
      const stale = ids.filter((id) => (this.known.get(id)?.lastProbe ?? 0) < earliest);
      if (stale.length > 0) {
        for (const id of stale) this.scheduler.soon(id);
        return;
      }
    }
    const due = failing.filter((k) => now - k.failingSince! >= this.grace(k));
    if (due.length === 0) return;
    if (ids.length >= 2 && failing.length === ids.length && due.length === ids.length) {
      const since = Math.min(...due.map((k) => k.failingAt ?? Date.now()));
      if (!this.outages.has(pointId)) this.outages.set(pointId, { pointId, cameras: ids, since });
      for (const k of due) this.settle(k, 'offline', 'point_outage', k.failingAt ?? since, 'point');
      return;
    }
    for (const k of due) this.settle(k, 'offline', k.failingReason ?? 'unreachable', k.failingAt ?? Date.now(), 'camera');
  }

  /** A camera of a point with an outage answered again: the outage is over. */
  private pointBack(pointId: string): void {
    if (!this.outages.delete(pointId)) return;
    // The cameras still down are down on their own now.
    this.evaluatePoint(pointId);
  }

  private settle(k: Known, state: ProbedState, reason: ProbeReason | null, at: number, alarm: 'camera' | 'point' = 'camera'): void {
    const id = k.target.id;
    const changed = k.state !== state || k.reason !== reason;
    if (changed) {
      k.state = state;
      k.reason = reason;
      k.since = at;
      this.o.repo.recordChange(id, at, state, reason);
      this.o.register.reportHealth(id, state !== 'offline', at);
    }
    this.o.health.observe(id, 'probe', state === 'offline' ? { state: 'offline', reason: reason ?? 'unreachable', since: at } : state === 'degraded' ? { state: 'degraded', reason: reason ?? 'clock_drift', since: at } : { state: 'live', since: at });
    this.alarm(k, state, reason, alarm);
  }

  private alarm(k: Known, state: ProbedState, reason: ProbeReason | null, kind: 'camera' | 'point'): void {
    const sink = this.o.sink;
    if (!sink) return;
    const id = k.target.id;
    if (state !== 'offline') {
      if (k.alarm) sink.clear(id, 'camera_offline');
      k.alarm = null;
      return;
    }
    if (k.alarm !== null) return;
    // A camera awaiting repair is a known fault with a ticket: its being down is no news to the
    // officer (the wall says "awaiting repair"); its alarm would only bury the new ones.
    if (k.target.status === 'awaiting_repair') return;
    if (kind === 'point') {
      // One alarm for the point, raised on the first of its cameras to be decided; the others are covered by it.
      const outage = this.outages.get(k.target.pointId);
      const raised = outage?.cameras.some((c) => this.known.get(c)?.alarm === 'point') ?? false;
      k.alarm = 'point';
      if (!raised) sink.raise({ kind: 'camera_offline', cameraId: id, source: 'health', at: k.since, detail: `point_outage:${outage?.cameras.length ?? 1}` });
      return;
    }
    k.alarm = 'camera';
    sink.raise({ kind: 'camera_offline', cameraId: id, source: 'health', at: k.since, detail: reason });
  }
}
