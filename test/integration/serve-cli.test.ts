// The serve command as a user types it: clear one-line messages for the usual mistakes, in the
// terminal's language, and a non-zero exit.
import { spawn, spawnSync } from 'node:child_process';
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
      if (/https?:\/\//.test(stdout) && stdout.includes('running at')) child.kill('SIGTERM');
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

  it('refuses to listen beyond loopback without TLS, unless the LAN is declared trusted', async () => {
    const r = await runServe(['--host', '0.0.0.0', '--port', '0', '--data-dir', path.join(dir, 'lan')], { LANG: 'en_GB.UTF-8', LC_ALL: '' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Refusing to listen on 0.0.0.0 without TLS');
    const trusted = await runServe(['--host', '0.0.0.0', '--port', '0', '--insecure-lan', '--data-dir', path.join(dir, 'lan')]);
    expect(trusted.stdout).toMatch(/running at http:\/\//);
  });

  it('serves HTTPS with a certificate and key, with a Secure session cookie', async () => {
    const key = path.join(dir, 'tls.key');
    const cert = path.join(dir, 'tls.crt');
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1']);
    expect(made.status).toBe(0);
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/core/serve/cli.ts'), '--port', '0', '--tls-cert', cert, '--tls-key', key, '--data-dir', path.join(dir, 'tls')], {
      cwd: ROOT,
      env: { ...process.env, WATCHFLOOR_LOG: 'error', WATCHFLOOR_INIT_ADMIN: 'admin:tls-test-password' },
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          const m = /running at (https:\/\/\S+\/)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.on('exit', () => reject(new Error('serve exited')));
      });
      const https = await import('node:https');
      const res = await new Promise<{ status: number; cookie: string }>((resolve, reject) => {
        const u = new URL(`${url}api/http/session.signIn`);
        const req = https.request(
          { host: u.hostname, port: u.port, path: u.pathname, method: 'POST', rejectUnauthorized: false, headers: { 'Content-Type': 'application/json', Origin: u.origin } },
          (r) => {
            r.resume();
            resolve({ status: r.statusCode ?? 0, cookie: String(r.headers['set-cookie'] ?? '') });
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ username: 'admin', password: 'tls-test-password' }));
      });
      expect(res.status).toBe(200);
      expect(res.cookie).toMatch(/HttpOnly; SameSite=Strict; Path=\/; Secure/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });

  it('names a TLS file it cannot read', async () => {
    const r = await runServe(['--port', '0', '--tls-cert', path.join(dir, 'missing.crt'), '--tls-key', path.join(dir, 'missing.key'), '--data-dir', path.join(dir, 'tls2')], { LANG: 'en_GB.UTF-8', LC_ALL: '' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('missing.crt');
  });
});
