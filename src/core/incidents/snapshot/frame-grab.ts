// One frame as a JPEG, by ffmpeg (an argument array, never a shell): either from the relay's GOP
// cache written to a file of ours, or straight from the camera's RTSP main stream. The same input
// whitelists as the live relay (ffmpeg-args.ts): an RTSP URL reaches tcp/udp/rtp/tls only, and the
// GOP file is opened as MPEG-TS through `file` only.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { redact } from '../../log/logger';
import { checkSource, inputWhitelists } from '../../media/live/ffmpeg-args';
import type { ChildRegistry } from '../../media/live/child-registry';
import type { LiveSource } from '../../media/live/types';
import { TsStreamParser } from '../../media/ts/ts-parser';

const MAX_JPEG_BYTES = 32 * 1024 * 1024;

/** Frames in a TS buffer (the GOP cache: PAT + PMT + keyframe + what followed). */
export function countFrames(ts: Buffer): number {
  return new TsStreamParser().push(ts).frames;
}

function run(children: ChildRegistry, ffmpeg: string, args: string[], timeoutMs: number, tag: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = children.spawn(ffmpeg, args, tag);
    const out: Buffer[] = [];
    let size = 0;
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout!.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_JPEG_BYTES) child.kill('SIGKILL');
      else out.push(c);
    });
    child.stderr!.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-2000)));
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new AppError('ffmpeg_missing', {}, { cause: e }));
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      const jpeg = Buffer.concat(out);
      if (code === 0 && jpeg.length > 0) resolve(jpeg);
      else reject(new AppError('snapshot_failed', { reason: redact(err.trim().split('\n').pop() ?? `exit ${code}`).slice(0, 200) }));
    });
  });
}

// prettier-ignore
const JPEG_OUT = ['-map', '0:v:0', '-an', '-sn', '-dn', '-frames:v', '1', '-c:v', 'mjpeg', '-q:v', '2', '-f', 'image2pipe', 'pipe:1'];

/** The newest frame of a GOP: every frame is decoded (they depend on each other), the last encoded. */
export async function frameFromGop(children: ChildRegistry, ffmpeg: string, gop: Buffer, workDir: string, timeoutMs = 10_000): Promise<Buffer> {
  const dir = mkdtempSync(path.join(workDir, 'gop-'));
  const file = path.join(dir, 'gop.ts');
  try {
    writeFileSync(file, gop);
    const last = Math.max(0, countFrames(gop) - 1);
    // prettier-ignore
    const args = [
      '-hide_banner', '-nostdin', '-loglevel', 'error',
      '-protocol_whitelist', 'file', '-format_whitelist', 'mpegts',
      '-f', 'mpegts', '-i', file,
      '-vf', `select=gte(n\\,${last})`, '-vsync', '0',
      ...JPEG_OUT,
    ];
    return await run(children, ffmpeg, args, timeoutMs, 'snapshot.gop');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One frame of the camera's RTSP stream (a keyframe can take a GOP to arrive). */
export async function frameFromRtsp(
  children: ChildRegistry,
  ffmpeg: string,
  source: LiveSource,
  timeoutOption: 'timeout' | 'stimeout',
  timeoutMs = 12_000,
): Promise<Buffer> {
  const checked = checkSource(source);
  if (!checked.ok) throw new AppError('bad_request', { field: 'url', problem: checked.problem });
  const guard = inputWhitelists(checked.scheme, source.transport);
  if (!guard) throw new AppError('bad_request', { field: 'url', problem: 'url_scheme' });
  // prettier-ignore
  const args = [
    '-hide_banner', '-nostdin', '-loglevel', 'error',
    '-rtsp_transport', source.transport,
    '-protocol_whitelist', guard.protocols, '-format_whitelist', guard.formats,
    `-${timeoutOption}`, '5000000',
    '-i', checked.url,
    ...JPEG_OUT,
  ];
  return run(children, ffmpeg, args, timeoutMs, 'snapshot.rtsp');
}
