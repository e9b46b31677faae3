// Reads a segment file from disk, streamed (never whole in memory), and finds its frames: what
// reconcile needs to index a file the index does not know, and export needs to trust one.
// Offsets are file offsets: a run of bytes that is not TS (a sector of garbage after a crash) is
// skipped by looking for two sync bytes 188 apart, and counted as damage.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { TS_PACKET_SIZE } from '../ts/packet';
import { TsFrameScanner, type TsFrame } from '../ts/frame-scanner';
import { ptsDelta } from '../ts/pes';

export interface ScannedFile {
  /** File size. */
  size: number;
  /** Bytes up to the end of the last whole packet (a cut file ends with a partial one). */
  wholeBytes: number;
  keyframes: Array<{ offset: number; pts: number }>;
  firstPts: number | null;
  lastPts: number | null;
  frames: number;
  /** Median frame interval in ms (40 at 25 fps). */
  frameMs: number;
  codec: string | null;
  /** Bytes that were not TS packets. */
  damagedBytes: number;
  /** SHA-256 of the first wholeBytes bytes (what stays once a cut packet is trimmed). */
  sha256: string;
}

const CHUNK = 188 * 1024;

export async function scanTsFile(file: string, onFrame?: (f: TsFrame) => void): Promise<ScannedFile> {
  const fh = await open(file, 'r');
  try {
    const size = (await fh.stat()).size;
    const scanner = new TsFrameScanner();
    const out: ScannedFile = {
      size,
      wholeBytes: 0,
      keyframes: [],
      firstPts: null,
      lastPts: null,
      frames: 0,
      frameMs: 40,
      codec: null,
      damagedBytes: 0,
      sha256: '',
    };
    const hash = createHash('sha256');
    let hashed = 0;
    const intervals: number[] = [];
    let pos = 0;
    let carry = Buffer.alloc(0);
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, CHUNK, pos);
      if (bytesRead === 0) break;
      const fileOffsetOfData = pos - carry.length;
      pos += bytesRead;
      let data = carry.length ? Buffer.concat([carry, buf.subarray(0, bytesRead)]) : Buffer.from(buf.subarray(0, bytesRead));
      let at = 0;
      // Walk packet by packet, resynchronising on garbage.
      let runStart = 0;
      const flushRun = (end: number) => {
        if (end > runStart) {
          scanner.position = fileOffsetOfData + runStart;
          scanner.scan(data.subarray(runStart, end), (f) => {
            out.frames++;
            if (f.pts !== null) {
              if (out.lastPts !== null) {
                const d = ptsDelta(out.lastPts, f.pts) / 90;
                if (d > 0 && d < 1000 && intervals.length < 500) intervals.push(d);
              }
              out.firstPts ??= f.pts;
              out.lastPts = f.pts;
              if (f.keyframe) out.keyframes.push({ offset: f.offset, pts: f.pts });
            }
            onFrame?.(f);
          });
          out.wholeBytes = fileOffsetOfData + end;
        }
      };
      // Hash up to the last whole packet seen; a trailing partial packet is trimmed, so not hashed.
      const hashTo = (fileOffset: number) => {
        if (fileOffset <= hashed) return;
        hash.update(data.subarray(hashed - fileOffsetOfData, fileOffset - fileOffsetOfData));
        hashed = fileOffset;
      };
      while (at + TS_PACKET_SIZE <= data.length) {
        if (data[at] === 0x47) {
          at += TS_PACKET_SIZE;
          continue;
        }
        flushRun(at);
        let next = at + 1;
        while (next < data.length && !(data[next] === 0x47 && (next + TS_PACKET_SIZE >= data.length || data[next + TS_PACKET_SIZE] === 0x47))) next++;
        out.damagedBytes += next - at;
        at = next;
        runStart = at;
      }
      flushRun(at);
      hashTo(fileOffsetOfData + at);
      carry = Buffer.from(data.subarray(at));
      data = Buffer.alloc(0);
    }
    out.sha256 = hash.digest('hex');
    out.codec = scanner.videoCodec;
    if (intervals.length) out.frameMs = intervals.sort((a, b) => a - b)[Math.floor(intervals.length / 2)]!;
    return out;
  } finally {
    await fh.close();
  }
}
