// The time of the picture a tile shows. The core sends, before each keyframe, when that keyframe
// reached it and its PTS/DTS (FrameClock). mpegts.js gives the browser media times that start at
// the first sample's DTS (its remuxer's `dtsBase`; the first sample is always the keyframe our
// hub starts a viewer with), so a presented frame's PTS is `mediaTime + base`, and its wall-clock
// time is the nearest earlier anchor's `at` plus the PTS difference. Between keyframes the PTS
// carries the camera's own frame timing, so the clock advances with the picture and stops with it.
import type { FrameClock } from '../../shared/contract/live';

export interface FrameInfo {
  /** The presented frame's time (epoch ms): the camera's where the stream carries it, else arrival at the core. */
  time: number | null;
  source: FrameClock['source'] | null;
  /** performance.now() when it was presented; null before the first frame. */
  presentedAt: number | null;
  /** The stream's own time between frames (from its timestamps, not from how busy the page is). */
  intervalMs: number | null;
}

interface Anchor {
  ptsMs: number;
  at: number;
  source: FrameClock['source'];
}

const MAX_ANCHORS = 16;
/** Beyond this the mapping is wrong (a PTS wrap, a restarted stream): better no time than a false one. */
const MAX_GAP_MS = 120_000;

export class FrameTimes {
  private anchors: Anchor[] = [];
  private baseDtsMs: number | null = null;
  private last: FrameInfo = { time: null, source: null, presentedAt: null, intervalMs: null };
  private lastMedia: number | null = null;
  private interval: number | null = null;

  /** A new player: its media times start from the next keyframe's DTS. */
  restart(): void {
    this.anchors = [];
    this.baseDtsMs = null;
    this.lastMedia = null;
  }

  anchor(c: FrameClock): void {
    // mpegts.js works in whole milliseconds of the 90 kHz clock.
    if (this.baseDtsMs === null) this.baseDtsMs = Math.floor(c.dts / 90);
    this.anchors.push({ ptsMs: Math.floor(c.pts / 90), at: c.at, source: c.source });
    if (this.anchors.length > MAX_ANCHORS) this.anchors.shift();
  }

  /** A frame was presented; `mediaTime` in seconds, as requestVideoFrameCallback reports it. */
  presented(mediaTime: number, now = performance.now()): void {
    // A smoothed frame interval: a 1 fps camera is not "stale" between two of its frames.
    const gap = this.lastMedia === null ? null : (mediaTime - this.lastMedia) * 1000;
    if (gap !== null && gap > 0 && gap < 10_000) this.interval = this.interval === null ? gap : this.interval * 0.9 + gap * 0.1;
    this.lastMedia = mediaTime;
    this.last = { ...this.timeOf(mediaTime), presentedAt: now, intervalMs: this.interval };
  }

  /** A frame was presented whose PTS (in ms of the 90 kHz clock) is known (the WebCodecs path). */
  presentedPts(ptsMs: number, now = performance.now()): void {
    this.presented(this.baseDtsMs === null ? ptsMs / 1000 : (ptsMs - this.baseDtsMs) / 1000, now);
  }

  timeOf(mediaTime: number): Pick<FrameInfo, 'time' | 'source'> {
    if (this.baseDtsMs === null || this.anchors.length === 0) return { time: null, source: null };
    const ptsMs = mediaTime * 1000 + this.baseDtsMs;
    let best = this.anchors[0]!;
    for (const a of this.anchors) if (a.ptsMs <= ptsMs + 1 && a.ptsMs >= best.ptsMs) best = a;
    const gap = ptsMs - best.ptsMs;
    if (Math.abs(gap) > MAX_GAP_MS) return { time: null, source: null };
    return { time: Math.round(best.at + gap), source: best.source };
  }

  info(): FrameInfo {
    return this.last;
  }
}
