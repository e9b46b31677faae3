// No orphan ffmpeg: not when the core is SIGKILLed, and leftovers of a crashed run are reaped at
// the next start (only processes that are still the ffmpeg we recorded).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processStartTime } from '../../src/core/media/live/child-registry';
import { LiveService } from '../../src/core/media/live/live-service';
import { isAlive, waitFor } from './support/live-helpers';
import { startRtspSource, type RtspSource } from './support/rtsp-source';

const here = path.dirname(fileURLToPath(import.meta.url));
let source: RtspSource;
let tmp: string;
const started: ChildProcess[] = [];

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'wf-orphans-'));
  source = await startRtspSource({ user: 'u', password: 'p' });
});

afterAll(async () => {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await source.stop();
  rmSync(tmp, { recursive: true, force: true });
});

async function coreWithLiveFfmpeg(deathSignal: boolean): Promise<{ core: ChildProcess; ffmpegPid: number }> {
  const url = source.url('h264').replace('rtsp://', 'rtsp://u:p@');
  const core = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'support/live-core.ts'), url, path.join(tmp, `run-${deathSignal}`), deathSignal ? '1' : '0'],
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: path.join(here, '../..') },
  );
  started.push(core);
  let out = '';
  core.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const pid = await waitFor('core reports a live ffmpeg', () => Number(/FFMPEG (\d+)/.exec(out)?.[1] ?? 0), 30_000);
  return { core, ffmpegPid: pid };
}

describe('orphan ffmpeg', () => {
  it.each([
    ['with the kernel death signal', true],
    ['through the broken stdout pipe alone', false],
  ])('dies when the core is SIGKILLed (%s)', async (_name, deathSignal) => {
    const { core, ffmpegPid } = await coreWithLiveFfmpeg(deathSignal);
    expect(isAlive(ffmpegPid)).toBe(true);
    core.kill('SIGKILL');
    await waitFor('ffmpeg gone', () => !isAlive(ffmpegPid), 5000);
  });

  it('kills ffmpeg when the core is stopped with SIGTERM, and the core still exits', async () => {
    const { core, ffmpegPid } = await coreWithLiveFfmpeg(false);
    const exited = new Promise<NodeJS.Signals | number | null>((r) => core.once('exit', (code, sig) => r(sig ?? code)));
    core.kill('SIGTERM');
    expect(await exited).toBe('SIGTERM');
    await waitFor('ffmpeg gone', () => !isAlive(ffmpegPid), 5000);
  });

  it('reaps an ffmpeg left by an earlier run, and nothing else', async () => {
    const runtimeDir = path.join(tmp, 'reap');
    const pids = path.join(runtimeDir, 'ffmpeg-pids');
    mkdirSync(pids, { recursive: true });
    const leftover = spawn('/usr/bin/ffmpeg', ['-nostdin', '-re', '-f', 'lavfi', '-i', 'testsrc=size=64x64', '-f', 'null', '-'], {
      detached: true,
      stdio: 'ignore',
    });
    const innocent = spawn('/usr/bin/sleep', ['60'], { detached: true, stdio: 'ignore' });
    started.push(leftover, innocent);
    await waitFor('processes up', () => processStartTime(leftover.pid!) && processStartTime(innocent.pid!));
    for (const c of [leftover, innocent]) {
      writeFileSync(path.join(pids, `${c.pid}.json`), JSON.stringify({ pid: c.pid, startTime: processStartTime(c.pid!), tag: 'old' }));
    }
    // A record whose pid now belongs to another process (start time differs) must be left alone too.
    writeFileSync(path.join(pids, `${process.pid}.json`), JSON.stringify({ pid: process.pid, startTime: '1', tag: 'old' }));

    const live = new LiveService({ runtimeDir, ffmpegPath: '/usr/bin/ffmpeg', resolveSource: async () => ({ url: 'rtsp://x', transport: 'tcp' }) });
    try {
      await waitFor('leftover killed', () => !isAlive(leftover.pid!) || leftover.signalCode !== null, 5000);
      expect(isAlive(innocent.pid!)).toBe(true);
    } finally {
      await live.dispose();
      innocent.kill('SIGKILL');
    }
  });
});
