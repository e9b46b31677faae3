// ffmpeg for evidence: MPEG-TS bytes fed on stdin → MP4 by stream copy (no re-encode; the index
// moved to the front, "faststart", so it plays in a browser and in VLC at once); a labelled copy
// with camera name and time burned in (re-encoded, said so in its name and the manifest); stills.
// Argument arrays, never a shell; output names carry the `file:` prefix so that no character in a
// path can make ffmpeg read it as another protocol.
import { spawn, type ChildProcess } from 'node:child_process';
import { redact } from '../log/logger';

export class FfmpegFailed extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
  }
}

function run(ffmpegPath: string, args: string[], env?: NodeJS.ProcessEnv): { child: ChildProcess; done: Promise<void> } {
  const child = spawn(ffmpegPath, args, { stdio: ['pipe', 'ignore', 'pipe'], shell: false, windowsHide: true, env: env ?? process.env });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => {
    err = (err + d.toString()).slice(-4000);
  });
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', (e) => reject(new FfmpegFailed(e.message, null)));
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new FfmpegFailed(
            redact(err.trim().split('\n').slice(-3).join(' | ')) || `ffmpeg exited ${code ?? signal}`,
            /No space left/i.test(err) ? 'ENOSPC' : null,
          ),
        );
    });
  });
  return { child, done };
}

export interface Mp4Writer {
  write(buf: Buffer): Promise<void>;
  /** Closes the input and waits for ffmpeg to finish the file. */
  end(): Promise<void>;
  kill(): void;
}

export function mp4Writer(ffmpegPath: string, outFile: string, creationTimeIso: string): Mp4Writer {
  // prettier-ignore
  const { child, done } = run(ffmpegPath, [
    '-hide_banner', '-nostdin', '-loglevel', 'error',
    '-f', 'mpegts', '-i', 'pipe:0',
    '-map', '0:v:0', '-c', 'copy',
    '-movflags', '+faststart',
    '-metadata', `creation_time=${creationTimeIso}`,
    '-f', 'mp4', '-y', `file:${outFile}`,
  ]);
  let failed: Error | null = null;
  let exited = false;
  done.catch((e: Error) => (failed = e)).finally(() => (exited = true));
  child.stdin!.on('error', () => undefined); // EPIPE when ffmpeg failed: reported by `done`
  return {
    async write(buf) {
      if (failed) throw failed;
      if (exited) throw new FfmpegFailed('ffmpeg exited early', null);
      // Wait for room in the pipe, or for ffmpeg to end (killed, failed): a pipe nobody reads never drains.
      if (!child.stdin!.write(buf))
        await Promise.race([new Promise<void>((r) => child.stdin!.once('drain', () => r())), done.catch(() => undefined)]);
      if (failed) throw failed;
    },
    async end() {
      child.stdin!.end();
      await done;
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** The label file's text: drawtext expands it (`\\` escapes a character), two lines. */
export function burnInText(label: string, startEpochSec: number): string {
  const literal = label.replace(/[\\%]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' ');
  return `${literal}\n%{pts:localtime:${startEpochSec.toFixed(3)}:%Y-%m-%d %H\\:%M\\:%S}`;
}

/** A path as a filter option value: escaped for the option parser, then for the filtergraph's. */
function filterPath(p: string): string {
  const option = p.replace(/\\/g, '/').replace(/[\\':]/g, (c) => `\\${c}`);
  return option.replace(/[\\'[\],;]/g, (c) => `\\${c}`);
}

/**
 * A re-encoded copy with the camera's name and the date and time (console's zone, from each
 * frame's own timestamp) burned in at the top left. `labelFile` holds burnInText().
 */
export async function burnIn(
  ffmpegPath: string,
  input: string,
  outFile: string,
  o: { labelFile: string; timeZone: string; signal: AbortSignal },
): Promise<void> {
  const vf = `drawtext=fontcolor=white:fontsize=h/24:box=1:boxcolor=black@0.6:boxborderw=6:line_spacing=6:x=12:y=12:textfile=${filterPath(o.labelFile)}`;
  // prettier-ignore
  const { child, done } = run(ffmpegPath, [
    '-hide_banner', '-nostdin', '-loglevel', 'error',
    '-i', `file:${input}`,
    '-map', '0:v:0', '-vf', vf,
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p',
    '-movflags', '+faststart', '-metadata', 'comment=Re-encoded copy with camera name and time burned in (not the original stream)',
    '-f', 'mp4', '-y', `file:${outFile}`,
  ], { ...process.env, TZ: o.timeZone });
  child.stdin!.end();
  const onAbort = () => child.kill('SIGKILL');
  o.signal.addEventListener('abort', onAbort, { once: true });
  try {
    await done;
  } finally {
    o.signal.removeEventListener('abort', onAbort);
  }
}

/** A PNG of the frame at `offsetSec` into the MP4 (full resolution). */
export async function still(ffmpegPath: string, input: string, offsetSec: number, outFile: string): Promise<void> {
  // prettier-ignore
  const { child, done } = run(ffmpegPath, [
    '-hide_banner', '-nostdin', '-loglevel', 'error',
    '-ss', Math.max(0, offsetSec).toFixed(3), '-i', `file:${input}`,
    '-frames:v', '1', '-f', 'image2', '-update', '1', '-y', `file:${outFile}`,
  ]);
  child.stdin!.end();
  await done;
}
