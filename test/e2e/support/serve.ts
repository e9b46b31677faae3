// Starts serve mode (the built out/main/serve.js) as a real child process on a free port with a
// fresh data dir, and stops it afterwards. Used by the e2e fixtures and the benchmarks.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The administrator every test core starts with (WATCHFLOOR_INIT_ADMIN), unless told not to. */
export const ADMIN = { username: 'admin', password: 'e2e-admin-password' };

export interface ServeProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  stderr(): string;
  /** `keepData`: leave the data dir for a core started on it next (a restart). */
  stop(opts?: { keepData?: boolean }): Promise<void>;
}

export async function startServe(
  opts: { dataDir?: string; port?: number; env?: NodeJS.ProcessEnv; args?: string[]; firstStart?: boolean } = {},
): Promise<ServeProcess> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'wf-e2e-'));
  const ownsDir = !opts.dataDir;
  const child = spawn(process.execPath, [path.join(ROOT, 'out/main/serve.js'), '--port', String(opts.port ?? 0), '--data-dir', dataDir, ...(opts.args ?? [])], {
    cwd: ROOT,
    env: {
      ...process.env,
      // Every answer is checked against the contract while testing.
      WATCHFLOOR_CHECK_OUTPUTS: '1',
      ...(opts.firstStart ? {} : { WATCHFLOOR_INIT_ADMIN: `${ADMIN.username}:${ADMIN.password}` }),
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${err}`)), 30_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /(http:\/\/\S+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${err}`));
    });
  });
  return {
    url,
    dataDir,
    child,
    stderr: () => err,
    async stop(stopOpts = {}) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      if (ownsDir && !stopOpts.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
