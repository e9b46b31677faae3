// The hub's parser merges keyframes that a camera split across PES (multi-slice, headers repeated
// per slice) into one PES per frame, so players that take a PES for a frame (mpegts.js) get whole
// keyframes. Real libx264 output, remuxed by the real ffmpeg.
import { describe, expect, it } from 'vitest';
import { TsAccessUnits } from '../../../renderer/video/ts-access-units';
import { makeSplitKeyframeTs, makeTs } from '../testing/make-ts';
import { TsStreamParser, type TsSegment } from './ts-parser';

function through(ts: Buffer, chunk: number): { out: Buffer; segments: TsSegment[]; frames: number } {
  const parser = new TsStreamParser();
  const segments: TsSegment[] = [];
  let frames = 0;
  for (let at = 0; at < ts.length; at += chunk) {
    // Copies: the parser rewrites packets in place, as it may with ffmpeg's pipe chunks.
    const r = parser.push(Buffer.from(ts.subarray(at, at + chunk)));
    segments.push(...r.segments);
    frames += r.frames;
  }
  return { out: Buffer.concat(segments.map((s) => s.buf)), segments, frames };
}

/** PES starts on the video pid, and each PES's declared length. */
function pesStarts(ts: Buffer): number[] {
  const lengths: number[] = [];
  for (let at = 0; at + 188 <= ts.length; at += 188) {
    if ((((ts[at + 1]! & 0x1f) << 8) | ts[at + 2]!) !== 0x100 || !(ts[at + 1]! & 0x40)) continue;
    const afc = (ts[at + 3]! >> 4) & 3;
    const p = afc === 3 ? at + 5 + ts[at + 4]! : at + 4;
    lengths.push((ts[p + 4]! << 8) | ts[p + 5]!);
  }
  return lengths;
}

describe('split keyframes in the hub', () => {
  const { ts, frames, keyframes } = makeSplitKeyframeTs(4, 25);

  it('the source really splits every keyframe into four PES', () => {
    expect(keyframes).toBe(4);
    expect(pesStarts(ts)).toHaveLength(frames + keyframes * 3);
  });

  for (const chunk of [188 * 1000, 188, 4096]) {
    it(`merges every keyframe after the first into one PES of open length (chunks of ${chunk} bytes)`, () => {
      const { out, segments, frames: counted } = through(ts, chunk);
      expect(out.length).toBe(ts.length); // packets rewritten, never added or lost
      const starts = pesStarts(out);
      // Only the first keyframe (sent before the split was seen) keeps its four PES.
      expect(starts).toHaveLength(frames + 3);
      expect(counted).toBe(frames + 3);
      // GOPs start at keyframes only, never at the rest of one.
      expect(segments.filter((s) => s.keyframe)).toHaveLength(keyframes);
      // What a browser demuxer makes of it: whole frames, four slices in each merged keyframe.
      const units = new TsAccessUnits().push(out);
      const keys = units.filter((u) => u.key && !u.orphan);
      expect(keys).toHaveLength(keyframes);
      for (const k of keys.slice(1)) {
        let idr = 0;
        for (let i = 0; i + 3 < k.data.length; i++) if (k.data[i] === 0 && k.data[i + 1] === 0 && k.data[i + 2] === 1 && (k.data[i + 3]! & 0x1f) === 5) idr++;
        expect(idr).toBe(4);
      }
      expect(units.filter((u) => !u.orphan)).toHaveLength(frames);
    });
  }

  it('leaves an ordinary stream byte for byte as it was', () => {
    const plain = makeTs({ seconds: 2, gop: 25 });
    expect(through(plain, 4096).out.equals(plain)).toBe(true);
  });
});
