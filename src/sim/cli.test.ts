// The CLI end to end: JSON lines once ready, a fault command on stdin, and nothing left behind
// (no process, no port) after SIGTERM.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { isAlive, tcpOpen } from './test-support';

const here = path.dirname(fileURLToPath(import.meta.url));
const tsx = path.resolve(here, '../../node_modules/.bin/tsx');

function descendants(pid: number): number[] {
  const rows = spawnSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' }).stdout.trim().split('\n');
  const pairs = rows.map((r) => r.trim().split(/\s+/).map(Number) as [number, number]);
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of pairs) {
      if (parent !== p) continue;
      out.push(child);
      walk(child);
    }
  };
  walk(pid);
  return out;
}

it('prints one JSON line per camera, takes fault commands, and leaves nothing behind', async () => {
  const child = spawn(tsx, [path.join(here, 'cli.ts'), '--cameras', '2', '--json', '--no-discovery'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const lines: Record<string, unknown>[] = [];
  const rl = createInterface({ input: child.stdout });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`cli exited ${code}: ${stderr}`)));
    rl.on('line', (l) => {
      lines.push(JSON.parse(l) as Record<string, unknown>);
      if (lines.length === 2) resolve();
    });
  });
  expect(Object.keys(lines[0]!)).toEqual(expect.arrayContaining(['name', 'onvif', 'rtspMain', 'rtspSub', 'username', 'password', 'ptz']));
  expect(lines.map((l) => l.name)).toEqual(['cam01', 'cam02']);
  expect(lines[0]!.ptz).toBe(true);
  expect(lines[1]!.ptz).toBe(false);

  child.stdin.write('malformed cam02 on\n');
  await new Promise((r) => setTimeout(r, 300));
  expect(stderr).toContain('ok malformed cam02');
  expect(stderr).not.toContain(String(lines[0]!.password)); // the password is printed on stdout only

  const tree = descendants(child.pid!);
  expect(tree.length).toBeGreaterThan(0);
  const onvifPort = Number(new URL(String(lines[0]!.onvif)).port);
  const rtspPort = Number(new URL(String(lines[0]!.rtspMain)).port);
  expect(await tcpOpen('127.0.0.1', rtspPort)).toBe(true);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  // The outer tsx may exit a moment before its child has finished; allow a few seconds.
  for (let i = 0; i < 50 && tree.some(isAlive); i++) await new Promise((r) => setTimeout(r, 100));
  expect(tree.filter(isAlive)).toEqual([]);
  expect(await tcpOpen('127.0.0.1', onvifPort)).toBe(false);
  expect(await tcpOpen('127.0.0.1', rtspPort)).toBe(false);
}, 90_000);
