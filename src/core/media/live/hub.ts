// Fan-out of one TS stream to many viewers. A new viewer first gets PAT + PMT + the cached GOP, so
// its decoder starts at a keyframe at once. A viewer whose backlog exceeds `maxBacklogBytes` is
// skipped forward: it receives nothing until the next keyframe, then PAT + PMT + that keyframe.
// The hub never queues bytes itself, so a slow viewer costs at most its own bounded backlog.
import { GopCache } from '../ts/gop-cache';
import { TsStreamParser, type TsSegment } from '../ts/ts-parser';
import type { FrameClock, LiveSubscriber } from './types';

export const DEFAULT_MAX_BACKLOG_BYTES = 4 * 1024 * 1024;

interface Viewer {
  sub: LiveSubscriber;
  /** Waiting for a keyframe before sending anything (new viewer without cache, or skipped). */
  waiting: boolean;
}

export interface HubCounters {
  frames: number;
  bytes: number;
  lastFrameAt: number | null;
  viewerDrops: number;
}

export class TsHub {
  private readonly viewers = new Set<Viewer>();
  private parser = new TsStreamParser();
  private readonly gop: GopCache;
  readonly counters: HubCounters = { frames: 0, bytes: 0, lastFrameAt: null, viewerDrops: 0 };
  /** Called on the first keyframe of each stream generation (see reset()). */
  onFirstKeyframe: (() => void) | null = null;
  private sawKeyframe = false;
  /** The newest keyframe's arrival, which the cached GOP starts with. */
  private anchor: FrameClock | null = null;

  constructor(
    private readonly maxBacklogBytes = DEFAULT_MAX_BACKLOG_BYTES,
    gopCacheBytes?: number,
    private readonly now: () => number = Date.now,
  ) {
    this.gop = new GopCache(gopCacheBytes);
  }

  get viewerCount(): number {
    return this.viewers.size;
  }

  get videoCodec(): string | null {
    return this.parser.videoCodec;
  }

  add(sub: LiveSubscriber): () => void {
    const viewer: Viewer = { sub, waiting: true };
    this.viewers.add(viewer);
    const snap = this.gop.snapshot(this.parser.pat, this.parser.pmt);
    if (snap) {
      viewer.waiting = false;
      if (this.anchor) sub.clock?.(this.anchor);
      sub.data(snap);
    }
    return () => {
      this.viewers.delete(viewer);
    };
  }

  /** Bytes from ffmpeg's stdout. */
  push(chunk: Buffer): void {
    const r = this.parser.push(chunk);
    if (r.frames) {
      this.counters.frames += r.frames;
      this.counters.lastFrameAt = this.now();
    }
    for (const seg of r.segments) {
      this.counters.bytes += seg.buf.length;
      if (seg.keyframe) this.anchor = seg.pts != null ? { pts: seg.pts, dts: seg.dts ?? seg.pts, at: this.now(), source: 'arrival' } : null;
      this.gop.add(seg);
      if (seg.keyframe && !this.sawKeyframe) {
        this.sawKeyframe = true;
        this.onFirstKeyframe?.();
      }
      this.fanOut(seg);
    }
  }

  /** A new ffmpeg starts a new TS stream: forget pids, the GOP and partial packets. */
  reset(): void {
    this.parser = new TsStreamParser();
    this.gop.clear();
    this.sawKeyframe = false;
    this.anchor = null;
    for (const v of this.viewers) v.waiting = true;
  }

  private fanOut(seg: TsSegment): void {
    for (const v of this.viewers) {
      if (v.waiting) {
        if (!seg.keyframe) continue;
        const { pat, pmt } = this.parser;
        if (!pat || !pmt) continue;
        // Still far behind: resuming now would only drop again at the next segment.
        if (v.sub.backlog && v.sub.backlog() > this.maxBacklogBytes / 2) continue;
        v.waiting = false;
        if (this.anchor) v.sub.clock?.(this.anchor);
        v.sub.data(Buffer.concat([pat, pmt, seg.buf]));
        continue;
      }
      if (v.sub.backlog && v.sub.backlog() > this.maxBacklogBytes) {
        v.waiting = true;
        this.counters.viewerDrops++;
        continue;
      }
      if (seg.keyframe && this.anchor) v.sub.clock?.(this.anchor);
      v.sub.data(seg.buf);
    }
  }
}
