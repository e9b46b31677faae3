import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rewriteTimestamps } from '../playback/playback-session';
import { makeTs, TEST_FFMPEG } from '../testing/make-ts';
import { TsFrameScanner } from './frame-scanner';
import { packetPcr, ptsDelta, PTS_WRAP } from './pes';

function ffprobePts(ts: Buffer): number[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wf-pes-'));
  try {
    const file = path.join(dir, 'x.ts');
    writeFileSync(file, ts);
    return execFileSync(TEST_FFMPEG.replace(/ffmpeg$/, 'ffprobe'), ['-v', 'error', '-select_streams', 'v', '-show_entries', 'packet=pts', '-of', 'csv=p=0', file])
      .toString()
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('PES timestamps and PCR', () => {
  const ts = makeTs({ seconds: 2, gop: 25 });

  it('finds the frames ffprobe finds, keyframes included', () => {
    const scanner = new TsFrameScanner();
    const frames: Array<{ pts: number | null; keyframe: boolean }> = [];
    scanner.scan(ts, (f) => frames.push(f));
    expect(frames.map((f) => f.pts)).toEqual(ffprobePts(ts));
    expect(frames.filter((f) => f.keyframe)).toHaveLength(2);
  });

  it('rewrites PTS, DTS and PCR in place so that ffprobe reads the new timeline', () => {
    const before = ffprobePts(ts);
    const copy = Buffer.from(ts);
    const scanner = new TsFrameScanner();
    scanner.scan(copy, () => undefined);
    // Shift to just before the 33-bit wrap: the output must wrap cleanly, not go negative.
    const shift = PTS_WRAP - 90_000 - before[0]!;
    rewriteTimestamps(copy, scanner.videoPid, (t) => t + shift);
    const after = ffprobePts(copy).map((p) => p % PTS_WRAP);
    expect(after.map((p, i) => ptsDelta(before[i]! + shift, p))).toEqual(before.map(() => 0));
    let pcr: number | null = null;
    for (let at = 0; at < copy.length && pcr === null; at += 188) pcr = packetPcr(copy, at);
    expect(pcr).not.toBeNull();
    expect(ptsDelta(pcr!, (before[0]! + shift) % PTS_WRAP)).toBeLessThan(90_000);
  });
});
