// Finds the ffmpeg and ffprobe binaries. Order (issue 4): FFMPEG_PATH, then `ffmpeg` on PATH, then the
// binary shipped by the @ffmpeg-installer/ffmpeg npm package. The npm build is from 2018 (ffmpeg 4.x),
// so callers must not assume a modern ffmpeg: see capabilities.ts.
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppError } from '../../../shared/errors';

export interface FfmpegLocation {
  ffmpegPath: string;
  /** ffprobe beside ffmpeg or on PATH; null when there is none (the npm package ships only ffmpeg). */
  ffprobePath: string | null;
  source: 'env' | 'path' | 'npm';
}

export interface LocateOptions {
  env?: NodeJS.ProcessEnv;
  /** Overrides the npm package lookup (tests). Returns a path or null. */
  npmBinary?: () => string | null;
}

function isExecutable(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | null {
  const exe = process.platform === 'win32' ? `${name}.exe` : name;
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, exe);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

function npmInstallerBinary(): string | null {
  try {
    // The package throws plain strings when its platform binary is absent; any throw means "none".
    const mod = createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path?: string };
    return mod.path && isExecutable(mod.path) ? mod.path : null;
  } catch {
    return null;
  }
}

function probeBeside(ffmpegPath: string, env: NodeJS.ProcessEnv): string | null {
  const dir = path.dirname(ffmpegPath);
  const base = path.basename(ffmpegPath).replace(/ffmpeg/i, 'ffprobe');
  const beside = path.join(dir, base);
  if (beside !== ffmpegPath && isExecutable(beside)) return beside;
  return onPath('ffprobe', env);
}

/** Throws AppError('ffmpeg_missing') with the places it looked when no ffmpeg is found. */
export function locateFfmpeg(options: LocateOptions = {}): FfmpegLocation {
  const env = options.env ?? process.env;
  const fromEnv = env.FFMPEG_PATH;
  if (fromEnv) {
    // An explicit setting that points nowhere is a configuration mistake: say so, do not fall back.
    if (!isExecutable(fromEnv)) throw new AppError('ffmpeg_missing', { tried: `FFMPEG_PATH=${fromEnv}` });
    return { ffmpegPath: fromEnv, ffprobePath: env.FFPROBE_PATH || probeBeside(fromEnv, env), source: 'env' };
  }
  const fromPath = onPath('ffmpeg', env);
  if (fromPath) return { ffmpegPath: fromPath, ffprobePath: probeBeside(fromPath, env), source: 'path' };
  const fromNpm = (options.npmBinary ?? npmInstallerBinary)();
  if (fromNpm) return { ffmpegPath: fromNpm, ffprobePath: probeBeside(fromNpm, env), source: 'npm' };
  throw new AppError('ffmpeg_missing', { tried: 'FFMPEG_PATH, PATH, @ffmpeg-installer/ffmpeg' });
}
