// One viewer's playback of one camera from an instant: recorded MPEG-TS read from disk, put on one
// continuous timeline and paced at the chosen speed.
// - Timeline: the first frame sent (the keyframe at or before the instant asked for) is media time
//   0. Segments of one run follow each other by their PTS; a gap or a new run (ffmpeg restarted) is
//   closed up, and a `map` text frame says which UTC instant the media time now stands for. PTS,
//   DTS and PCR are rewritten in place (pes.ts) so the player sees one clean stream.
// - Pacing: media is sent until it is `leadMs` (× speed) ahead of where the viewer should be, then
//   waits; pause stops sending; a backlog in the socket also waits. Reverse play and seeking are
//   the client's: a new session per seek (see src/renderer/playback).
import type { PlaybackTextFrame } from '../../../shared/contract/playback';
import { packetPid, payloadUnitStart, TS_PACKET_SIZE } from '../ts/packet';
import { pesStart, ptsDelta, PTS_WRAP, rewritePcr, rewritePesStamps } from '../ts/pes';
import { keyframeAtOrBefore, readPackets, readPsi, type PlayableSegment, type SegmentSource } from './segment-source';
import { TsFrameScanner } from '../ts/frame-scanner';

export const PLAYBACK_SPEEDS = [0.125, 0.25, 0.5, 1, 2, 4, 8, 16] as const;

export interface PlaybackSink {
  data(buf: Buffer): void;
  text(frame: PlaybackTextFrame): void;
  /** Bytes not yet taken by the viewer. */
  backlog(): number;
}

export interface PlaybackOptions {
  cameraId: string;
  at: number;
  speed?: number;
  paused?: boolean;
  /** Media kept ahead of the viewer at 1x (ms); default 2000. */
  leadMs?: number;
  /** A gap shorter than this inside one run is played through as it is. */
  gapMs?: number;
  /** How often a growing segment (the live edge) is looked at again. */
  tailPollMs?: number;
  maxBacklogBytes?: number;
}

/** 90 kHz media time where output PTS starts: one second in, so no timestamp goes below zero. */
const OUT_ZERO = 90_000;

export class PlaybackSession {
  private speed: number;
  private paused: boolean;
  /** media ticks (90 kHz) at playWall, and the wall time then. */
  private playMedia = 0;
  private playWall = Date.now();
  private stopped = false;
  private wake: (() => void) | null = null;
  private mapping: { mediaTicks: number; utcMs: number } | null = null;
  private lastMediaTicks = 0;
  private lastUtc: number | null = null;
  private firstUtc: number | null = null;
  private readonly done: Promise<void>;

  constructor(
    private readonly source: SegmentSource,
    private readonly sink: PlaybackSink,
    private readonly o: PlaybackOptions,
  ) {
    this.speed = o.speed ?? 1;
    this.paused = o.paused ?? false;
    this.done = this.run().catch((err: unknown) => {
      if (!this.stopped) sink.text({ type: 'error', reason: err instanceof Error ? err.message.slice(0, 200) : 'read_failed' });
    });
  }

  /** The recorded span this viewer was sent (for the audit trail). */
  get span(): { from: number | null; to: number | null } {
    return { from: this.firstUtc, to: this.lastUtc };
  }

  setSpeed(rate: number): void {
    if (!(PLAYBACK_SPEEDS as readonly number[]).includes(rate)) return;
    this.rebase();
    this.speed = rate;
    this.nudge();
  }

  /** The player says where it is (its rate is nudged to keep in sync): pace from there. */
  position(mediaMs: number): void {
    this.playMedia = Math.max(0, mediaMs * 90);
    this.playWall = Date.now();
  }

  pause(): void {
    this.rebase();
    this.paused = true;
  }

  play(): void {
    this.rebase();
    this.paused = false;
    this.nudge();
  }

  async dispose(): Promise<void> {
    this.stopped = true;
    this.nudge();
    await this.done;
  }

  /** Where the viewer should be now, in media ticks. */
  private viewerTicks(): number {
    return this.paused ? this.playMedia : this.playMedia + (Date.now() - this.playWall) * 90 * this.speed;
  }

  private rebase(): void {
    this.playMedia = this.viewerTicks();
    this.playWall = Date.now();
  }

  private nudge(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  /** Waits while the viewer has enough ahead of it (or is paused, or its socket is full). */
  private async pace(mediaTicks: number): Promise<void> {
    const lead = (this.o.leadMs ?? 2000) * 90;
    const maxBacklog = this.o.maxBacklogBytes ?? 4 * 1024 * 1024;
    while (!this.stopped) {
      const ahead = mediaTicks - this.viewerTicks();
      if (this.sink.backlog() > maxBacklog) await this.sleep(50);
      // Paused (a still, frame steps, reverse): a little more ahead, for steps forward without a new session.
      else if (this.paused ? ahead > lead * 2 : ahead > lead * Math.max(1, this.speed))
        await this.sleep(this.paused ? 1000 : Math.min(500, Math.max(20, (ahead - lead) / 90 / this.speed)));
      else return;
    }
  }

  private async run(): Promise<void> {
    const { cameraId, at } = this.o;
    let seg = this.source.next(cameraId, at);
    if (!seg) {
      this.sink.text({ type: 'none', requestedUtc: at });
      return;
    }
    const first = keyframeAtOrBefore(seg, Math.max(at, seg.startMs));
    const firstUtc = seg.startMs + first[0];
    this.firstUtc = firstUtc;
    this.mapping = { mediaTicks: 0, utcMs: firstUtc };
    // The viewer starts at the instant asked for, up to a GOP after the keyframe sent first: pace
    // from there, or its buffer would be short by that much.
    if (at > firstUtc && at - firstUtc < 10_000) {
      this.playMedia = (at - firstUtc) * 90;
      this.playWall = Date.now();
    }
    this.sink.text({ type: 'start', utcMs: firstUtc, requestedUtc: at, mediaMs: 0 });
    if (at < seg.startMs) this.sink.text({ type: 'gap', fromUtc: at, toUtc: seg.startMs });
    let offset = first[1];
    let prev: PlayableSegment | null = null;
    while (seg && !this.stopped) {
      if (prev) {
        const gap = seg.startMs - (this.lastUtc ?? prev.endMs);
        const sameRun = seg.runId === prev.runId && gap < (this.o.gapMs ?? 1500);
        if (!sameRun) {
          // Close the gap (or the new run's timestamps) up: media continues one frame later.
          const next = { mediaTicks: this.lastMediaTicks + 40 * 90, utcMs: seg.startMs };
          this.mapping = next;
          this.sink.text({ type: 'map', mediaMs: next.mediaTicks / 90, utcMs: next.utcMs });
          if (gap > (this.o.gapMs ?? 1500)) this.sink.text({ type: 'gap', fromUtc: this.lastUtc ?? prev.endMs, toUtc: seg.startMs });
        }
      }
      await this.playSegment(seg, offset);
      if (this.stopped) return;
      prev = seg;
      offset = 0;
      const after: number = Math.max(seg.endMs, this.lastUtc ?? seg.endMs) + 1;
      seg = this.source.next(cameraId, after) ?? null;
      if (seg && seg.id === prev.id) seg = null;
    }
    if (!this.stopped) this.sink.text({ type: 'end', utcMs: this.lastUtc ?? firstUtc });
  }

  private async playSegment(initial: PlayableSegment, offset: number): Promise<void> {
    let seg = initial;
    const segTicks = (seg.startMs - this.mapping!.utcMs) * 90 + this.mapping!.mediaTicks;
    const map = (t: number) => (OUT_ZERO + segTicks + ptsDelta(seg.firstPts, t) + PTS_WRAP) % PTS_WRAP;
    const scanner = new TsFrameScanner();
    if (offset > 0) {
      const psi = await readPsi(seg.file);
      scanner.scan(psi, () => undefined);
      this.sink.data(psi);
    }
    let pos = offset;
    for (;;) {
      for await (const buf of readPackets(seg.file, pos, () => seg.bytes)) {
        if (this.stopped) return;
        pos += buf.length;
        let lastPts: number | null = null;
        scanner.scan(buf, (f) => {
          if (f.pts !== null) lastPts = f.pts;
        });
        rewriteTimestamps(buf, scanner.videoPid, map);
        if (lastPts !== null) {
          const ticks = segTicks + ptsDelta(seg.firstPts, lastPts);
          // A frame before the segment's first keyframe (PCR jitter) cannot move time backwards.
          if (ticks < PTS_WRAP / 2) {
            this.lastMediaTicks = Math.max(this.lastMediaTicks, ticks);
            this.lastUtc = this.mapping!.utcMs + (this.lastMediaTicks - this.mapping!.mediaTicks) / 90;
          }
        }
        this.sink.data(buf);
        await this.pace(this.lastMediaTicks);
      }
      if (!seg.growing || this.stopped) return;
      // The live edge: wait for the recorder to write more (or close the segment).
      await this.sleep(this.o.tailPollMs ?? 500);
      const fresh = this.source.refresh(seg);
      if (fresh.bytes <= pos && fresh.growing) continue;
      seg = fresh;
      if (!seg.growing && seg.bytes <= pos) return;
    }
  }
}

/** Rewrites the PTS/DTS of video PES headers and every PCR in whole packets, in place. */
export function rewriteTimestamps(buf: Buffer, videoPid: number | null, map: (t: number) => number): void {
  for (let at = 0; at + TS_PACKET_SIZE <= buf.length; at += TS_PACKET_SIZE) {
    rewritePcr(buf, at, map);
    if (videoPid !== null && packetPid(buf, at) === videoPid && payloadUnitStart(buf, at)) {
      const p = pesStart(buf, at);
      if (p >= 0) rewritePesStamps(buf, p, at + TS_PACKET_SIZE, map);
    }
  }
}
