// sim.cpu_per_camera_pct: CPU of the whole camera lab (its node process, the GStreamer process
// and any ffmpeg it starts) while a client pulls BOTH streams of every camera, per camera.
// The lab runs as `tsx src/sim/cli.ts` in its own process tree so that the clients' CPU and
// this harness's are not counted. Read from /proc/<pid>/stat (utime + stime) over 20 s windows.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { median, type BenchResult } from './types';

const CAMERAS = 16;
const WARMUP_MS = 10_000;
const WINDOW_MS = 20_000;
const WINDOWS = 2;
const CLK_TCK = 100; // Linux USER_HZ

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface CameraLine {
  name: string;
  rtspMain: string;
  rtspSub: string;
  username: string;
  password: string;
  variant: string;
}

/** pid -> [ppid, cpu ticks] for every process. */
function processTable(): Map<number, [number, number]> {
  const table = new Map<number, [number, number]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the parenthesised command name: state ppid ... utime(14) stime(15).
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(entry), [Number(rest[1]), Number(rest[11]) + Number(rest[12])]);
    } catch {
      /* process ended while reading */
    }
  }
  return table;
}

/** CPU ticks of `rootPid` and all its descendants, by pid. */
function treeTicks(rootPid: number): Map<number, number> {
  const table = processTable();
  const out = new Map<number, number>();
  const walk = (pid: number) => {
    const row = table.get(pid);
    if (!row) return;
    out.set(pid, row[1]);
    for (const [child, [ppid]] of table) if (ppid === pid) walk(child);
  };
  walk(rootPid);
  return out;
}

function commOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}

async function startLabProcess(): Promise<{ child: ChildProcess; cameras: CameraLine[] }> {
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
  const child = spawn(tsx, [path.join(root, 'src/sim/cli.ts'), '--cameras', String(CAMERAS), '--json', '--no-discovery'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const cameras: CameraLine[] = [];
  const lines = createInterface({ input: child.stdout! });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`lab exited early (${code})`)));
    lines.on('line', (line) => {
      cameras.push(JSON.parse(line) as CameraLine);
      if (cameras.length === CAMERAS) resolve();
    });
  });
  return { child, cameras };
}

function pull(url: string, user: string, password: string): ChildProcess {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-rtsp_transport', 'tcp', '-i', u.href, '-c', 'copy', '-f', 'null', '-'], {
    stdio: ['ignore', 'ignore', 'ignore'],
  });
}

export default async function simBench(): Promise<BenchResult[]> {
  const { child, cameras } = await startLabProcess();
  const clients: ChildProcess[] = [];
  try {
    for (const c of cameras) {
      if (c.variant === 'dead') continue; // nothing to pull; it still counts as a camera
      clients.push(pull(c.rtspMain, c.username, c.password), pull(c.rtspSub, c.username, c.password));
    }
    await new Promise((r) => setTimeout(r, WARMUP_MS));
    const perWindow: number[] = [];
    const byComm: Record<string, number> = {};
    for (let w = 0; w < WINDOWS; w++) {
      const before = treeTicks(child.pid!);
      const t0 = performance.now();
      await new Promise((r) => setTimeout(r, WINDOW_MS));
      const after = treeTicks(child.pid!);
      const seconds = (performance.now() - t0) / 1000;
      let ticks = 0;
      for (const [pid, end] of after) {
        const d = end - (before.get(pid) ?? 0);
        ticks += d;
        const comm = commOf(pid);
        byComm[comm] = (byComm[comm] ?? 0) + ((d / CLK_TCK / seconds) * 100) / WINDOWS;
      }
      perWindow.push(((ticks / CLK_TCK / seconds) * 100) / CAMERAS);
    }
    const alive = clients.filter((c) => c.exitCode === null).length;
    return [
      {
        name: 'sim.cpu_per_camera_pct',
        value: Math.round(median(perWindow) * 100) / 100,
        unit: '% of one core per camera',
        target: 6,
        better: 'lower',
        extra: {
          cameras: CAMERAS,
          windows: perWindow.map((v) => Math.round(v * 100) / 100),
          windowSeconds: WINDOW_MS / 1000,
          clients: clients.length,
          clientsStillPulling: alive,
          labTotalPctByProcess: Object.fromEntries(Object.entries(byComm).map(([k, v]) => [k, Math.round(v * 10) / 10])),
        },
      },
    ];
  } finally {
    for (const c of clients) c.kill('SIGKILL');
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
  }
}
