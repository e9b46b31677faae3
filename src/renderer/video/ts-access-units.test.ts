// The WebCodecs path's demuxer against real ffmpeg output: whole frames out, any chunking, split
// keyframes merged, and what comes out decodes in a real decoder (ffmpeg).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTs, TEST_FFMPEG } from '../../core/media/testing/make-ts';
import { avcCodecString, nalUnits, TsAccessUnits, type AccessUnit } from './ts-access-units';

const dir = mkdtempSync(path.join(os.tmpdir(), 'wf-au-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ff(args: string[]): Buffer {
  return execFileSync(TEST_FFMPEG, ['-hide_banner', '-loglevel', 'error', ...args], { maxBuffer: 64 * 1024 * 1024 });
}

function feed(ts: Uint8Array, sizes: number[]): AccessUnit[] {
  const d = new TsAccessUnits();
  const out: AccessUnit[] = [];
  let at = 0;
  let i = 0;
  while (at < ts.length) {
    const n = sizes[i++ % sizes.length]!;
    out.push(...d.push(ts.subarray(at, at + n)));
    at += n;
  }
  return out;
}

/** Frames ffmpeg decodes from the units written one after another as Annex B. */
function decodedFrames(units: AccessUnit[]): number {
  const file = path.join(dir, `au-${Math.random().toString(36).slice(2)}.h264`);
  writeFileSync(file, Buffer.concat(units.map((u) => u.data)));
  const out = ff(['-f', 'h264', '-i', file, '-f', 'framemd5', '-']).toString();
  return out.split('\n').filter((l) => l && !l.startsWith('#')).length;
}

/**
 * A multi-slice stream whose keyframes reach the muxer as one PES per slice, each slice preceded
 * by SPS and PPS again, as some cameras send them (libx264 slices=4; ffmpeg's own parser splits
 * such a keyframe into four packets when it remuxes it).
 */
function splitKeyframeTs(): { ts: Buffer; frames: number } {
  const es = ff(['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25', '-t', '2', '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-preset', 'ultrafast', '-bf', '0', '-g', '25', '-x264-params', 'slices=4:repeat-headers=1', '-f', 'h264', 'pipe:1']);
  const nals = nalUnits(es).map(([s, e]) => es.subarray(s, e));
  const sps = nals.find((n) => (n[0]! & 0x1f) === 7)!;
  const pps = nals.find((n) => (n[0]! & 0x1f) === 8)!;
  const sc = Buffer.from([0, 0, 0, 1]);
  const parts: Buffer[] = [];
  let frames = 0;
  for (const n of nals) {
    const type = n[0]! & 0x1f;
    if (type === 7 || type === 8) continue;
    if (type === 5) parts.push(sc, sps, sc, pps);
    if ((type === 1 || type === 5) && (n[1]! & 0x80) !== 0) frames++;
    parts.push(sc, Buffer.from(n));
  }
  const file = path.join(dir, 'split.h264');
  writeFileSync(file, Buffer.concat(parts));
  const ts = ff(['-f', 'h264', '-framerate', '25', '-i', file, '-c', 'copy', '-omit_video_pes_length', '0', '-f', 'mpegts', 'pipe:1']);
  return { ts, frames };
}

describe('TsAccessUnits', () => {
  // As the relay asks ffmpeg for it: every video PES with its length.
  const ts = ff(['-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25', '-t', '2', '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-preset', 'ultrafast', '-bf', '0', '-g', '25', '-omit_video_pes_length', '0', '-f', 'mpegts', 'pipe:1']);

  it('hands on every frame of ffmpeg output, whole, however the bytes are chunked', () => {
    for (const sizes of [[ts.length], [188], [1, 187, 189, 7, 4096, 13]]) {
      const units = feed(ts, sizes);
      expect(units).toHaveLength(50);
      expect(units.filter((u) => u.key)).toHaveLength(2);
      expect(units[0]!.key).toBe(true);
      expect(units[1]!.pts - units[0]!.pts).toBe(3600);
      expect(decodedFrames(units)).toBe(50);
    }
  });

  it('without PES lengths, a frame goes out when the next one starts (all but the newest)', () => {
    const plain = makeTs({ seconds: 2, fps: 25, gop: 25 });
    expect(feed(plain, [1000])).toHaveLength(49);
  });

  it('reads the codec string from the SPS', () => {
    const first = feed(ts, [ts.length])[0]!;
    expect(avcCodecString(first.sps!)).toMatch(/^avc1\.[0-9A-F]{6}$/);
    expect(avcCodecString(new Uint8Array([0x65, 1, 2, 3]))).toBeNull();
  });

  it('merges a keyframe split across PES into one unit, in one chunk or many', () => {
    const { ts: split, frames } = splitKeyframeTs();
    // The muxer really wrote one PES per slice of each keyframe (2 keyframes of 4 slices).
    let pes = 0;
    for (let at = 0; at < split.length; at += 188) if ((((split[at + 1]! & 0x1f) << 8) | split[at + 2]!) === 0x100 && split[at + 1]! & 0x40) pes++;
    expect(pes).toBe(frames + 2 * 3);
    for (const sizes of [[split.length], [188 * 7], [1, 187, 189, 7, 4096, 13]]) {
      const all = feed(split, sizes);
      const units = all.filter((u) => !u.orphan);
      const keys = units.filter((u) => u.key);
      expect(keys).toHaveLength(2);
      expect(units).toHaveLength(frames);
      const idrSlices = (u: AccessUnit) => nalUnits(u.data).filter(([s]) => (u.data[s]! & 0x1f) === 5).length;
      // Once the stream was seen splitting, every keyframe is one unit with all four slices. The
      // very first may have gone to the decoder before its rest arrived in a later socket message:
      // its late parts come out marked, for the player to wait for the next whole keyframe.
      expect(idrSlices(keys[1]!)).toBe(4);
      if (all.some((u) => u.orphan)) expect(all.filter((u) => u.orphan)).toHaveLength(4 - idrSlices(keys[0]!));
      else expect(idrSlices(keys[0]!)).toBe(4);
    }
    // Held in one buffer, nothing is late: every keyframe is merged.
    expect(feed(split, [split.length]).some((u) => u.orphan)).toBe(false);
  });

  it('survives garbage, truncation and lost sync without throwing, and recovers at the next frames', () => {
    const d = new TsAccessUnits();
    const junk = new Uint8Array(5000).map((_, i) => (i * 7919) & 0xff);
    expect(() => d.push(junk)).not.toThrow();
    expect(() => d.push(ts.subarray(0, 188 * 40 + 77))).not.toThrow();
    d.reset();
    expect(d.push(ts).length).toBe(50);
  });
});
