// Starts test/integration/support/rtsp_source.py (GStreamer gst-rtsp-server) for the live tests.
// Debian's /usr/bin/python3 has the gi bindings; the `python3` on PATH here may be a pyenv without.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'rtsp_source.py');

export interface RtspSource {
  port: number;
  /** rtsp://127.0.0.1:<port>/<path> without credentials. */
  url(p: 'h264' | 'h265' | 'mjpeg' | string): string;
  /** Kills the server (every client's stream ends). */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  /** SIGSTOP / SIGCONT: connections stay open but nothing flows (a hung camera). */
  freeze(): void;
  thaw(): void;
}

export async function startRtspSource(opts: { user: string; password: string; size?: string; port?: number }): Promise<RtspSource> {
  let child: ChildProcess | null = null;
  let port = opts.port ?? 0;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      // setpriv --pdeathsig: the server dies with the test process, even when a run is killed.
      const c = spawn(
        '/usr/bin/setpriv',
        ['--pdeathsig', 'KILL', '--', '/usr/bin/python3', script, String(port), opts.user, opts.password, opts.size ?? '320x240'],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
          // Do not rescan plugins at start: with other GStreamer users on the machine (the camera lab)
          // a registry rebuild has held a start for over a minute.
          env: { ...process.env, GST_REGISTRY_UPDATE: 'no' },
        },
      );
      child = c;
      let err = '';
      let out = '';
      c.stderr!.on('data', (d: Buffer) => (err += d.toString()));
      c.stdout!.on('data', (d: Buffer) => {
        out += d.toString(); // a line may come in pieces
        const m = /READY (\d+)\n/.exec(out);
        if (m) {
          port = Number(m[1]);
          resolve();
        }
      });
      c.once('exit', (code) => reject(new Error(`rtsp source exited ${code}: ${err}`)));
      // GStreamer rebuilds its plugin registry on a first run, which can take long; never hang.
      const timer = setTimeout(() => {
        c.kill('SIGKILL');
        reject(new Error(`rtsp source not ready after 45 s: ${err}`));
      }, 45_000);
      c.stdout!.on('data', () => {
        if (/READY \d+\n/.test(out)) clearTimeout(timer);
      });
    });
  const stop = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGKILL');
    });
  };
  await start();
  const signal = (sig: NodeJS.Signals) => {
    const c = child as ChildProcess | null;
    if (c?.pid) process.kill(c.pid, sig);
  };
  return {
    get port() {
      return port;
    },
    url: (p) => `rtsp://127.0.0.1:${port}/${p}`,
    stop,
    start,
    freeze: () => signal('SIGSTOP'),
    thaw: () => signal('SIGCONT'),
  };
}
