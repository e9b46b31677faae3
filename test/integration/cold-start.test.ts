// Cold start of an ONVIF camera through a real core (issue: "When a relay starts for an ONVIF
// camera, ask for a keyframe (media SetSynchronizationPoint) in parallel with the RTSP connect, and
// skip ffmpeg's probing where the SDP already says the codec"): the lab's live camera, kept
// encoding by another client as a real camera always is, is added by onboarding; its first viewer
// makes the relay ask for keyframes (at spawn and once the input is open) and start ffmpeg without
// probing; a profile that names the wrong codec costs a restart, not the picture. Timings are for
// `npm run bench -- coldstart`, not here.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLogLevel, setLogSink } from '../../src/core/log/logger';
import type { LiveState } from '../../src/core/media/live/types';
import { startLab, type Lab } from '../../src/sim/lab';
import { childPids } from '../../src/sim/test-support';
import { makePoint, startTestCore, until, type TestCore } from './support/onvif-core';

let lab: Lab;
let t: TestCore;
let keeper: ChildProcess;
const lines: string[] = [];
let restore: () => void;

beforeAll(async () => {
  lab = await startLab({ cameras: [{ name: 'Cold', variant: 'fixed', live: true }], discoveryPort: false });
  const c = lab.cameras[0]!;
  const u = new URL(c.rtspMain);
  u.username = c.username;
  u.password = c.password;
  keeper = spawn('ffmpeg', ['-nostdin', '-loglevel', 'quiet', '-rtsp_transport', 'tcp', '-i', u.href, '-c', 'copy', '-f', 'null', '-'], { stdio: 'ignore' });
  setLogLevel('debug');
  restore = setLogSink((line) => lines.push(line));
  t = await startTestCore();
}, 60_000);

afterAll(async () => {
  restore?.();
  setLogLevel((process.env.WATCHFLOOR_LOG as 'error') ?? 'error');
  await t?.dispose();
  keeper?.kill('SIGTERM');
  await new Promise((r) => keeper?.once('close', r));
  await lab?.dispose();
  expect(childPids()).toEqual([]);
});

function watch(cameraId: string) {
  const states: LiveState[] = [];
  const off = t.core.services.live.subscribe(cameraId, 'main', { data() {}, state: (s) => states.push(s) });
  return { states, off };
}

describe('cold start', () => {
  it('asks an ONVIF camera for keyframes and starts ffmpeg without probing', async () => {
    const c = lab.cameras[0]!;
    const admin = t.as('admin');
    const cam = await admin.call('onboarding.add', { address: c.onvif, username: c.username, password: c.password, name: 'Cold', pointId: await makePoint(admin) });
    const v = watch(cam.id);
    try {
      await until(() => v.states.some((s) => s.state === 'live'), 20_000, 'live');
      const pid = t.core.services.live.pids().find((p) => p.cameraId === cam.id)!.pid!;
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      expect(argv[argv.indexOf('-probesize') + 1]).toBe('32');
      const asked = lines.filter((l) => l.includes(`live.${cam.id}.main`) && l.includes('keyframe requested'));
      expect(asked.some((l) => l.includes('"when":"spawn"') && l.includes('"sent":true'))).toBe(true);
      expect(asked.some((l) => l.includes('"when":"input"') && l.includes('"sent":true'))).toBe(true);
      expect(lines.join('\n')).not.toContain(c.password);
    } finally {
      v.off();
    }
  }, 40_000);

  it('recovers from a profile that names the wrong codec (a restart, then the picture)', async () => {
    const tree = await t.as('admin').call('register.tree', {});
    const cam = tree.cameras[0]!;
    t.core.services.live.restart(cam.id);
    t.core.services.db.prepare("UPDATE camera_onvif SET codec_main = 'H265' WHERE camera_id = ?").run(cam.id);
    // The relay from the test above may still be in its grace period: wait until it has gone.
    await until(() => t.core.services.live.stateOf(cam.id, 'main').state === 'idle', 15_000, 'the previous relay to stop');
    const v = watch(cam.id);
    try {
      await until(() => v.states.some((s) => s.state === 'live'), 30_000, 'live after the restart');
      expect(v.states.find((s) => s.state === 'live')).toMatchObject({ sourceCodec: 'h264', transcoded: false });
      expect(lines.some((l) => l.includes('camera codec differs from its profile'))).toBe(true);
    } finally {
      v.off();
    }
  }, 60_000);
});
