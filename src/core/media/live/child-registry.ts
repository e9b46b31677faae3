// No orphan ffmpeg. Four layers, because each alone has a gap:
// 1. ffmpeg dies of SIGPIPE/EPIPE when our end of its stdout closes — but only when it next writes,
//    and a stalled camera means no writes until the RTSP timeout.
// 2. On Linux we start ffmpeg through `setpriv --pdeathsig KILL`, so the kernel kills it the moment
//    the process (thread) that spawned it dies, even by SIGKILL.
// 3. Exit hooks (exit-hooks.ts) kill children on a normal exit, SIGINT and SIGTERM.
// 4. A pid file per child in the runtime dir; the next start reaps leftovers whose pid still names
//    the same process (same start time in /proc/<pid>/stat, argv[0] is an ffmpeg).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../log/logger';
import { registerExitKill } from './exit-hooks';

const SETPRIV = '/usr/bin/setpriv';

/** Start time of a process in clock ticks since boot (/proc/<pid>/stat field 22), or null. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and ')': fields after the last ')' are safe.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function processArgv0(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? null;
  } catch {
    return null;
  }
}

interface PidRecord {
  pid: number;
  startTime: string | null;
  tag: string;
}

export interface ChildRegistryOptions {
  runtimeDir: string;
  logger: Logger;
  /** Use setpriv --pdeathsig when available (Linux). Default true. */
  deathSignal?: boolean;
}

export class ChildRegistry {
  private readonly dir: string;
  private readonly children = new Set<ChildProcess>();
  private readonly unhook: () => void;
  private readonly useSetpriv: boolean;

  constructor(private readonly opts: ChildRegistryOptions) {
    this.dir = path.join(opts.runtimeDir, 'ffmpeg-pids');
    mkdirSync(this.dir, { recursive: true });
    this.useSetpriv = (opts.deathSignal ?? true) && process.platform === 'linux' && existsSync(SETPRIV);
    this.unhook = registerExitKill(() => this.killAllSync());
  }

  /** Kills ffmpegs a previous run left behind. Returns how many were killed. */
  reapLeftovers(): number {
    let killed = 0;
    for (const name of readdirSync(this.dir)) {
      const file = path.join(this.dir, name);
      try {
        const rec = JSON.parse(readFileSync(file, 'utf8')) as PidRecord;
        const argv0 = processArgv0(rec.pid);
        const same = rec.startTime !== null && processStartTime(rec.pid) === rec.startTime;
        if (same && argv0 && /ffmpeg/i.test(path.basename(argv0))) {
          process.kill(rec.pid, 'SIGKILL');
          killed++;
          this.opts.logger.warn('killed a leftover ffmpeg from an earlier run', { pid: rec.pid, tag: rec.tag });
        }
      } catch {
        // Unreadable record or the process is gone: nothing to do but drop the file.
      }
      rmSync(file, { force: true });
    }
    return killed;
  }

  /** Spawns without a shell and records the child until it exits. */
  spawn(file: string, args: string[], tag: string): ChildProcess {
    const [cmd, argv] = this.useSetpriv ? [SETPRIV, ['--pdeathsig', 'KILL', '--', file, ...args]] : [file, args];
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], shell: false, windowsHide: true });
    const pid = child.pid;
    if (pid === undefined) return child; // spawn failed; the 'error' event tells the caller
    this.children.add(child);
    const record = path.join(this.dir, `${pid}.json`);
    const rec: PidRecord = { pid, startTime: processStartTime(pid), tag };
    try {
      writeFileSync(record, JSON.stringify(rec));
    } catch (err) {
      this.opts.logger.warn('could not write pid file', { err: String(err) });
    }
    child.once('exit', () => {
      this.children.delete(child);
      rmSync(record, { force: true });
    });
    return child;
  }

  get count(): number {
    return this.children.size;
  }

  killAllSync(): void {
    for (const child of this.children) {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  dispose(): void {
    this.killAllSync();
    this.unhook();
  }
}
