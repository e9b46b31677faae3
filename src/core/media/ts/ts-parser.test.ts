import { describe, expect, it } from 'vitest';
import { makeTs, probeFrames } from '../testing/make-ts';
import { execFileSync } from 'node:child_process';
import { GopCache } from './gop-cache';
import { pesPts } from './nal';
import { packetPid, payloadOffset, payloadUnitStart } from './packet';
import { TS_PACKET_SIZE } from './packet';
import { TsStreamParser, type TsSegment } from './ts-parser';

function feed(parser: TsStreamParser, ts: Buffer, chunkSizes: number[]) {
  const segments: TsSegment[] = [];
  let frames = 0;
  let keyframes = 0;
  let i = 0;
  let at = 0;
  while (at < ts.length) {
    const n = chunkSizes[i++ % chunkSizes.length]!;
    const r = parser.push(ts.subarray(at, at + n));
    segments.push(...r.segments);
    frames += r.frames;
    keyframes += r.keyframes;
    at += n;
  }
  return { segments, frames, keyframes };
}

describe('TsStreamParser on ffmpeg output', () => {
  const h264 = makeTs({ codec: 'h264', seconds: 4, gop: 50 });

  it('keeps packets whole across odd chunk boundaries and loses no byte', () => {
    const parser = new TsStreamParser();
    const { segments } = feed(parser, h264, [1, 187, 189, 7, 4096, 65536, 13]);
    const joined = Buffer.concat(segments.map((s) => s.buf));
    expect(joined.equals(h264)).toBe(true);
    expect(joined.length % TS_PACKET_SIZE).toBe(0);
  });

  it('finds the H.264 video stream and one keyframe per GOP', () => {
    const parser = new TsStreamParser();
    const { frames, keyframes, segments } = feed(parser, h264, [65536]);
    expect(parser.videoCodec).toBe('h264');
    expect(frames).toBe(100);
    expect(keyframes).toBe(2);
    expect(segments.filter((s) => s.keyframe)).toHaveLength(2);
  });

  it('detects keyframes from the NAL units when the muxer sets no random_access_indicator', () => {
    const stripped = Buffer.from(h264);
    for (let at = 0; at < stripped.length; at += TS_PACKET_SIZE) {
      const afc = (stripped[at + 3]! >> 4) & 3;
      if ((afc === 2 || afc === 3) && stripped[at + 4]! > 0) stripped[at + 5]! &= ~0x40;
    }
    const parser = new TsStreamParser();
    expect(feed(parser, stripped, [5000]).keyframes).toBe(2);
  });

  it('resynchronises after garbage in the stream', () => {
    const parser = new TsStreamParser();
    const garbage = Buffer.alloc(500, 0x11);
    const cut = TS_PACKET_SIZE * 40 + 77; // in the middle of a packet, like a killed writer
    const broken = Buffer.concat([h264.subarray(0, cut), garbage, h264.subarray(TS_PACKET_SIZE * 41)]);
    const { segments, frames } = feed(parser, broken, [1000]);
    const joined = Buffer.concat(segments.map((s) => s.buf));
    expect(joined.length % TS_PACKET_SIZE).toBe(0);
    expect(frames).toBeGreaterThan(95);
  });

  it('reads the PES timestamps ffprobe reads', () => {
    const parser = new TsStreamParser();
    parser.push(h264);
    const ours: number[] = [];
    for (let at = 0; at < h264.length && ours.length < 5; at += TS_PACKET_SIZE) {
      if (packetPid(h264, at) === parser.videoPid && payloadUnitStart(h264, at)) {
        ours.push(pesPts(h264, payloadOffset(h264, at), at + TS_PACKET_SIZE)!);
      }
    }
    // All packets (no -read_intervals): ffprobe then reads stdin to the end and the pipe stays whole.
    const theirs = execFileSync(
      '/usr/bin/ffprobe',
      ['-v', 'error', '-select_streams', 'v', '-show_entries', 'packet=pts', '-of', 'csv=p=0', '-i', 'pipe:0'],
      { input: h264, maxBuffer: 16 * 1024 * 1024 },
    )
      .toString()
      .split(/[\s,]+/)
      .filter(Boolean)
      .slice(0, 5)
      .map(Number);
    expect(ours).toEqual(theirs);
  });

  it('finds H.265 keyframes', () => {
    const h265 = makeTs({ codec: 'h265', seconds: 4, gop: 50 });
    const parser = new TsStreamParser();
    const { keyframes } = feed(parser, h265, [3000]);
    expect(parser.videoCodec).toBe('h265');
    expect(keyframes).toBe(2);
  });
});

describe('GopCache', () => {
  const h264 = makeTs({ codec: 'h264', seconds: 3, gop: 50 });

  it('gives a joiner in the middle of a GOP a stream that starts with a decodable keyframe', () => {
    const parser = new TsStreamParser();
    const cache = new GopCache();
    // Stop feeding 2.6 s in: the cache holds the GOP that started at 2.0 s.
    const { segments } = feed(parser, h264.subarray(0, Math.floor(h264.length * 0.87)), [4096]);
    segments.forEach((s) => cache.add(s));
    const snap = cache.snapshot(parser.pat, parser.pmt);
    expect(snap).not.toBeNull();
    const frames = probeFrames(snap!, 3);
    expect(frames[0]).toEqual({ key: true, pictType: 'I' });
    expect(frames.length).toBe(3);
  });

  it('has nothing to offer before the first keyframe and never exceeds its bound', () => {
    const parser = new TsStreamParser();
    const cache = new GopCache(64 * 1024);
    expect(cache.snapshot(parser.pat, parser.pmt)).toBeNull();
    const { segments } = feed(parser, h264, [4096]);
    for (const s of segments) {
      cache.add(s);
      expect(cache.size).toBeLessThanOrEqual(64 * 1024);
    }
  });
});
