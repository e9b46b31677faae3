// Runs one probe per target per period, spread evenly over the period, with a bounded number in
// flight: 5,000 cameras a minute is 83 probes a second, never 5,000 at once. A probe that hangs
// holds one slot until its own deadline; the others keep their turn. Scheduling uses the monotonic
// clock, so a wall clock that jumps neither bunches nor starves the probes.
import { performance } from 'node:perf_hooks';

export interface ProbeSchedulerOptions<T extends { id: string }> {
  /** The targets of the next round (read at the start of each period). */
  targets(): T[];
  probe(target: T, signal: AbortSignal): Promise<void>;
  periodMs: () => number;
  /**
   * Most probes in flight at once (default 1,000). A silent camera holds its slot for the whole
   * timeout: 2,500 silent ones a minute at 5 s each need ~210 slots on average, so 200 let the
   * round slip behind its period.
   */
  maxInFlight?: number;
  /** How often the scheduler wakes to start the probes that are due (default 50 ms). */
  tickMs?: number;
}

export interface ProbeScheduler {
  /** Probe this target as soon as a slot is free (a technician's "probe now"). */
  soon(id: string): void;
  /** The targets changed (the register): new ones are probed soon, gone ones drop out of the round. */
  refresh(): void;
  /** Targets currently being probed. */
  inFlight(): number;
  /** Rounds completed (tests wait on it). */
  rounds(): number;
  stop(): void;
}

export function startProbeScheduler<T extends { id: string }>(o: ProbeSchedulerOptions<T>): ProbeScheduler {
  const maxInFlight = o.maxInFlight ?? 1000;
  const running = new Map<string, AbortController>();
  // Insertion-ordered and O(1) to test: a point outage asks for hundreds of siblings at once.
  const urgent = new Set<string>();
  let queue: T[] = [];
  let byId = new Map<string, T>();
  let next = 0;
  let roundStart = 0;
  let roundMs = 0;
  let rounds = 0;
  let stopped = false;

  const newRound = () => {
    if (roundStart !== 0) rounds++;
    try {
      queue = o.targets();
    } catch {
      queue = [];
    }
    byId = new Map(queue.map((t) => [t.id, t]));
    next = 0;
    roundStart = performance.now();
    roundMs = Math.max(1000, o.periodMs());
  };

  const launch = (t: T) => {
    if (running.has(t.id)) return; // still on its last probe: skip this turn rather than pile up
    const ac = new AbortController();
    running.set(t.id, ac);
    void o
      .probe(t, ac.signal)
      .catch(() => undefined)
      .finally(() => {
        if (running.get(t.id) === ac) running.delete(t.id);
      });
  };

  const tick = () => {
    if (stopped) return;
    const now = performance.now();
    for (const id of urgent) {
      if (running.size >= maxInFlight) break;
      urgent.delete(id);
      const t = byId.get(id);
      if (t) launch(t);
    }
    // Target i is due at roundStart + i·period/n.
    const step = queue.length > 0 ? roundMs / queue.length : roundMs;
    while (next < queue.length && running.size < maxInFlight && roundStart + next * step <= now) launch(queue[next++]!);
    if (next >= queue.length && now - roundStart >= roundMs) newRound();
  };

  newRound();
  const timer = setInterval(tick, o.tickMs ?? 50);
  timer.unref();
  tick();

  return {
    soon(id) {
      urgent.add(id);
      if (!byId.has(id)) {
        const fresh = o.targets().find((t) => t.id === id);
        if (fresh) byId.set(id, fresh);
      }
      tick();
    },
    refresh() {
      let fresh: T[];
      try {
        fresh = o.targets();
      } catch {
        return;
      }
      const known = byId;
      byId = new Map(fresh.map((t) => [t.id, t]));
      queue = queue.filter((t, i) => i < next || byId.has(t.id)).map((t) => byId.get(t.id) ?? t);
      for (const t of fresh) if (!known.has(t.id)) urgent.add(t.id);
      for (const [id, ac] of running) if (!byId.has(id)) ac.abort();
      tick();
    },
    inFlight: () => running.size,
    rounds: () => rounds,
    stop() {
      stopped = true;
      clearInterval(timer);
      for (const ac of running.values()) ac.abort();
      running.clear();
    },
  };
}
