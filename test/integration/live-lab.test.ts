// The live relay against the camera lab (src/sim): Hikvision-style paths, H.265 and MJPEG cameras,
// a dead camera, and the lab's faults (stream stopped, RTSP auth refused, reboot).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LiveService } from '../../src/core/media/live/live-service';
import type { LiveSource, StreamKind } from '../../src/core/media/live/types';
import { startLab, type Lab } from '../../src/sim/lab';
import { ffmpegChildren, probeTs, recorder, waitFor } from './support/live-helpers';

let lab: Lab;
let tmp: string;
let live: LiveService;
const unsubs: Array<() => void> = [];

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'wf-live-lab-'));
  lab = await startLab({
    cameras: [
      { name: 'fixed', variant: 'fixed' },
      { name: 'hevc', variant: 'h265' },
      { name: 'jpeg', variant: 'mjpeg' },
      { name: 'dead', variant: 'dead' },
      { name: 'faulty', variant: 'fixed' },
      { name: 'udp', variant: 'fixed' },
    ],
    discoveryPort: false,
  });
  live = new LiveService({
    runtimeDir: tmp,
    ffmpegPath: '/usr/bin/ffmpeg',
    graceMs: 300,
    // Retries come quickly here; production waits 30 s after a refused password.
    timing: { backoff: { initialMs: 500, maxMs: 2000, authRetryMs: 1000, jitter: 0 } },
    resolveSource: async (cameraId: string, stream: StreamKind): Promise<LiveSource> => {
      const cam = lab.cameras.find((c) => c.name === cameraId);
      if (!cam) throw new Error(`no camera ${cameraId}`);
      const transport = cameraId === 'udp' ? 'udp' : 'tcp';
      return { url: stream === 'main' ? cam.rtspMain : cam.rtspSub, username: cam.username, password: cam.password, transport };
    },
  });
}, 120_000);

afterEach(() => {
  unsubs.splice(0).forEach((u) => u());
});

afterAll(async () => {
  await live?.dispose();
  expect(ffmpegChildren()).toEqual([]);
  await lab?.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

function watch(camera: string, stream: StreamKind = 'main') {
  const r = recorder();
  unsubs.push(live.subscribe(camera, stream, r.sub));
  return r;
}

describe('live relay on the camera lab', () => {
  it('copies the 720p H.264 main stream and gives a joiner a decodable keyframe at once', async () => {
    const first = watch('fixed');
    const s = await first.waitState('live', 20_000);
    expect(s).toMatchObject({ codec: 'h264', sourceCodec: 'h264', transcoded: false, width: 1280, height: 720 });
    await waitFor('frames', () => (live.statsFor('fixed', 'main')?.fps ?? 0) > 0);
    const joiner = watch('fixed');
    expect(joiner.chunks.length).toBeGreaterThan(0);
    expect(probeTs(joiner.bytes()).frames[0]).toEqual({ key: true, type: 'I' });
    const sub = watch('fixed', 'sub');
    expect(await sub.waitState('live', 20_000)).toMatchObject({ width: 640, height: 360 });
    expect(ffmpegChildren()).toHaveLength(2);
  });

  it('transcodes the H.265 and MJPEG cameras to H.264 and marks them', async () => {
    const hevc = watch('hevc');
    const jpeg = watch('jpeg');
    expect(await hevc.waitState('live', 30_000)).toMatchObject({ codec: 'h264', sourceCodec: 'hevc', transcoded: true });
    expect(await jpeg.waitState('live', 30_000)).toMatchObject({ codec: 'h264', sourceCodec: 'mjpeg', transcoded: true });
    await waitFor('transcoded frames', () => hevc.bytes().length > 50_000);
    expect(probeTs(hevc.bytes()).codec).toBe('h264');
  });

  it('remembers an H.265 camera is H.265: the next viewer after the relay stopped starts ffmpeg once', async () => {
    const first = watch('hevc', 'sub');
    await first.waitState('live', 30_000);
    unsubs.splice(0).forEach((u) => u());
    // Past the grace period the relay is gone; a new viewer gets a new relay.
    await waitFor('relay stopped', () => live.statsFor('hevc', 'sub') === null);
    const again = watch('hevc', 'sub');
    expect(await again.waitState('live', 30_000)).toMatchObject({ transcoded: true });
    expect(live.statsFor('hevc', 'sub')?.starts).toBe(1);
  });

  it('pulls a camera over UDP when the camera is set to it', async () => {
    const v = watch('udp', 'sub');
    expect(await v.waitState('live', 20_000)).toMatchObject({ codec: 'h264', width: 640 });
    const transports = ffmpegChildren().map((p) => p.argv[p.argv.indexOf('-rtsp_transport') + 1]);
    expect(transports).toContain('udp');
    // The smallest protocol whitelist that carries RTSP with RTP over UDP (and nothing else).
    const udp = ffmpegChildren().find((p) => p.argv[p.argv.indexOf('-rtsp_transport') + 1] === 'udp')!;
    expect(udp.argv[udp.argv.indexOf('-protocol_whitelist') + 1]).toBe('tcp,udp,rtp');
  });

  it('reports the dead camera as unreachable and keeps trying', async () => {
    const dead = watch('dead');
    const s = await dead.waitState('reconnecting');
    expect(s.reason).toBe('unreachable');
    await waitFor('retried', () => dead.states.filter((x) => x.state === 'connecting').length >= 2);
  });

  it('recovers by itself from a stopped stream, a refused password and a reboot', async () => {
    const cam = lab.camera('faulty');
    const v = watch('faulty');
    let s = await v.waitState('live', 20_000);
    const sinceOf = (x: typeof s) => x.since;

    const seen = v.states.length;
    await cam.stopStream();
    const lost = await waitFor('stream gone', () => v.states.slice(seen).find((x) => x.state === 'offline' || x.state === 'reconnecting'));
    // A camera that stops sending is a lost stream to retry, not "unsupported codec" (ffmpeg's probe
    // warning from when it opened the stream is not why it stopped).
    expect(lost).toMatchObject({ state: 'reconnecting' });
    expect(['ended', 'timeout', 'unreachable']).toContain(lost && 'reason' in lost ? lost.reason : null);
    await cam.startStream();
    s = await waitFor(
      'live after restart',
      () => {
        const last = v.last();
        return last?.state === 'live' && last.since !== sinceOf(s) ? last : null;
      },
      30_000,
    );

    await cam.refuseRtspAuth(true);
    live.restart('faulty'); // a reconnect now meets the refusal
    expect((await v.waitState('offline', 20_000)).reason).toBe('auth_failed');
    await cam.refuseRtspAuth(false);
    s = await v.waitState('live', 20_000);

    const before = v.states.length;
    await cam.reboot(2);
    await waitFor(
      'back live after reboot',
      () => {
        const after = v.states.slice(before);
        return after.some((x) => x.state === 'reconnecting' || x.state === 'offline') && v.last()?.state === 'live';
      },
      30_000,
    );
  });
});
