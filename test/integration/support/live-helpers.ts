// Helpers for the live tests: ffmpeg children seen through /proc, a recording subscriber, waits.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
    waitState: <S extends LiveState['state']>(state: S, timeoutMs?: number) =>
      waitFor(
        `state ${state} (have ${JSON.stringify(states.slice(-3))})`,
        () => {
          const s = states[states.length - 1];
          return s && s.state === state ? (s as Extract<LiveState, { state: S }>) : null;
        },
        timeoutMs,
      ),
  };
  return r;
}

/** ffprobe's reading of a TS buffer: codec and the first frames. */
export function probeTs(ts: Buffer): { codec: string; frames: Array<{ key: boolean; type: string }> } {
  // Through a file: ffprobe stops after 5 frames, and a stdin pipe would then break (EPIPE).
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wf-probe-'));
  const file = path.join(dir, 'in.ts');
  writeFileSync(file, ts);
  let out: string;
  try {
    out = execFileSync(
      '/usr/bin/ffprobe',
      [
        '-v',
        'error',
        '-select_streams',
        'v:0',
        '-show_entries',
        'stream=codec_name:frame=key_frame,pict_type',
        '-show_frames',
        '-read_intervals',
        '%+#5',
        '-of',
        'json',
        file,
      ],
      { maxBuffer: 32 * 1024 * 1024 },
    ).toString();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const j = JSON.parse(out) as { streams?: Array<{ codec_name: string }>; frames?: Array<{ key_frame: number; pict_type: string }> };
  return {
    codec: j.streams?.[0]?.codec_name ?? 'none',
    frames: (j.frames ?? []).map((f) => ({ key: f.key_frame === 1, type: f.pict_type })),
  };
}
