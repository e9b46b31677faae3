// The time cursor that synchronised players follow (up to 16 cameras at one instant). It is a clock,
// not a player: now() = anchor + (wall time since) × speed while playing. Each player corrects itself
// toward it (RecordedTile): a small drift by nudging its rate, a large one by seeking again, and a
// player that jumped ahead over a gap in its recording waits for the cursor to get there.

export interface ClockState {
  /** Bumped on every seek: players start a new session at now(). */
  epoch: number;
  playing: boolean;
  speed: number;
  /** Playing backwards (by frames inside the buffer, seeking back by keyframes beyond it). */
  reverse: boolean;
}

export const SPEEDS = [0.125, 0.25, 0.5, 1, 2, 4, 8, 16] as const;

export class SyncClock {
  private anchorUtc: number;
  private anchorWall = performance.now();
  private s: ClockState;
  private readonly listeners = new Set<(s: ClockState) => void>();
  private readonly steppers = new Set<(direction: 1 | -1) => void>();

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
