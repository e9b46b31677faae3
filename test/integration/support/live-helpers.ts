// Helpers for the live tests: ffmpeg children seen through /proc, a recording subscriber, waits.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { LiveState, LiveSubscriber } from '../../../src/core/media/live/types';

export interface ProcInfo {
  pid: number;
  ppid: number;
  argv: string[];
}

export function processInfo(pid: number): ProcInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { pid, ppid, argv };
  } catch {
    return null;
  }
}

export function isAlive(pid: number): boolean {
  const info = processInfo(pid);
  if (!info) return false;
  // A zombie (exited, not yet reaped by its parent) counts as gone.
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Live ffmpeg processes whose parent is `parent` (default: this process). */
export function ffmpegChildren(parent = process.pid): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const info = processInfo(Number(name));
    if (info && info.ppid === parent && /ffmpeg$/.test(info.argv[0] ?? '') && isAlive(info.pid)) out.push(info);
  }
  return out;
}

export async function waitFor<T>(what: string, fn: () => T | null | undefined | false, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface Recorder {
  sub: LiveSubscriber;
  states: LiveState[];
  chunks: Buffer[];
  /** Chunks received synchronously inside subscribe() (the GOP cache). */
  bytes(): Buffer;
  last(): LiveState | undefined;
  waitState<S extends LiveState['state']>(state: S, timeoutMs?: number): Promise<Extract<LiveState, { state: S }>>;
}

export function recorder(): Recorder {
  const states: LiveState[] = [];
  const chunks: Buffer[] = [];
  const r: Recorder = {
    sub: { data: (c) => chunks.push(c), state: (s) => states.push(s) },
    states,
    chunks,
    bytes: () => Buffer.concat(chunks),
    last: () => states[states.length - 1],
    waitState: (state, timeoutMs) =>
      waitFor(`state ${state} (have ${JSON.stringify(states.slice(-3))})`, () => {
        const s = states[states.length - 1];
        return s && s.state === state ? (s as never) : null;
      }, timeoutMs),
  };
  return r;
}

/** ffprobe's reading of a TS buffer: codec and the first frames. */
export function probeTs(ts: Buffer): { codec: string; frames: Array<{ key: boolean; type: string }> } {
  const out = execFileSync(
    '/usr/bin/ffprobe',
    ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name:frame=key_frame,pict_type',
      '-show_frames', '-read_intervals', '%+#5', '-of', 'json', '-i', 'pipe:0'],
    { input: ts, maxBuffer: 32 * 1024 * 1024 },
  ).toString();
  const j = JSON.parse(out) as { streams?: Array<{ codec_name: string }>; frames?: Array<{ key_frame: number; pict_type: string }> };
  return {
    codec: j.streams?.[0]?.codec_name ?? 'none',
    frames: (j.frames ?? []).map((f) => ({ key: f.key_frame === 1, type: f.pict_type })),
  };
}
