// One PTZ camera as the core drives it: the priority lock (ptz-lock.ts), one queue of SOAP
// commands (a Stop must never overtake the ContinuousMove it ends: each goes on its own HTTP
// connection), the watchdog, and a running patrol.
//
// Watchdog (issue: "a watchdog in the core sends Stop when no refresh arrives within a second, so
// a lost key-up never leaves a camera turning"): a held move must be refreshed (ptz.hold) at least
// once a second. When it is not, the core sends Stop, reads the status back, sends Stop again
// while the camera still moves (a worn head, or firmware that ignores Stop), and reports a camera
// that will not stop (event ptz.alert, audit entry). Belt and braces: ContinuousMove also carries
// a Timeout, renewed while the move is held, so even a core that dies mid-move stops the camera.
import type { PatrolRun, PtzLock, PtzVelocity } from '../../shared/contract';
import { isAppError } from '../../shared/errors';
import type { AuditRecord } from '../api/audit-sink';
import type { Principal } from '../auth/principal';
import type { OnvifSessions } from '../devices/sessions';
import type { Logger } from '../log/logger';
import { isOnvifError, type OnvifCamera } from '../onvif';
import { claim, lockFor } from './ptz-lock';

export interface PtzTiming {
  /** No refresh for this long → Stop. */
  watchdogMs: number;
  tickMs: number;
  /** After a Stop, read the status back this much later. */
  verifyMs: number;
  stopAttempts: number;
  /** ContinuousMove's own Timeout, and how often a held move renews it. */
  continuousTimeoutMs: number;
  renewMs: number;
  /** A patrol step waits at most this long for the camera to arrive before its dwell starts. */
  arriveMs: number;
}

export const DEFAULT_PTZ_TIMING: PtzTiming = { watchdogMs: 1000, tickMs: 100, verifyMs: 300, stopAttempts: 3, continuousTimeoutMs: 10_000, renewMs: 4000, arriveMs: 20_000 };

export interface PatrolPlan {
  id: string;
  name: string;
  steps: { presetToken: string; dwellSeconds: number }[];
}

export interface ControllerDeps {
  cameraId: string;
  cameraName: () => string | null;
  sessions: OnvifSessions;
  idleMs: () => number;
  timing: PtzTiming;
  log: Logger;
  onLock(lock: PtzLock | null): void;
  onPatrol(run: PatrolRun | null): void;
  onAlert(alert: 'stop_ignored' | 'stop_failed' | 'patrol_failed', attempts: number): void;
  audit(entry: Omit<AuditRecord, 'target'>): void;
}

interface Moving {
  userId: string;
  username: string;
  velocity: PtzVelocity;
  lastRefresh: number;
  sentAt: number;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

export class PtzController {
  private lock: PtzLock | null = null;
  private lockTimer: NodeJS.Timeout | null = null;
  private moving: Moving | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private patrol: { run: PatrolRun; abort: AbortController; done: Promise<void> } | null = null;
  /** The camera faulted a ContinuousMove with a Timeout: send them without. */
  private noTimeout = false;
  /** Cancels stop verifications and patrol waits on dispose. */
  private readonly life = new AbortController();
  /** Bumped by every command: a Stop's verification must not stop the move that came after it. */
  private gen = 0;

  constructor(private readonly d: ControllerDeps) {}

  // ---- the lock ------------------------------------------------------------------------------

  currentLock(): PtzLock | null {
    const l = this.lock;
    if (l && l.expiresAt !== null && l.expiresAt <= Date.now()) this.setLock(null);
    return this.lock;
  }

  patrolRun(): PatrolRun | null {
    return this.patrol?.run ?? null;
  }

  /** Claims the camera for `p` (throws ptz_locked); a manual command ends a running patrol. */
  private take(p: Principal, patrolName: string | null = null): void {
    const current = this.currentLock();
    const c = claim(current, p);
    this.gen++;
    if (this.patrol && !patrolName) this.endPatrol();
    if (c.kind === 'takeover') {
      this.d.audit({
        actor: { userId: p.user.id, username: p.user.username },
        action: 'ptz.takeover',
        outcome: 'ok',
        details: { from: c.previous.username, fromRank: c.previous.rank, rank: p.ptzRank, patrol: c.previous.patrol },
      });
      if (this.moving && this.moving.userId !== p.user.id) this.moving = null;
    }
    const now = Date.now();
    const next = lockFor(p, now, this.d.idleMs(), patrolName);
    if (c.kind === 'same' && current && current.patrol === patrolName) next.since = current.since;
    this.setLock(next, c.kind === 'same' && current?.patrol === patrolName);
  }

  private setLock(lock: PtzLock | null, quiet = false): void {
    this.lock = lock;
    if (!quiet) this.d.onLock(lock);
    this.armLockTimer();
  }

  /** One timer for the idle lapse, re-armed lazily (a held move refreshes the lock several times a second). */
  private armLockTimer(): void {
    if (this.lockTimer) return;
    const l = this.lock;
    if (!l || l.expiresAt === null) return;
    this.lockTimer = setTimeout(
      () => {
        this.lockTimer = null;
        this.currentLock();
        this.armLockTimer();
      },
      Math.max(50, l.expiresAt - Date.now() + 5),
    );
    this.lockTimer.unref();
  }

  private touch(): void {
    if (this.lock && this.lock.expiresAt !== null) this.lock.expiresAt = Date.now() + this.d.idleMs();
  }

  /** Lets go (the holder, or an administrator: checked by the service). */
  release(): boolean {
    if (!this.currentLock()) return false;
    if (this.patrol) this.endPatrol();
    if (this.moving) {
      this.moving = null;
      this.stopWatchdog();
      void this.stopUntilStill('release');
    }
    this.setLock(null);
    return true;
  }

  // ---- commands ------------------------------------------------------------------------------

  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private onCamera<T>(fn: (cam: OnvifCamera) => Promise<T>): Promise<T> {
    return this.d.sessions.with(this.d.cameraId, fn);
  }

  /** A one-shot command (centre, preset, home...) under the caller's hold. */
  async command<T>(p: Principal, fn: (cam: OnvifCamera) => Promise<T>): Promise<T> {
    this.take(p);
    this.moving = null;
    this.stopWatchdog();
    return this.enqueue(() => this.onCamera(fn));
  }

  private sendContinuous(v: PtzVelocity): Promise<void> {
    return this.onCamera(async (cam) => {
      if (this.noTimeout) return cam.continuousMove(v);
      try {
        await cam.continuousMove(v, this.d.timing.continuousTimeoutMs);
      } catch (err) {
        // Vendor quirk: some firmwares fault a Timeout outside their PTZTimeout range.
        if (!isOnvifError(err, 'camera_bad_response') || !err.extra.fault) throw err;
        this.noTimeout = true;
        await cam.continuousMove(v);
      }
    });
  }

  async move(p: Principal, v: PtzVelocity): Promise<PtzLock> {
    if (v.pan === 0 && v.tilt === 0 && v.zoom === 0) {
      await this.stop(p);
      return this.currentLock() ?? lockFor(p, Date.now(), this.d.idleMs(), null);
    }
    this.take(p);
    const now = Date.now();
    this.moving = { userId: p.user.id, username: p.user.username, velocity: v, lastRefresh: now, sentAt: now };
    this.startWatchdog();
    try {
      await this.enqueue(() => this.sendContinuous(v));
    } catch (err) {
      if (this.moving?.velocity === v) this.moving = null;
      throw err;
    }
    return this.lock!;
  }

  /** The held move goes on: feeds the watchdog, keeps the hold, renews the camera's Timeout. */
  hold(p: Principal): boolean {
    const m = this.moving;
    if (!m || m.userId !== p.user.id || this.currentLock()?.userId !== p.user.id) return false;
    const now = Date.now();
    m.lastRefresh = now;
    this.touch();
    if (!this.noTimeout && now - m.sentAt > this.d.timing.renewMs) {
      m.sentAt = now;
      void this.enqueue(() => this.sendContinuous(m.velocity)).catch((err: unknown) => this.d.log.warn('renewing a held move failed', { err: String(err) }));
    }
    return true;
  }

  /** Key or button let go. Someone who no longer holds the camera (taken over) stops nothing. */
  async stop(p: Principal): Promise<boolean> {
    const current = this.currentLock();
    if (current && current.userId !== p.user.id) return false;
    this.moving = null;
    this.stopWatchdog();
    this.touch();
    await this.enqueue(() => this.onCamera((cam) => cam.stop()));
    void this.verifyStill(1, 'command', this.gen);
    return true;
  }

  // ---- watchdog ------------------------------------------------------------------------------

  private startWatchdog(): void {
    if (this.watchdog) return;
    this.watchdog = setInterval(() => this.tick(), this.d.timing.tickMs);
    this.watchdog.unref();
  }

  private stopWatchdog(): void {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
  }

  private tick(): void {
    const m = this.moving;
    if (!m) return this.stopWatchdog();
    const silent = Date.now() - m.lastRefresh;
    if (silent <= this.d.timing.watchdogMs) return;
    this.moving = null;
    this.stopWatchdog();
    this.d.log.warn('no refresh for a held move: stopping the camera', { cameraId: this.d.cameraId, silentMs: silent });
    this.d.audit({ actor: { userId: m.userId, username: m.username }, action: 'ptz.watchdogStop', outcome: 'ok', details: { silentMs: silent } });
    void this.stopUntilStill('watchdog');
  }

  /** Stop, then make sure: status read back, Stop again while it still moves, report if it never stops. */
  private async stopUntilStill(why: string): Promise<void> {
    const gen = this.gen;
    try {
      await this.enqueue(() => this.onCamera((cam) => cam.stop()));
    } catch (err) {
      this.d.log.warn('Stop failed', { cameraId: this.d.cameraId, why, err: String(err) });
      return this.retryStop(1, why, err, gen);
    }
    await this.verifyStill(1, why, gen);
  }

  /** A new command since the Stop (a move, a preset, a patrol): it is meant to move now. */
  private superseded(gen: number): boolean {
    return gen !== this.gen || this.moving !== null || this.patrol !== null || this.life.signal.aborted;
  }

  private async retryStop(attempt: number, why: string, cause: unknown, gen: number): Promise<void> {
    if (this.superseded(gen)) return;
    if (attempt >= this.d.timing.stopAttempts) return this.reportStuck(isAppError(cause) && cause.code !== 'camera_bad_response' ? 'stop_failed' : 'stop_ignored', attempt);
    await sleep(this.d.timing.verifyMs, this.life.signal);
    if (this.superseded(gen)) return;
    try {
      await this.enqueue(() => this.onCamera((cam) => cam.stop()));
    } catch (err) {
      return this.retryStop(attempt + 1, why, err, gen);
    }
    await this.verifyStill(attempt + 1, why, gen);
  }

  private async verifyStill(attempt: number, why: string, gen: number): Promise<void> {
    await sleep(this.d.timing.verifyMs, this.life.signal);
    if (this.superseded(gen)) return;
    let still = true;
    try {
      still = await this.isStill();
    } catch {
      return; // no status to check against: the Stop was sent, nothing more to learn
    }
    if (this.superseded(gen)) return;
    if (still) {
      if (attempt > 1) this.d.log.info('camera stopped after repeated Stop', { cameraId: this.d.cameraId, attempts: attempt });
      return;
    }
    this.d.log.warn('camera still moving after Stop', { cameraId: this.d.cameraId, why, attempt });
    if (attempt >= this.d.timing.stopAttempts) return this.reportStuck('stop_ignored', attempt);
    try {
      await this.enqueue(() => this.onCamera((cam) => cam.stop()));
    } catch (err) {
      return this.retryStop(attempt + 1, why, err, gen);
    }
    await this.verifyStill(attempt + 1, why, gen);
  }

  /**
   * Whether the head has stopped. MoveStatus alone is not trusted: many cameras still say MOVING
   * for a moment after Stop while the head decelerates (design.md, ONVIF facts). A head that says
   * MOVING but whose position does not change between two readings has stopped.
   */
  private async isStill(): Promise<boolean> {
    const a = await this.onCamera((cam) => cam.getStatus());
    if (!a.panTiltMoving && !a.zoomMoving) return true;
    if (a.pan === undefined && a.zoom === undefined) return false;
    await sleep(Math.min(200, this.d.timing.verifyMs), this.life.signal);
    const b = await this.onCamera((cam) => cam.getStatus());
    const same = (x: number | undefined, y: number | undefined) => Math.abs((x ?? 0) - (y ?? 0)) < 1e-4;
    return same(a.pan, b.pan) && same(a.tilt, b.tilt) && same(a.zoom, b.zoom);
  }

  private reportStuck(alert: 'stop_ignored' | 'stop_failed', attempts: number): void {
    this.d.log.error('the camera does not stop', { cameraId: this.d.cameraId, alert, attempts });
    this.d.audit({ actor: { userId: null, username: 'system' }, action: 'ptz.stopIgnored', outcome: 'failed', details: { alert, attempts } });
    this.d.onAlert(alert, attempts);
  }

  // ---- patrols -------------------------------------------------------------------------------

  startPatrol(p: Principal, plan: PatrolPlan): PatrolRun {
    if (this.patrol) this.endPatrol();
    this.take(p, plan.name);
    this.moving = null;
    this.stopWatchdog();
    const abort = new AbortController();
    const run: PatrolRun = { patrolId: plan.id, name: plan.name, step: 0, steps: plan.steps.length, startedBy: p.user.displayName, startedAt: Date.now() };
    const actor = { userId: p.user.id, username: p.user.username };
    const done = this.runPatrol(plan, run, abort.signal, actor).catch((err: unknown) => this.d.log.error('patrol failed', { err: String(err) }));
    this.patrol = { run, abort, done };
    this.d.onPatrol(run);
    return run;
  }

  /** Ends the running patrol (a manual command, a stop, a release); its hold goes with it. */
  endPatrol(): boolean {
    const pt = this.patrol;
    if (!pt) return false;
    this.patrol = null;
    pt.abort.abort();
    this.d.onPatrol(null);
    if (this.lock?.patrol) this.setLock(null);
    return true;
  }

  private async runPatrol(plan: PatrolPlan, run: PatrolRun, signal: AbortSignal, actor: { userId: string; username: string }): Promise<void> {
    let failures = 0;
    while (!signal.aborted) {
      for (let i = 0; i < plan.steps.length && !signal.aborted; i++) {
        const step = plan.steps[i]!;
        run.step = i;
        try {
          await this.enqueue(() => this.onCamera((cam) => cam.gotoPreset(step.presetToken)));
          failures = 0;
        } catch (err) {
          failures++;
          this.d.log.warn('patrol step failed', { cameraId: this.d.cameraId, preset: step.presetToken, err: String(err) });
          if (failures >= Math.max(2, plan.steps.length)) {
            this.d.audit({ actor, action: 'ptz.patrolFailed', outcome: 'failed', details: { patrol: plan.name, preset: step.presetToken } });
            this.d.onAlert('patrol_failed', failures);
            if (this.patrol?.run === run) this.endPatrol();
            return;
          }
          await sleep(1000, signal);
          continue;
        }
        if (signal.aborted) return;
        this.d.audit({ actor, action: 'ptz.patrolStep', outcome: 'ok', details: { patrol: plan.name, step: i + 1, preset: step.presetToken } });
        this.d.onPatrol({ ...run });
        await this.arrive(signal);
        await sleep(step.dwellSeconds * 1000, signal);
      }
    }
  }

  /** Waits until the camera says it is idle (or the wait runs out), so the dwell is time spent looking. */
  private async arrive(signal: AbortSignal): Promise<void> {
    const until = Date.now() + this.d.timing.arriveMs;
    while (!signal.aborted && Date.now() < until) {
      await sleep(250, signal);
      try {
        const s = await this.onCamera((cam) => cam.getStatus());
        if (!s.panTiltMoving && !s.zoomMoving) return;
      } catch {
        return;
      }
    }
  }

  async dispose(): Promise<void> {
    this.life.abort();
    const pt = this.patrol;
    if (pt) {
      this.patrol = null;
      pt.abort.abort();
      await pt.done;
    }
    this.stopWatchdog();
    if (this.lockTimer) clearTimeout(this.lockTimer);
    this.lockTimer = null;
    // A camera moving when the console shuts down is told to stop (best effort, bounded by the SOAP timeout).
    if (this.moving) {
      this.moving = null;
      await this.enqueue(() => this.onCamera((cam) => cam.stop())).catch(() => undefined);
    }
    await this.queue;
  }
}
