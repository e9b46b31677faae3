// Test helper: real MPEG-TS made by the real ffmpeg (lavfi test source), never hand-made bytes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const TEST_FFMPEG = process.env.FFMPEG_PATH || '/usr/bin/ffmpeg';

export interface MakeTsOptions {
  codec?: 'h264' | 'h265';
  seconds?: number;
  fps?: number;
  gop?: number;
  size?: string;
}

export function makeTs(options: MakeTsOptions = {}): Buffer {
  const { codec = 'h264', seconds = 4, fps = 25, gop = 50, size = '320x240' } = options;
  // prettier-ignore
  const encoder =
    codec === 'h264'
      ? ['-c:v', 'libx264', '-preset', 'ultrafast', '-bf', '0', '-g', String(gop), '-sc_threshold', '0']
      : ['-c:v', 'libx265', '-preset', 'ultrafast', '-x265-params', `keyint=${gop}:min-keyint=${gop}:scenecut=0:log-level=error`];
  // prettier-ignore
  return execFileSync(
    TEST_FFMPEG,
    [
      '-hide_banner', '-loglevel', 'error',
      '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=${fps}`,
      '-t', String(seconds), '-pix_fmt', 'yuv420p', ...encoder,
      '-f', 'mpegts', 'pipe:1',
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
}

/** ffprobe's view of the first frames of a TS buffer: [{key, pictType}]. */
export function probeFrames(ts: Buffer, count = 3): Array<{ key: boolean; pictType: string }> {
  // Through a file, not stdin: ffprobe stops reading after `count` frames, and a pipe then breaks.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wf-probe-'));
  const file = path.join(dir, 'in.ts');
  writeFileSync(file, ts);
  try {
    // prettier-ignore
    const out = execFileSync(
      TEST_FFMPEG.replace(/ffmpeg$/, 'ffprobe'),
      ['-v', 'error', '-select_streams', 'v:0', '-show_frames', '-read_intervals', `%+#${count}`,
        '-show_entries', 'frame=key_frame,pict_type', '-of', 'csv=p=0', file],
      { maxBuffer: 16 * 1024 * 1024 },
    ).toString();
    return out
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [key, pict] = line.split(',');
        return { key: key === '1', pictType: pict ?? '' };
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A multi-slice stream whose keyframes reach the muxer as one PES per slice, each slice preceded
 * by SPS and PPS again, as some cameras send them: libx264 `slices=4`, headers repeated before each
 * keyframe slice, remuxed by ffmpeg (whose parser then cuts every keyframe into four packets).
 * `frames`: the real frame count (slices starting at macroblock 0).
 */
export function makeSplitKeyframeTs(seconds = 2, gop = 25): { ts: Buffer; frames: number; keyframes: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wf-split-'));
  try {
    // prettier-ignore
    const es = execFileSync(TEST_FFMPEG, [
      '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `testsrc2=size=320x240:rate=25`, '-t', String(seconds),
      '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-preset', 'ultrafast', '-bf', '0', '-g', String(gop),
      '-x264-params', 'slices=4:repeat-headers=1', '-f', 'h264', 'pipe:1',
    ], { maxBuffer: 64 * 1024 * 1024 });
    const nals: Buffer[] = [];
    let start = -1;
    for (let i = 0; i + 2 < es.length; i++) {
      if (es[i] === 0 && es[i + 1] === 0 && es[i + 2] === 1) {
        if (start >= 0) nals.push(es.subarray(start, es[i - 1] === 0 ? i - 1 : i));
        start = i + 3;
        i += 2;
      }
    }
    if (start >= 0) nals.push(es.subarray(start));
    const sps = nals.find((n) => (n[0]! & 0x1f) === 7)!;
    const pps = nals.find((n) => (n[0]! & 0x1f) === 8)!;
    const sc = Buffer.from([0, 0, 0, 1]);
    const parts: Buffer[] = [];
    let frames = 0;
    let keyframes = 0;
    for (const n of nals) {
      const type = n[0]! & 0x1f;
      if (type === 7 || type === 8) continue;
      if (type === 5) parts.push(sc, sps, sc, pps);
      if ((type === 1 || type === 5) && (n[1]! & 0x80) !== 0) {
        frames++;
        if (type === 5) keyframes++;
      }
      parts.push(sc, n);
    }
    const file = path.join(dir, 'split.h264');
    writeFileSync(file, Buffer.concat(parts));
    // prettier-ignore
    const ts = execFileSync(TEST_FFMPEG, ['-hide_banner', '-loglevel', 'error', '-f', 'h264', '-framerate', '25', '-i', file,
      '-c', 'copy', '-omit_video_pes_length', '0', '-f', 'mpegts', 'pipe:1'], { maxBuffer: 64 * 1024 * 1024 });
    return { ts, frames, keyframes };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
