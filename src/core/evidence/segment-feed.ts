// The recorded bytes of one camera between two instants, as export feeds them to ffmpeg:
// - each segment is read whole and checked against the SHA-256 the index took when it was written
//   (and for TS structure); one that fails is skipped, and named in the manifest with the reason;
// - the first segment starts at the keyframe at or before `from` (a stream copy cannot start
//   elsewhere), the last is cut before the first frame after `to`;
// - a gap, a skipped segment or a new run (ffmpeg restarted: timestamps start over) starts a new
//   output file, so each MP4 is one continuous span with its own original timing.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { TsFrameScanner } from '../media/ts/frame-scanner';
import { ptsDelta } from '../media/ts/pes';
import { TS_PACKET_SIZE } from '../media/ts/packet';
import { keyframeAtOrBefore } from '../media/playback/segment-source';
import type { SegmentRepository, SegmentRow } from '../media/recorder/segment-repository';

export const JOIN_MS = 1500;

export interface SpanStart {
  fromUtc: number;
  clockOffsetMs: number | null;
}

export interface FeedEvents {
  /** A new continuous span begins (a new output file). */
  spanStart(s: SpanStart): Promise<void>;
  data(buf: Buffer): Promise<void>;
  /** The span ended; `toUtc` is the end of its last frame. */
  spanEnd(toUtc: number): Promise<void>;
  skipped(seg: SegmentRow, reason: string): void;
  /** Bytes read from the recordings (progress). */
  progress(bytes: number): void;
  cancelled(): boolean;
}

/** Segments of a camera usable for [from, to): closed ones only (an open one is still growing). */
export function exportSegments(repo: SegmentRepository, cameraId: string, from: number, to: number): SegmentRow[] {
  return repo.overlapping(cameraId, from, to).filter((s) => s.status === 'ok' || s.status === 'recovered');
}

async function readWhole(file: string, bytes: number, cancelled: () => boolean): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const size = (await fh.stat()).size;
    if (size !== bytes) throw new Error(`size ${size}, indexed ${bytes}`);
    const buf = Buffer.allocUnsafe(size);
    let pos = 0;
    while (pos < size && !cancelled()) {
      const { bytesRead } = await fh.read(buf, pos, Math.min(4 * 1024 * 1024, size - pos), pos);
      if (bytesRead === 0) throw new Error('short read');
      pos += bytesRead;
    }
    return buf;
  } finally {
    await fh.close();
  }
}

/** First byte that is not at a packet boundary's sync byte, or -1. */
function structureBroken(buf: Buffer): number {
  if (buf.length % TS_PACKET_SIZE !== 0) return buf.length - (buf.length % TS_PACKET_SIZE);
  for (let at = 0; at < buf.length; at += TS_PACKET_SIZE) if (buf[at] !== 0x47) return at;
  return -1;
}

export async function feedCamera(repo: SegmentRepository, cameraId: string, from: number, to: number, ev: FeedEvents): Promise<void> {
  const folders = new Map(repo.folders().map((f) => [f.id, f.path]));
  let open_: { runId: string; lastEnd: number } | null = null;
  let first = true;
  const close = async () => {
    if (open_) await ev.spanEnd(open_.lastEnd);
    open_ = null;
  };
  for (const seg of exportSegments(repo, cameraId, from, to)) {
    if (ev.cancelled()) return;
    const root = folders.get(seg.folderId);
    let buf: Buffer;
    try {
      if (!root) throw new Error('recording folder not configured');
      buf = await readWhole(path.join(root, seg.path), seg.bytes, ev.cancelled);
    } catch (err) {
      ev.skipped(seg, `unreadable: ${err instanceof Error ? err.message : String(err)}`);
      await close();
      continue;
    }
    ev.progress(buf.length);
    if (seg.sha256 && createHash('sha256').update(buf).digest('hex') !== seg.sha256) {
      ev.skipped(seg, 'changed since it was recorded (SHA-256 differs)');
      await close();
      continue;
    }
    const broken = structureBroken(buf);
    if (broken >= 0 || seg.firstPts === null || seg.keyframes.length === 0) {
      ev.skipped(seg, broken >= 0 ? `not MPEG-TS at byte ${broken}` : 'no keyframe');
      await close();
      continue;
    }
    // Where to start in this segment: at its start, or (first one) at the keyframe before `from`.
    let startOff = 0;
    let startUtc = seg.startMs;
    if (first || !open_) {
      const k = keyframeAtOrBefore(seg, Math.max(from, seg.startMs));
      startOff = k[1];
      startUtc = seg.startMs + k[0];
    }
    // Where to stop: before the first frame that starts after `to`.
    let endOff = buf.length;
    let lastFrameUtc = startUtc;
    let frameMs = 40;
    let prevPts: number | null = null;
    const scanner = new TsFrameScanner();
    scanner.scan(buf, (f) => {
      if (f.pts === null || endOff !== buf.length || f.offset < startOff) return;
      const utc = seg.startMs + Math.round(ptsDelta(seg.firstPts!, f.pts) / 90);
      if (prevPts !== null) {
        const d = ptsDelta(prevPts, f.pts) / 90;
        if (d > 5 && d < 200) frameMs = d;
      }
      prevPts = f.pts;
      if (utc >= to && f.offset > startOff) endOff = f.offset;
      else lastFrameUtc = utc;
    });
    const continues = open_ && open_.runId === seg.runId && startUtc - open_.lastEnd <= JOIN_MS;
    if (!continues) {
      await close();
      open_ = { runId: seg.runId, lastEnd: startUtc };
      await ev.spanStart({ fromUtc: startUtc, clockOffsetMs: seg.clockOffsetMs });
      if (startOff > 0) await ev.data(buf.subarray(0, 2 * TS_PACKET_SIZE)); // PAT and PMT first
    }
    first = false;
    await ev.data(buf.subarray(startOff, endOff));
    open_!.lastEnd = lastFrameUtc + Math.round(frameMs);
    if (endOff < buf.length) break;
  }
  await close();
}
