// Pull-point subscriptions for alarms, one per camera whose rule wants ONVIF events (motion,
// tampering, video loss), kept alive by the core:
//  - created with a 60 s termination time and renewed every 30 s (cameras drop unrenewed ones);
//  - long-polled with PullMessages; "Initialized" messages set the state, "Changed" ones raise;
//  - a failed pull or renew (the camera rebooted and forgot us, the network went) re-creates the
//    subscription with backoff; once it is back, the gap (last good pull → new subscription) is
//    reported as an `events_gap` alarm and to the audit trail, because motion in that gap was not seen;
//  - unsubscribed on stop: cameras allow about ten subscriptions, leaked ones lock us out.
// Each camera has its own OnvifClient (Connection: close, no pooling — soap.ts). The PTZ branch's
// per-camera ONVIF sessions could later lend this manager their client (clock offset, services)
// instead of it measuring and resolving again; the loop itself would stay as it is.
import { setTimeout as sleep } from 'node:timers/promises';
import { isAppError } from '../../shared/errors';
import type { Logger } from '../log/logger';
import { createPullPointSubscription, OnvifClient, PullPointSubscription, resolveServices } from '../onvif';
import type { OnvifAccess } from '../register/register-service';
import { CameraEventState } from './event-topics';
import type { AlarmSink } from './types';

export interface PullPointTiming {
  /** PullMessages timeout (the camera holds the answer up to this long). */
  pullWaitMs: number;
  renewEveryMs: number;
  terminationMs: number;
  callTimeoutMs: number;
  /** Waits before each re-creation attempt; the last repeats. */
  backoffMs: readonly number[];
}

export const DEFAULT_PULLPOINT_TIMING: PullPointTiming = {
  pullWaitMs: 5000,
  renewEveryMs: 30_000,
  terminationMs: 60_000,
  callTimeoutMs: 5000,
  backoffMs: [1000, 2000, 5000, 10_000, 30_000],
};

export interface PullPointManagerOptions {
  sink: AlarmSink;
  /** Cameras that should have a subscription now (an ONVIF address and a rule that wants events). */
  cameras: () => string[];
  access: (cameraId: string) => OnvifAccess | null;
  log: Logger;
  /** A subscription was lost and re-created: events between `from` and `to` were not seen. */
  onGap?: (cameraId: string, from: number, to: number) => void;
  timing?: Partial<PullPointTiming>;
}

export interface SubscriptionStatus {
  cameraId: string;
  state: 'connecting' | 'subscribed' | 'retrying';
  since: number;
  lastPullAt: number | null;
  subscriptions: number;
  gaps: number;
  error: string | null;
}

const accessKey = (a: OnvifAccess) => `${a.deviceUrl}\u0000${a.username ?? ''}\u0000${a.password ?? ''}`;

class CameraWorker {
  readonly status: SubscriptionStatus;
  private readonly abort = new AbortController();
  private done: Promise<void> = Promise.resolve();

  constructor(
    readonly cameraId: string,
    readonly key: string,
    private readonly access: OnvifAccess,
    private readonly o: PullPointManagerOptions,
    private readonly t: PullPointTiming,
  ) {
    this.status = { cameraId, state: 'connecting', since: Date.now(), lastPullAt: null, subscriptions: 0, gaps: 0, error: null };
  }

  start(): void {
    this.done = this.run().catch((err: unknown) => this.o.log.error('pull-point loop ended', { cameraId: this.cameraId, err: String(err) }));
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.done;
  }

  private client(signal?: AbortSignal, timeoutMs = this.t.callTimeoutMs): OnvifClient {
    const a = this.access;
    return new OnvifClient({
      deviceUrl: a.deviceUrl,
      ...(a.username !== null ? { username: a.username, password: a.password ?? '' } : {}),
      timeoutMs,
      signal,
    });
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    const state = new CameraEventState();
    let failures = 0;
    /** Since when events may have been missed (the last good pull of a lost subscription). */
    let gapFrom: number | null = null;
    while (!signal.aborted) {
      let sub: PullPointSubscription | null = null;
      let client: OnvifClient | null = null;
      try {
        client = this.client(signal);
        await client.measureClock().catch((err: unknown) => {
          if (isAppError(err) && (err.code === 'camera_unreachable' || err.code === 'camera_timeout' || err.code === 'onvif_cancelled')) throw err;
        });
        await resolveServices(client);
        sub = await createPullPointSubscription(client, this.t.terminationMs);
        const createdAt = Date.now();
        this.status.subscriptions++;
        this.set('subscribed', null);
        state.reset();
        failures = 0;
        if (gapFrom !== null) {
          this.reportGap(gapFrom, createdAt);
          gapFrom = null;
        }
        let renewedAt = createdAt;
        while (!signal.aborted) {
          if (Date.now() - renewedAt >= this.t.renewEveryMs) {
            await sub.renew(this.t.terminationMs);
            renewedAt = Date.now();
          }
          const { events } = await sub.pull(this.t.pullWaitMs, 100);
          this.status.lastPullAt = Date.now();
          for (const kind of state.update(events)) this.o.sink.raise({ kind, cameraId: this.cameraId, source: 'onvif', detail: null });
        }
      } catch (err) {
        if (signal.aborted) break;
        failures++;
        // Events were being seen until the last good pull: from there on they may be lost.
        if (gapFrom === null && this.status.lastPullAt !== null && sub) gapFrom = this.status.lastPullAt;
        const code = isAppError(err) ? `${err.code}${err.params.reason ? ` ${String(err.params.reason)}` : ''}` : String(err);
        this.set('retrying', code);
        this.o.log.warn('pull-point subscription failed; re-creating', { cameraId: this.cameraId, attempt: failures, error: code });
      } finally {
        // Best effort, never with the aborted signal: a camera holds a forgotten subscription for
        // its whole termination time, and it has only about ten.
        if (sub && client) await this.unsubscribe(sub);
      }
      if (signal.aborted) break;
      const wait = this.t.backoffMs[Math.min(failures - 1, this.t.backoffMs.length - 1)] ?? 30_000;
      await sleep(wait, undefined, { signal }).catch(() => undefined);
    }
  }

  private async unsubscribe(sub: PullPointSubscription): Promise<void> {
    // Short: a camera that is gone must not hold up the core's stop for long.
    const quiet = this.client(undefined, 2000);
    const again = new PullPointSubscription(quiet, sub.address, sub.rawAddress, sub.terminationTime);
    await again.unsubscribe().catch(() => undefined);
  }

  private reportGap(from: number, to: number): void {
    this.status.gaps++;
    const detail = `${new Date(from).toISOString()} → ${new Date(to).toISOString()}`;
    this.o.log.warn('camera events were not seen for a while (subscription re-created)', { cameraId: this.cameraId, from, to });
    this.o.sink.raise({ kind: 'events_gap', cameraId: this.cameraId, source: 'onvif', at: to, detail });
    this.o.onGap?.(this.cameraId, from, to);
  }

  private set(state: SubscriptionStatus['state'], error: string | null): void {
    if (this.status.state !== state) this.status.since = Date.now();
    this.status.state = state;
    this.status.error = error;
  }
}

export class PullPointManager {
  private readonly workers = new Map<string, CameraWorker>();
  private readonly t: PullPointTiming;
  private disposed = false;

  constructor(private readonly o: PullPointManagerOptions) {
    this.t = { ...DEFAULT_PULLPOINT_TIMING, ...o.timing };
  }

  /** Starts subscriptions for cameras that want them and stops the rest (register or rule changed). */
  reconcile(): void {
    if (this.disposed) return;
    const wanted = new Map<string, OnvifAccess>();
    for (const id of this.o.cameras()) {
      const a = this.o.access(id);
      if (a) wanted.set(id, a);
    }
    for (const [id, w] of this.workers) {
      const a = wanted.get(id);
      if (!a || accessKey(a) !== w.key) {
        this.workers.delete(id);
        void w.stop();
      }
    }
    for (const [id, a] of wanted) {
      if (this.workers.has(id)) continue;
      const w = new CameraWorker(id, accessKey(a), a, this.o, this.t);
      this.workers.set(id, w);
      w.start();
    }
  }

  status(): SubscriptionStatus[] {
    return [...this.workers.values()].map((w) => ({ ...w.status }));
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const all = [...this.workers.values()];
    this.workers.clear();
    await Promise.all(all.map((w) => w.stop()));
  }
}
