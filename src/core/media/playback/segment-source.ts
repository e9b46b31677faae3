// Where recorded video of a camera is, for playback and export: the indexed segments in time order
// and the one still being written (read up to what the recorder has put on the disk, and followed
// as it grows). Reads are chunked from an open file handle: never a whole file in memory.
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { KeyframeEntry, SegmentRepository, SegmentRow } from '../recorder/segment-repository';

export interface OpenSegmentInfo {
  id: number;
  file: string;
  startMs: number;
  endMs: number;
  bytes: number;
  keyframes: KeyframeEntry[];
  firstPts: number;
  runId: string;
  stream: 'main' | 'sub';
}

/** A segment as playback reads it: where it is and how much of it may be read now. */
export interface PlayableSegment {
  id: number;
  file: string;
  startMs: number;
  endMs: number;
  bytes: number;
  keyframes: KeyframeEntry[];
  firstPts: number;
  runId: string;
  /** Still being written: more bytes may come. */
  growing: boolean;
}

export interface SegmentSourceDeps {
  repo: SegmentRepository;
  openSegment: (cameraId: string) => OpenSegmentInfo | null;
}

export class SegmentSource {
  constructor(private readonly d: SegmentSourceDeps) {}

  private folderPath(folderId: string): string | null {
    return this.d.repo.folders().find((f) => f.id === folderId)?.path ?? null;
  }

  private playable(row: SegmentRow): PlayableSegment | null {
    if (row.status === 'recording') {
      const open = this.d.openSegment(row.cameraId);
      if (open && open.id === row.id) return { ...open, growing: true };
      // Closed since the row was read: read it again.
      const fresh = this.d.repo.segment(row.id);
      if (!fresh || fresh.status === 'recording') return null;
      row = fresh;
    }
    const root = this.folderPath(row.folderId);
    if (!root || row.firstPts === null) return null;
    return {
      id: row.id,
      file: path.join(root, row.path),
      startMs: row.startMs,
      endMs: row.endMs,
      bytes: row.bytes,
      keyframes: row.keyframes,
      firstPts: row.firstPts,
      runId: row.runId,
      growing: false,
    };
  }

  /** The first readable segment that ends after `at` (skipping missing and unreadable rows). */
  next(cameraId: string, at: number): PlayableSegment | null {
    let t = at;
    for (let i = 0; i < 50; i++) {
      const row = this.d.repo.nextAfter(cameraId, t);
      if (!row) return null;
      const p = this.playable(row);
      // Past the live edge: nothing is recorded at or after that instant (yet).
      if (p?.growing && at > p.endMs + 2000) return null;
      if (p && p.keyframes.length) return p;
      t = Math.max(row.endMs, t + 1);
    }
    return null;
  }

  /** The same segment as it is now (a growing one may have more bytes and keyframes). */
  refresh(seg: PlayableSegment): PlayableSegment {
    if (!seg.growing) return seg;
    const row = this.d.repo.segment(seg.id);
    return (row && this.playable(row)) ?? { ...seg, growing: false };
  }
}

/** The keyframe at or before `at` (the segment's first one when `at` is earlier). */
export function keyframeAtOrBefore(seg: Pick<PlayableSegment, 'keyframes' | 'startMs'>, at: number): KeyframeEntry {
  let best = seg.keyframes[0]!;
  for (const k of seg.keyframes) {
    if (seg.startMs + k[0] <= at) best = k;
    else break;
  }
  return best;
}

/** Reads a file in chunks of whole packets from `offset` up to `end` (exclusive). */
export async function* readPackets(file: string, offset: number, end: () => number, chunkBytes = 188 * 348): AsyncGenerator<Buffer> {
  let fh: FileHandle | null = null;
  try {
    fh = await open(file, 'r');
    let pos = offset;
    for (;;) {
      const limit = end();
      const n = Math.min(chunkBytes, limit - pos);
      const whole = n - (n % 188);
      if (whole <= 0) return;
      // A fresh buffer per chunk: the caller rewrites timestamps in it and hands it to a socket.
      const buf = Buffer.allocUnsafe(whole);
      const { bytesRead } = await fh.read(buf, 0, whole, pos);
      if (bytesRead === 0) return;
      const usable = bytesRead - (bytesRead % 188);
      pos += usable;
      yield usable === whole ? buf : buf.subarray(0, usable);
    }
  } finally {
    await fh?.close();
  }
}

/** The first two packets of a segment file (PAT and PMT), to put before a keyframe in the middle. */
export async function readPsi(file: string): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(376);
    const { bytesRead } = await fh.read(buf, 0, 376, 0);
    return buf.subarray(0, bytesRead - (bytesRead % 188));
  } finally {
    await fh.close();
  }
}
