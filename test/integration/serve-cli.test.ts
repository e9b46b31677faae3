// The serve command as a user types it: clear one-line messages for the usual mistakes, in the
// terminal's language, and a non-zero exit.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wf-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runServe(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/core/serve/cli.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, WATCHFLOOR_LOG: 'error', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.includes('http://')) child.kill('SIGTERM');
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run serve', () => {
  it('prints the URL it serves', async () => {
    const r = await runServe(['--port', '0', '--data-dir', path.join(dir, 'ok')]);
    expect(r.stdout).toMatch(/Watchfloor is running at http:\/\/127\.0\.0\.1:\d+\//);
  });

  it('names a port that is already in use, in English and in Vietnamese', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const en = await runServe(['--port', String(port), '--data-dir', path.join(dir, 'p')], { LANG: 'en_GB.UTF-8', LC_ALL: '' });
      expect(en.code).toBe(1);
      expect(en.stderr).toContain(`Port ${port} is already in use`);
      const vi = await runServe(['--port', String(port), '--data-dir', path.join(dir, 'p')], { LANG: 'vi_VN.UTF-8', LC_ALL: '' });
      expect(vi.stderr).toContain(`Cổng ${port}`);
    } finally {
      blocker.close();
    }
  });

  it('names a data folder it cannot write', async () => {
    const file = path.join(dir, 'plain-file');
    writeFileSync(file, 'x');
    const r = await runServe(['--port', '0', '--data-dir', path.join(file, 'data')], { LANG: 'en_GB.UTF-8', LC_ALL: '' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`The data folder ${path.join(file, 'data')} cannot be written`);
  });

  it('explains a wrong option', async () => {
    const r = await runServe(['--prot', '80'], { LANG: 'en_GB.UTF-8', LC_ALL: '' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Unknown or incomplete option: --prot');
  });
});
