// "Camera health now": the core's live knowledge of every camera, so the tree, the map and the
// register show the same colours in every window from the first paint (health.cameras), kept
// current by typed camera.health events. Fed today by the live relays (a camera someone watches)
// and the register (awaiting repair and decommissioned win over the relay), and by the health
// monitor's probes (monitor.ts), which observe a stream of their own named `probe`.
import type { CameraHealth, Camera, HealthState } from '../../shared/contract';
import type { LiveState, StreamKind } from '../media/live';

/** What a relay or a probe says about one stream of a camera. */
export type Observation =
  | { state: 'idle' }
  | { state: 'connecting' | 'live'; since: number }
  | { state: 'reconnecting' | 'offline' | 'degraded'; reason: string; since: number };

/** The relay's streams, and the monitor's probe. */
export type ObservedBy = StreamKind | 'probe';

interface Known {
  streams: Partial<Record<ObservedBy, Observation>>;
  /** The last settled word (live, reconnecting, offline) for when nobody watches any more. */
  settled: { state: 'live' | 'offline'; reason: string | null; since: number } | null;

  current: CameraHealth;
}

export interface HealthSource {
  /** Every camera in the register with its status (who may see which is the caller's filter). */
  cameras(): Pick<Camera, 'id' | 'status'>[];
}

export function observationOf(s: LiveState, now = Date.now()): Observation {
  switch (s.state) {
    case 'idle':
      return { state: 'idle' };
    case 'connecting':
      return { state: 'connecting', since: now };
    case 'live':
      return { state: 'live', since: s.since };
    case 'reconnecting':
    case 'offline':
      return { state: s.state, reason: s.reason, since: now };
  }
}

type Active = Exclude<Observation, { state: 'idle' }>;

/**
 * The observations that speak for the camera now. A relay watches without a break; a probe is one
 * look. So a probe's word older than a relay's is left out: a camera whose stream the wall just
 * lost read green in the tree because the monitor's probe had found it live a minute before.
 */
function activeObservations(streams: Known['streams']): Active[] {
  const isActive = (o: Observation | undefined): o is Active => o !== undefined && o.state !== 'idle';
  const relays = [streams.main, streams.sub].filter(isActive);
  const newestRelay = Math.max(...relays.map((o) => o.since));
  const probe = streams.probe;
  return isActive(probe) && !(relays.length && probe.since < newestRelay) ? [...relays, probe] : relays;
}

// A degraded camera works, but what is wrong with it (its clock) outranks a relay's plain "live".
const RANK: Record<Observation['state'], number> = { degraded: 0, live: 1, connecting: 2, reconnecting: 3, offline: 4, idle: 5 };

export class HealthService {
  private readonly known = new Map<string, Known>();
  private statuses = new Map<string, Camera['status']>();
  private readonly listeners = new Set<(h: CameraHealth) => void>();

  constructor(private readonly source: HealthSource) {
    this.refresh();
  }

  /** Called with every change of what the core knows of a camera. Returns the function that stops it. */
  onChange(l: (h: CameraHealth) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** The register changed: statuses, new cameras, removed ones. */
  refresh(): void {
    const cams = this.source.cameras();
    this.statuses = new Map(cams.map((c) => [c.id, c.status]));
    for (const id of [...this.known.keys()]) if (!this.statuses.has(id)) this.known.delete(id);
    for (const c of cams) this.update(c.id);
  }

  /** One camera's register status changed (the health monitor's working/offline): no full re-read. */
  setStatus(cameraId: string, status: Camera['status']): void {
    if (!this.statuses.has(cameraId)) return;
    this.statuses.set(cameraId, status);
    this.update(cameraId);
  }

  /** A relay (or later a probe) reports on one stream of a camera. */
  observe(cameraId: string, stream: ObservedBy, o: Observation): void {
    if (!this.statuses.has(cameraId)) return;
    const k = this.entry(cameraId);
    k.streams[stream] = o;
    if (o.state === 'live' || o.state === 'degraded') k.settled = { state: 'live', reason: null, since: o.since };
    else if (o.state === 'offline' || o.state === 'reconnecting') {
      // Nobody retries once the viewers are gone: a failing camera left alone reads as offline.
      if (k.settled?.state !== 'offline' || k.settled.reason !== o.reason) k.settled = { state: 'offline', reason: o.reason, since: o.since };
    }
    this.update(cameraId);
  }

  snapshot(visible: (cameraId: string) => boolean): CameraHealth[] {
    const out: CameraHealth[] = [];
    for (const id of this.statuses.keys()) if (visible(id)) out.push(this.entry(id).current);
    return out;
  }

  /** The cameras in one state now (the dashboard's degraded ones), without a snapshot of every camera. */
  inState(state: CameraHealth['state']): string[] {
    const out: string[] = [];
    for (const [id, k] of this.known) if (k.current.state === state && this.statuses.has(id)) out.push(id);
    return out;
  }

  get(cameraId: string): CameraHealth | null {
    return this.statuses.has(cameraId) ? this.entry(cameraId).current : null;
  }

  private entry(cameraId: string): Known {
    let k = this.known.get(cameraId);
    if (!k) {
      k = { streams: {}, settled: null, current: { cameraId, state: 'unknown', reason: null, since: null } };
      this.known.set(cameraId, k);
    }
    return k;
  }

  private derive(cameraId: string, k: Known): Omit<CameraHealth, 'cameraId'> {
    const status = this.statuses.get(cameraId);
    if (status === 'awaiting_repair' || status === 'decommissioned') return { state: status, reason: null, since: k.current.state === status ? k.current.since : Date.now() };
    const active = activeObservations(k.streams).sort((a, b) => RANK[a.state] - RANK[b.state]);
    const best = active[0];
    if (best) return { state: best.state as HealthState, reason: 'reason' in best ? best.reason : null, since: best.since };
    if (k.settled) return { state: k.settled.state, reason: k.settled.reason, since: k.settled.since };
    return { state: 'unknown', reason: null, since: null };
  }

  private update(cameraId: string): void {
    const k = this.entry(cameraId);
    const next = { cameraId, ...this.derive(cameraId, k) };
    const prev = k.current;
    if (prev.state === next.state && prev.reason === next.reason) return;
    k.current = next;
    for (const l of [...this.listeners]) {
      try {
        l(next);
      } catch {
        // A broken listener must not stop the others hearing of it.
      }
    }
  }
}
