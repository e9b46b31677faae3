// Pan/tilt/zoom state of a virtual PTZ camera in ONVIF's generic spaces (pan and tilt -1..1,
// zoom 0..1). Motion is integrated lazily from timestamps, so reading the state at any moment
// gives where the head "is" without a timer ticking for idle cameras.

export interface PtzVector {
  pan: number;
  tilt: number;
  zoom: number;
}

export interface PtzState extends PtzVector {
  panTiltMoving: boolean;
  zoomMoving: boolean;
}

export interface PtzPreset {
  token: string;
  name: string;
  position: PtzVector;
}

type Axis = keyof PtzVector;
const AXES: Axis[] = ['pan', 'tilt', 'zoom'];
const LIMITS: Record<Axis, [number, number]> = { pan: [-1, 1], tilt: [-1, 1], zoom: [0, 1] };
/** Units per second for moves without a Speed element: a full pan sweep in 2 s, zoom in 2 s. */
export const DEFAULT_SPEED: PtzVector = { pan: 1, tilt: 1, zoom: 0.5 };
/** Real cameras cap ContinuousMove without Timeout; ONVIF leaves it to the device. */
const DEFAULT_CONTINUOUS_TIMEOUT_MS = 60_000;
const MAX_PRESETS = 64;

interface AxisMotion {
  velocity: number; // units/s while `until` is in the future
  until: number;
  target: number | null;
  speed: number;
}

const clamp = (axis: Axis, v: number): number => Math.min(LIMITS[axis][1], Math.max(LIMITS[axis][0], v));

export class PtzModel {
  private pos: PtzVector = { pan: 0, tilt: 0, zoom: 0 };
  private readonly motion: Record<Axis, AxisMotion>;
  private last: number;
  private home: PtzVector = { pan: 0, tilt: 0, zoom: 0 };
  private readonly presets = new Map<string, PtzPreset>();
  private presetSeq = 1;
  /** Fault: Stop is acknowledged but does nothing (a worn or buggy head). */
  ignoreStop = false;

  constructor(private readonly now: () => number = () => Date.now()) {
    this.last = now();
    const idle = (): AxisMotion => ({ velocity: 0, until: 0, target: null, speed: 0 });
    this.motion = { pan: idle(), tilt: idle(), zoom: idle() };
  }

  /** Advances every axis to `now`. */
  private settle(): void {
    const t = this.now();
    for (const axis of AXES) {
      const m = this.motion[axis];
      if (m.target !== null) {
        const step = (m.speed * (t - this.last)) / 1000;
        const d = m.target - this.pos[axis];
        if (Math.abs(d) <= step) {
          this.pos[axis] = m.target;
          m.target = null;
        } else this.pos[axis] += Math.sign(d) * step;
      } else if (m.until > this.last) {
        const dt = (Math.min(t, m.until) - this.last) / 1000;
        this.pos[axis] = clamp(axis, this.pos[axis] + m.velocity * dt);
      }
    }
    this.last = t;
  }

  state(): PtzState {
    this.settle();
    const t = this.now();
    const moving = (a: Axis) => this.motion[a].target !== null || (this.motion[a].until > t && this.motion[a].velocity !== 0);
    return { ...this.pos, panTiltMoving: moving('pan') || moving('tilt'), zoomMoving: moving('zoom') };
  }

  /** Velocities in -1..1 (zoom too); axes not given keep their current motion. */
  continuousMove(velocity: Partial<PtzVector>, timeoutMs?: number): void {
    this.settle();
    const until = this.now() + (timeoutMs ?? DEFAULT_CONTINUOUS_TIMEOUT_MS);
    for (const axis of AXES) {
      const v = velocity[axis];
      if (v === undefined) continue;
      this.motion[axis] = { velocity: Math.max(-1, Math.min(1, v)), until, target: null, speed: 0 };
    }
  }

  absoluteMove(target: Partial<PtzVector>, speed?: Partial<PtzVector>): void {
    this.settle();
    for (const axis of AXES) {
      const v = target[axis];
      if (v === undefined) continue;
      const s = Math.abs(speed?.[axis] ?? DEFAULT_SPEED[axis]) || DEFAULT_SPEED[axis];
      this.motion[axis] = { velocity: 0, until: 0, target: clamp(axis, v), speed: s };
    }
  }

  relativeMove(delta: Partial<PtzVector>, speed?: Partial<PtzVector>): void {
    this.settle();
    const target: Partial<PtzVector> = {};
    for (const axis of AXES) {
      const d = delta[axis];
      if (d !== undefined) target[axis] = this.pos[axis] + d;
    }
    this.absoluteMove(target, speed);
  }

  stop(panTilt = true, zoom = true): void {
    this.settle();
    if (this.ignoreStop) return;
    const axes: Axis[] = [...(panTilt ? (['pan', 'tilt'] as Axis[]) : []), ...(zoom ? (['zoom'] as Axis[]) : [])];
    for (const axis of axes) this.motion[axis] = { velocity: 0, until: 0, target: null, speed: 0 };
  }

  listPresets(): PtzPreset[] {
    return [...this.presets.values()].map((p) => ({ ...p, position: { ...p.position } }));
  }

  /** Stores the current position; an existing token is overwritten (ONVIF SetPreset semantics). */
  setPreset(name?: string, token?: string): string {
    this.settle();
    if (token !== undefined && !this.presets.has(token)) throw new PtzError('NoToken');
    if (token === undefined && this.presets.size >= MAX_PRESETS) throw new PtzError('TooManyPresets');
    const t = token ?? `Preset_${this.presetSeq++}`;
    this.presets.set(t, { token: t, name: name ?? t, position: { ...this.pos } });
    return t;
  }

  gotoPreset(token: string, speed?: Partial<PtzVector>): void {
    const p = this.presets.get(token);
    if (!p) throw new PtzError('NoToken');
    this.absoluteMove(p.position, speed);
  }

  removePreset(token: string): void {
    if (!this.presets.delete(token)) throw new PtzError('NoToken');
  }

  gotoHome(speed?: Partial<PtzVector>): void {
    this.absoluteMove(this.home, speed);
  }

  setHome(): void {
    this.settle();
    this.home = { ...this.pos };
  }
}

/** A PTZ request the device refuses; `code` is the ONVIF ter: subcode. */
export class PtzError extends Error {
  constructor(readonly code: 'NoToken' | 'TooManyPresets') {
    super(code);
  }
}
