// The console's side of a held PTZ move. Every source that steers (a key, a pad button, the
// joystick) presses and releases a velocity under its own name; the drive sends their sum as one
// continuous move, keeps it alive for the core's watchdog (ptz.hold every 250 ms: the core stops
// the camera after a second without one), and sends Stop when the last source lets go.
// Calls go out in order (a Stop never overtakes the move it ends).

export interface Velocity {
  pan: number;
  tilt: number;
  zoom: number;
}

export interface DriveApi {
  move(v: Velocity): Promise<unknown>;
  /** False when the core no longer runs our move (taken over, or stopped by the watchdog). */
  hold(): Promise<boolean>;
  stop(): Promise<unknown>;
}

export type Direction = 'left' | 'right' | 'up' | 'down' | 'upLeft' | 'upRight' | 'downLeft' | 'downRight' | 'zoomIn' | 'zoomOut';

export const DIRECTIONS: Record<Direction, Velocity> = {
  left: { pan: -1, tilt: 0, zoom: 0 },
  right: { pan: 1, tilt: 0, zoom: 0 },
  up: { pan: 0, tilt: 1, zoom: 0 },
  down: { pan: 0, tilt: -1, zoom: 0 },
  upLeft: { pan: -1, tilt: 1, zoom: 0 },
  upRight: { pan: 1, tilt: 1, zoom: 0 },
  downLeft: { pan: -1, tilt: -1, zoom: 0 },
  downRight: { pan: 1, tilt: -1, zoom: 0 },
  zoomIn: { pan: 0, tilt: 0, zoom: 1 },
  zoomOut: { pan: 0, tilt: 0, zoom: -1 },
};

export const HOLD_EVERY_MS = 250;

const ZERO: Velocity = { pan: 0, tilt: 0, zoom: 0 };
const clamp = (v: number) => Math.max(-1, Math.min(1, Math.round(v * 100) / 100));
const same = (a: Velocity | null, b: Velocity | null) => !!a && !!b && a.pan === b.pan && a.tilt === b.tilt && a.zoom === b.zoom;
const isZero = (v: Velocity) => v.pan === 0 && v.tilt === 0 && v.zoom === 0;

export function scaled(d: Direction, speed: number): Velocity {
  const v = DIRECTIONS[d];
  return { pan: v.pan * speed, tilt: v.tilt * speed, zoom: v.zoom * speed };
}

export class PtzDrive {
  private readonly held = new Map<string, Velocity>();
  private sent: Velocity | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setInterval> | null = null;
  private disposed = false;

  constructor(
    private readonly api: DriveApi,
    private readonly onError: (err: unknown) => void,
    /** The core said our move is over (someone took the camera, or the watchdog stopped it). */
    private readonly onLost: () => void = () => undefined,
  ) {}

  get moving(): boolean {
    return this.sent !== null;
  }

  press(source: string, v: Velocity): void {
    if (this.disposed) return;
    if (isZero(v)) this.held.delete(source);
    else this.held.set(source, v);
    this.update();
  }

  release(source: string): void {
    if (!this.held.delete(source)) return;
    this.update();
  }

  releaseAll(): void {
    if (this.held.size === 0 && !this.sent) return;
    this.held.clear();
    this.update();
  }

  private sum(): Velocity {
    const s = { ...ZERO };
    for (const v of this.held.values()) {
      s.pan += v.pan;
      s.tilt += v.tilt;
      s.zoom += v.zoom;
    }
    return { pan: clamp(s.pan), tilt: clamp(s.tilt), zoom: clamp(s.zoom) };
  }

  private send(fn: () => Promise<unknown>): void {
    this.chain = this.chain.then(fn).catch((err: unknown) => {
      this.sent = null;
      this.stopTimer();
      this.held.clear();
      this.onError(err);
    });
  }

  private update(): void {
    const v = this.sum();
    if (isZero(v)) {
      if (!this.sent) return;
      this.sent = null;
      this.stopTimer();
      this.send(() => this.api.stop());
      return;
    }
    if (same(v, this.sent)) return;
    this.sent = v;
    this.send(() => this.api.move(v));
    this.startTimer();
  }

  private startTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (!this.sent) return this.stopTimer();
      this.send(async () => {
        if (!this.sent) return;
        if (!(await this.api.hold())) {
          this.sent = null;
          this.held.clear();
          this.stopTimer();
          this.onLost();
        }
      });
    }, HOLD_EVERY_MS);
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Stops what this drive started (the tile goes away). */
  dispose(): void {
    this.releaseAll();
    this.disposed = true;
    this.stopTimer();
  }
}
