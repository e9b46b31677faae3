// The alarm sound: tones made with Web Audio (no audio file to fetch or decode, and it works in a
// headless browser without a speaker), louder patterns for more urgent alarms, muted per console
// (kept in this browser's storage, not the account: the console in the supervisor's office may be
// silent while the watch floor's is not). Browsers start audio only after a user gesture: the
// context is created or resumed on the first key or click.
import type { AlarmPriority } from '../../shared/contract';

const MUTE_KEY = 'wf.alarmMuted';

const PATTERNS: Record<AlarmPriority, number[]> = {
  critical: [880, 660, 880, 660, 880, 660],
  high: [880, 660, 880, 660],
  normal: [660, 880],
  low: [],
};

export class AlarmSound {
  private ctx: AudioContext | null = null;
  private readonly listeners = new Set<() => void>();
  /** Tones started since load (the status bar shows it to tests as data-tones). */
  tones = 0;
  muted: boolean;

  constructor() {
    let m = false;
    try {
      m = localStorage.getItem(MUTE_KEY) === '1';
    } catch {
      // storage refused: sound on
    }
    this.muted = m;
  }

  subscribe(l: () => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    try {
      localStorage.setItem(MUTE_KEY, muted ? '1' : '0');
    } catch {
      // lasts until reload
    }
    this.changed();
  }

  /** Called on user input: browsers allow audio from then on. */
  unlock(): void {
    try {
      this.ctx ??= new AudioContext();
      if (this.ctx.state === 'suspended') void this.ctx.resume().catch(() => undefined);
    } catch {
      // no Web Audio: the flashing and the queue still say it
    }
  }

  play(priority: AlarmPriority): void {
    const notes = PATTERNS[priority];
    if (this.muted || notes.length === 0) return;
    try {
      this.ctx ??= new AudioContext();
      const ctx = this.ctx;
      if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
      const start = ctx.currentTime + 0.02;
      notes.forEach((hz, i) => {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = 'sine';
        osc.frequency.value = hz;
        const t0 = start + i * 0.18;
        gain.gain.setValueAtTime(0, t0);
        gain.gain.linearRampToValueAtTime(0.25, t0 + 0.01);
        gain.gain.linearRampToValueAtTime(0, t0 + 0.15);
        osc.connect(gain).connect(ctx.destination);
        osc.start(t0);
        osc.stop(t0 + 0.16);
      });
      this.tones++;
      this.changed();
    } catch {
      // no Web Audio here
    }
  }

  dispose(): void {
    void this.ctx?.close().catch(() => undefined);
    this.ctx = null;
    this.listeners.clear();
  }
}
