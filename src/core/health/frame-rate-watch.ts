// "Degraded: frame rate below the configured one" (issue 18). The live relay measures what reaches
// it once a second; a camera whose main stream is watched and stays well below the frame rate the
// register says it is set to (70 % of it over 10 s) is degraded with reason `low_fps`, told to
// camera health on the relay's own stream, so the dot, the tile and the dashboard say so. It clears
// once the rate is back (80 % over 10 s: a camera hovering at the line does not flap every second).
// Only the main stream is judged: sub streams often run at a lower rate on purpose, and the register
// holds one configured rate per camera. A camera nobody watches is not measured (probes open no
// video); once its last viewer leaves, camera health keeps the relay's settled word (live).
import type { LiveState, StreamKind } from '../media/live';
import type { Observation, ObservedBy } from './health-service';

export interface FrameRateWatchOptions {
  /** The frame rate the camera is set to send (the register's), or null when unknown. */
  configured(cameraId: string): number | null;
  /** Camera health's seam (HealthService.observe). */
  observe(cameraId: string, stream: ObservedBy, o: Observation): void;
  /** Degraded below this share of the configured rate (default 0.7). */
  low?: number;
  /** Clear at or above this share (default 0.8). */
  recovered?: number;
  /** Over this many seconds of samples (default 10). */
  windowS?: number;
  now?: () => number;
}

interface Tracked {
  liveSince: number;
  samples: number[];
  degraded: boolean;
}

export class FrameRateWatch {
  private readonly tracked = new Map<string, Tracked>();
  private readonly low: number;
  private readonly recovered: number;
  private readonly windowS: number;
  private readonly now: () => number;

  constructor(private readonly o: FrameRateWatchOptions) {
    this.low = o.low ?? 0.7;
    this.recovered = o.recovered ?? 0.8;
    this.windowS = o.windowS ?? 10;
    this.now = o.now ?? Date.now;
  }

  /** The relay's state: only a live stream is measured; anything else starts the count again. */
  state(cameraId: string, stream: StreamKind, s: LiveState): void {
    if (stream !== 'main') return;
    if (s.state === 'live') this.tracked.set(cameraId, { liveSince: s.since, samples: [], degraded: false });
    else this.tracked.delete(cameraId);
  }

  /** One second's measured rate of a live stream. */
  sample(cameraId: string, stream: StreamKind, fps: number): void {
    if (stream !== 'main') return;
    const t = this.tracked.get(cameraId);
    if (!t) return;
    t.samples.push(fps);
    if (t.samples.length > this.windowS) t.samples.shift();
    const expected = this.o.configured(cameraId);
    if (t.samples.length < this.windowS || expected === null || expected <= 0) {
      // The configured rate was removed while degraded: nothing left to judge against.
      if (t.degraded && (expected === null || expected <= 0)) this.clear(cameraId, t);
      return;
    }
    const mean = t.samples.reduce((a, b) => a + b, 0) / t.samples.length;
    if (!t.degraded && mean < expected * this.low) {
      t.degraded = true;
      this.o.observe(cameraId, 'main', { state: 'degraded', reason: 'low_fps', since: this.now() });
    } else if (t.degraded && mean >= expected * this.recovered) {
      this.clear(cameraId, t);
    }
  }

  /** Whether a camera's main stream is degraded by its frame rate now. */
  isLow(cameraId: string): boolean {
    return this.tracked.get(cameraId)?.degraded ?? false;
  }

  private clear(cameraId: string, t: Tracked): void {
    t.degraded = false;
    this.o.observe(cameraId, 'main', { state: 'live', since: t.liveSince });
  }
}
