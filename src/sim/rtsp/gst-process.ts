// The lab's one Python/GStreamer process (rtsp_server.py), driven over stdin/stdout JSON lines.
// One process for all cameras: one GLib loop costs far less than one interpreter per camera.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
// From source (tsx) the script sits beside this file; in the built app (out/main, where the demo
// site runs it) the build copies the Python files to out/main/sim-rtsp.
export const RTSP_SERVER_SCRIPT =
  [path.join(here, 'rtsp_server.py'), path.join(here, 'sim-rtsp', 'rtsp_server.py'), path.join(here, '..', 'sim-rtsp', 'rtsp_server.py')].find((f) =>
    existsSync(f),
  ) ?? path.join(here, 'rtsp_server.py');

/** Debian packages the RTSP side needs (also printed when something is missing). */
export const GST_DEBIAN_PACKAGES = [
  'python3-gi',
  'gir1.2-gstreamer-1.0',
  'gir1.2-gst-rtsp-server-1.0',
  'gstreamer1.0-rtsp',
  'gstreamer1.0-plugins-base',
  'gstreamer1.0-plugins-good',
  'gstreamer1.0-plugins-bad',
  'gstreamer1.0-plugins-ugly',
  'gstreamer1.0-x',
  'gstreamer1.0-libav',
];

/** Debian's python has `gi`; a pyenv `python3` on PATH does not (context: design.md camera lab). */
export function gstPython(): string {
  return process.env.WATCHFLOOR_SIM_PYTHON ?? '/usr/bin/python3';
}

export interface AddCameraRequest {
  name: string;
  index: number;
  host: string;
  port: number;
  codec: 'h264' | 'h265' | 'mjpeg';
  live: boolean;
  /** Frames per second really sent (looped clips; default 25). */
  fps?: number;
  /** Live PTZ cameras show a window over a larger scene, moved by the PTZ position. */
  ptz: boolean;
  username: string;
  password: string;
  cacheDir: string;
}

type Reply = { id: number; ok: boolean; error?: string } & Record<string, unknown>;

export class GstProcess {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  private exited = false;
  private readonly exitPromise: Promise<void>;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    this.exitPromise = new Promise((resolve) => {
      child.once('exit', () => {
        this.exited = true;
        for (const p of this.pending.values()) p.reject(new Error('RTSP process exited'));
        this.pending.clear();
        resolve();
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  static async start(): Promise<GstProcess> {
    const python = gstPython();
    if (!existsSync(python)) {
      throw new Error(`camera lab: ${python} not found; install Debian packages: ${GST_DEBIAN_PACKAGES.join(' ')}`);
    }
    const child = spawn(python, ['-u', RTSP_SERVER_SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    const proc = new GstProcess(child);
    let stderrTail = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderrTail = (stderrTail + chunk.toString()).slice(-4000);
      if (process.env.WATCHFLOOR_SIM_DEBUG) process.stderr.write(chunk);
    });
    const lines = createInterface({ input: child.stdout });
    const hello = new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`RTSP process exited (${code}) before ready: ${stderrTail}`)));
      lines.on('line', (line) => {
        let msg: Record<string, unknown>;
        try {
          msg = JSON.parse(line) as Record<string, unknown>;
        } catch {
          return; // stray output from a library: not ours
        }
        if (msg.event === 'hello') resolve();
        else if (msg.event === 'fatal') {
          const pkgs = (msg.packages as string[] | undefined) ?? GST_DEBIAN_PACKAGES;
          reject(new Error(`camera lab: ${String(msg.message)}; install Debian packages: ${pkgs.join(' ')}`));
        } else if (typeof msg.id === 'number') proc.settle(msg as Reply);
      });
    });
    try {
      await hello;
    } catch (err) {
      await proc.dispose();
      throw err;
    }
    return proc;
  }

  private settle(reply: Reply): void {
    const waiter = this.pending.get(reply.id);
    if (!waiter) return;
    this.pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply);
    else waiter.reject(new Error(`RTSP process: ${reply.error ?? 'failed'}`));
  }

  request(cmd: string, args: Record<string, unknown> = {}): Promise<Reply> {
    if (this.exited) return Promise.reject(new Error('RTSP process is not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.stdin.write(JSON.stringify({ id, cmd, ...args }) + '\n');
    });
  }

  async addCamera(req: AddCameraRequest): Promise<number> {
    const reply = await this.request('add', { ...req });
    return reply.port as number;
  }

  /** Asks the process to quit, then SIGTERM, then SIGKILL: nothing may be left behind. */
  async dispose(): Promise<void> {
    if (this.exited) return;
    const timeout = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());
    try {
      this.child.stdin.end(JSON.stringify({ id: 0, cmd: 'quit' }) + '\n');
    } catch {
      /* stdin already closed */
    }
    await Promise.race([this.exitPromise, timeout(3000)]);
    if (!this.exited) this.child.kill('SIGTERM');
    await Promise.race([this.exitPromise, timeout(2000)]);
    if (!this.exited) this.child.kill('SIGKILL');
    await this.exitPromise;
  }
}
