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
