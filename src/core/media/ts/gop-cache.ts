// The GOP cache: everything since the newest keyframe, so that a viewer who joins mid-GOP starts
// decoding at once instead of waiting up to a GOP (2 s on the lab cameras) for the next keyframe.
// Bounded: a stream without keyframes (or an absurd GOP) must not grow memory without limit.
import type { TsSegment } from './ts-parser';

export const DEFAULT_GOP_CACHE_BYTES = 16 * 1024 * 1024;

export class GopCache {
  private segments: Buffer[] = [];
  private bytes = 0;
  /** True while the cache holds a GOP that starts at a keyframe. */
  private valid = false;

  constructor(private readonly maxBytes = DEFAULT_GOP_CACHE_BYTES) {}

  add(segment: TsSegment): void {
    if (segment.keyframe) {
      this.segments = [];
      this.bytes = 0;
      this.valid = true;
    }
    if (!this.valid) return;
    if (this.bytes + segment.buf.length > this.maxBytes) {
      // Too long since the last keyframe: give up on this GOP; joiners wait for the next keyframe.
      this.clear();
      return;
    }
    // Copy so the cache does not pin the (up to 64 KiB) pipe chunks the segment points into.
    this.segments.push(Buffer.from(segment.buf));
    this.bytes += segment.buf.length;
  }

  /** PAT + PMT + the current GOP as one buffer, or null when no keyframe has been seen. */
  snapshot(pat: Buffer | null, pmt: Buffer | null): Buffer | null {
    if (!this.valid || !pat || !pmt || this.segments.length === 0) return null;
    return Buffer.concat([pat, pmt, ...this.segments], pat.length + pmt.length + this.bytes);
  }

  get size(): number {
    return this.bytes;
  }

  clear(): void {
    this.segments = [];
    this.bytes = 0;
    this.valid = false;
  }
}
