// The time cursor that synchronised players follow (up to 16 cameras at one instant): now() =
// anchor + (wall time since) × speed while playing. Ten times a second one controller (here, not
// per tile, so every player is judged at the same instant) reads what each player presents:
// - the cursor follows the slowest player that moves (a common hiccup — a busy page, a decoder —
//   moves the cursor, not 16 players each correcting on its own and drifting apart while they do);
// - a player ahead of it by more than 10 ms runs up to 50 % slower until it is back (never faster:
//   when decoding is what is short, a faster rate only drops frames and does not catch up);
// - one more than 3 s behind starts a new session at the cursor; one more than 3 s ahead (it played
//   over a hole in its recording) waits there until the cursor catches up.
// Measured with 16 lab cameras: bench/record.bench.ts, playback.sync16_drift_ms_p95.

export interface ClockState {
  /** Bumped on every seek: players start a new session at now(). */
  epoch: number;
  playing: boolean;
  speed: number;
  /** Playing backwards (by frames inside the buffer, seeking back by keyframes beyond it). */
  reverse: boolean;
}

export const SPEEDS = [0.125, 0.25, 0.5, 1, 2, 4, 8, 16] as const;

/** What the controller needs of a player. */
export interface SyncMember {
  presentedUtc(): number | null;
  setRateFactor(f: number): void;
  /** Stop where it is (ahead over a hole) or go on again. */
  hold(on: boolean): void;
  /** A new session at the cursor (too far behind). */
  reseek(): void;
}

const TICK_MS = 100;
const DEADBAND_MS = 10;
const FAR_MS = 3000;
const STALLED_MS = 1000;

export class SyncClock {
  private anchorUtc: number;
  private anchorWall = performance.now();
  private s: ClockState;
  private readonly listeners = new Set<(s: ClockState) => void>();
  private readonly steppers = new Set<(direction: 1 | -1) => void>();
  private readonly members = new Map<SyncMember, { holding: boolean; lastUtc: number | null; movedAt: number }>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(at: number, playing = true) {
    this.anchorUtc = at;
    this.s = { epoch: 1, playing, speed: 1, reverse: false };
  }

  get state(): ClockState {
    return this.s;
  }

  now(): number {
    if (!this.s.playing) return this.anchorUtc;
    const dt = (performance.now() - this.anchorWall) * this.s.speed;
    return this.anchorUtc + (this.s.reverse ? -dt : dt);
  }

  private rebase(): void {
    this.anchorUtc = this.now();
    this.anchorWall = performance.now();
  }

  private set(next: Partial<ClockState>): void {
    this.s = { ...this.s, ...next };
    for (const l of [...this.listeners]) l(this.s);
  }

  seek(utc: number, opts: { playing?: boolean } = {}): void {
    this.anchorUtc = utc;
    this.anchorWall = performance.now();
    this.set({ epoch: this.s.epoch + 1, playing: opts.playing ?? this.s.playing, reverse: false });
  }

  /** Moves the cursor without new sessions (frame steps, reverse inside the buffer). */
  nudge(utc: number): void {
    this.anchorUtc = utc;
    this.anchorWall = performance.now();
  }

  play(): void {
    this.rebase();
    // Coming out of reverse, players start forward sessions where the cursor is.
    if (this.s.reverse) this.set({ playing: true, reverse: false, epoch: this.s.epoch + 1 });
    else this.set({ playing: true });
  }

  pause(): void {
    this.rebase();
    this.set({ playing: false });
  }

  reverse(): void {
    this.rebase();
    this.set({ playing: true, reverse: true });
  }

  setSpeed(speed: number): void {
    this.rebase();
    this.set({ speed });
  }

  /** A player joins the group; the returned function takes it out. */
  join(m: SyncMember): () => void {
    this.members.set(m, { holding: false, lastUtc: null, movedAt: performance.now() });
    this.timer ??= setInterval(() => this.control(), TICK_MS);
    return () => {
      this.members.delete(m);
      if (this.members.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  private control(): void {
    const s = this.s;
    if (!s.playing || s.reverse) return;
    const now = this.now();
    const t = performance.now();
    const shown: Array<[SyncMember, number]> = [];
    for (const [m, st] of this.members) {
      const utc = m.presentedUtc();
      if (utc === null) continue;
      if (st.holding) {
        if (now >= utc) {
          st.holding = false;
          m.hold(false);
        }
        continue;
      }
      if (utc - now > FAR_MS) {
        st.holding = true;
        m.hold(true);
        continue;
      }
      if (now - utc > FAR_MS * Math.max(1, s.speed)) {
        m.reseek();
        continue;
      }
      // A player whose picture has not moved for a while (no data, a stalled decoder) does not set
      // the pace for the others; it rejoins when it moves again, or is re-seeked when far behind.
      if (st.lastUtc !== utc) {
        st.lastUtc = utc;
        st.movedAt = t;
      }
      if (t - st.movedAt > STALLED_MS) continue;
      shown.push([m, utc]);
    }
    if (shown.length === 0) return;
    // The slowest player sets the pace: those ahead slow down until it catches up. Slowing down
    // always works; speeding up does not when the decoders are what is short (16 × 720p on a
    // small machine), so no player is ever asked to run faster than the chosen speed.
    const ref = Math.min(...shown.map(([, u]) => u));
    if (Math.abs(ref - now) > DEADBAND_MS) this.nudge(ref);
    for (const [m, utc] of shown) {
      const drift = (utc - ref) / Math.max(1, s.speed);
      m.setRateFactor(drift <= DEADBAND_MS ? 1 : 1 - Math.min(0.5, drift / 400));
    }
  }

  /** One frame (40 ms at 25 fps) on or back, paused; each tile steps inside its buffer or seeks. */
  step(direction: 1 | -1): void {
    if (this.s.playing) this.pause();
    this.nudge(this.anchorUtc + direction * 40);
    for (const l of [...this.steppers]) l(direction);
  }

  onStep(l: (direction: 1 | -1) => void): () => void {
    this.steppers.add(l);
    return () => this.steppers.delete(l);
  }

  subscribe(l: (s: ClockState) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}
