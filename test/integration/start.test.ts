// `npm start` on a machine without Electron's binary: one clear line, then serve mode's URL.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'wf-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const electronInstalled = (() => {
  try {
    const pkgDir = path.join(ROOT, 'node_modules/electron');
    return existsSync(path.join(pkgDir, 'path.txt'));
  } catch {
    return false;
  }
})();

describe.skipIf(electronInstalled)('npm start without Electron', () => {
  it('says Electron is missing and prints the serve URL', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts/start.mjs'), '--port', '0', '--data-dir', dir], {
      cwd: ROOT,
      env: { ...process.env, LANG: 'en_GB.UTF-8', LC_ALL: '', WATCHFLOOR_LOG: 'error' },
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL in time: ${out}`)), 90_000);
      child.stdout.on('data', (d) => {
        out += d;
        if (/http:\/\/127\.0\.0\.1:\d+\//.test(out)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    expect(out).toContain('Electron is not installed on this machine, so Watchfloor starts in serve mode');
    expect(out).toMatch(/Watchfloor is running at http:\/\/127\.0\.0\.1:\d+\//);
  }, 120_000);
});
