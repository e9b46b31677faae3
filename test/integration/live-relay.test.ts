// The live relay against a real RTSP server (GStreamer, Digest auth) and the real ffmpeg.
// Until the camera lab (src/sim) lands, the server is test/integration/support/rtsp_source.py.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setLogSink } from '../../src/core/log/logger';
import { LiveService, type LiveServiceOptions } from '../../src/core/media/live/live-service';
import type { LiveSource } from '../../src/core/media/live/types';
import { startRtspSource, type RtspSource } from './support/rtsp-source';
import { ffmpegChildren, isAlive, probeTs, recorder, waitFor } from './support/live-helpers';

const USER = 'admin';
// Characters that break naive URL building and shells alike.
const PASSWORD = `p@ss:w/rd $(touch x);|&'"`;

let source: RtspSource;
let tmp: string;
const services: LiveService[] = [];
const logLines: string[] = [];
let restoreLog: () => void;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'wf-live-'));
  source = await startRtspSource({ user: USER, password: PASSWORD });
  restoreLog = setLogSink((line) => logLines.push(line));
});

afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.dispose()));
  expect(ffmpegChildren()).toEqual([]);
});

afterAll(async () => {
  restoreLog();
  await source.stop();
  rmSync(tmp, { recursive: true, force: true });
  // Nothing we logged may hold the password, in clear or percent-encoded.
  const all = logLines.join('\n');
  expect(all).not.toContain('p@ss:w/rd');
  expect(all).not.toContain(encodeURIComponent(PASSWORD).slice(0, 12));
});

function service(sources: Record<string, () => LiveSource>, extra: Partial<LiveServiceOptions> = {}): LiveService {
  const s = new LiveService({
    runtimeDir: path.join(tmp, `run-${services.length}-${Date.now()}`),
    ffmpegPath: '/usr/bin/ffmpeg',
    graceMs: 300,
    resolveSource: async (cameraId, stream) => {
      const make = sources[`${cameraId}/${stream}`] ?? sources[cameraId];
      if (!make) throw new Error(`no camera ${cameraId}`);
      return make();
    },
    ...extra,
  });
  services.push(s);
  return s;
}

const cam =
  (p: string, password = PASSWORD): (() => LiveSource) =>
  () => ({
    url: source.url(p),
    username: USER,
    password,
    transport: 'tcp',
  });

describe('LiveService against an RTSP camera', () => {
  it('runs one ffmpeg per camera-stream however many viewers, copying H.264', async () => {
    const live = service({ cam1: cam('h264') });
    const viewers = [recorder(), recorder(), recorder()];
    const unsubs = viewers.map((v) => live.subscribe('cam1', 'main', v.sub));
    await Promise.all(viewers.map((v) => v.waitState('live')));
    expect(ffmpegChildren()).toHaveLength(1);
    const argv = ffmpegChildren()[0]!.argv;
    expect(argv.join(' ')).toContain('-c:v copy');
    // RTSP interleaved over TCP works with ffmpeg limited to the tcp protocol and the rtsp demuxer.
    expect(argv.join(' ')).toContain('-protocol_whitelist tcp -format_whitelist rtsp');
    expect(argv).not.toContain('libx264');
    const live1 = viewers[0]!.last();
    expect(live1).toMatchObject({ state: 'live', codec: 'h264', sourceCodec: 'h264', transcoded: false });

    const other = recorder();
    const unsubOther = live.subscribe('cam1', 'sub', other.sub);
    await other.waitState('live');
    expect(ffmpegChildren()).toHaveLength(2);

    await waitFor('a second of stats', () => (live.statsFor('cam1', 'main')?.fps ?? 0) > 0);
    expect(live.statsFor('cam1', 'main')).toMatchObject({ viewers: 3, codec: 'h264', width: 320, height: 240 });
    expect(live.statsFor('cam1', 'main')!.kbps).toBeGreaterThan(0);
    unsubs.forEach((u) => u());
    unsubOther();
  });

  it('gives a viewer who joins mid-GOP a keyframe-first, decodable stream at once', async () => {
    const live = service({ cam1: cam('h264') });
    const first = recorder();
    const unsub1 = live.subscribe('cam1', 'main', first.sub);
    await first.waitState('live');
    await waitFor('some frames after the keyframe', () => (live.statsFor('cam1', 'main')?.fps ?? 0) > 0);

    const joiner = recorder();
    const unsub2 = live.subscribe('cam1', 'main', joiner.sub);
    // The cached GOP arrives inside subscribe(), before any new packet from the camera.
    expect(joiner.chunks.length).toBeGreaterThan(0);
    const cached = joiner.bytes();
    expect(cached[0]).toBe(0x47);
    expect(cached.length % 188).toBe(0);
    const probed = probeTs(cached);
    expect(probed.codec).toBe('h264');
    expect(probed.frames[0]).toEqual({ key: true, type: 'I' });
    unsub1();
    unsub2();
  });

  it('transcodes an H.265 camera to H.264 and says so', async () => {
    const live = service({ cam265: cam('h265') });
    const v = recorder();
    const unsub = live.subscribe('cam265', 'main', v.sub);
    const s = await v.waitState('live', 20_000);
    expect(s).toMatchObject({ codec: 'h264', sourceCodec: 'hevc', transcoded: true });
    expect(ffmpegChildren()[0]!.argv).toContain('libx264');
    await waitFor('a few frames', () => v.bytes().length > 20_000);
    expect(probeTs(v.bytes()).codec).toBe('h264');
    expect(live.statsFor('cam265', 'main')).toMatchObject({ transcoded: true, sourceCodec: 'hevc' });
    unsub();
  });

  it('transcodes an MJPEG camera when the codec is known beforehand, without a probe restart', async () => {
    const live = service({ camjpeg: () => ({ ...cam('mjpeg')(), codec: 'JPEG' }) });
    const v = recorder();
    const unsub = live.subscribe('camjpeg', 'main', v.sub);
    const s = await v.waitState('live', 20_000);
    expect(s).toMatchObject({ codec: 'h264', sourceCodec: 'mjpeg', transcoded: true });
    expect(live.statsFor('camjpeg', 'main')!.starts).toBe(1);
    unsub();
  });

  it('reports a wrong password as offline auth_failed and keeps a slow retry scheduled', async () => {
    const live = service({ cam1: cam('h264', 'wrong') });
    const events: string[] = [];
    live.onState((e) => events.push(`${e.cameraId}:${e.state.state}`));
    const v = recorder();
    const unsub = live.subscribe('cam1', 'main', v.sub);
    const s = await v.waitState('offline');
    expect(s.reason).toBe('auth_failed');
    expect(s.retryAt).toBeGreaterThan(Date.now() + 20_000);
    expect(events).toContain('cam1:offline');
    unsub();
  });

  it('reports a missing stream as stream_not_found', async () => {
    const live = service({ cam1: cam('no-such-path') });
    const v = recorder();
    const unsub = live.subscribe('cam1', 'main', v.sub);
    expect((await v.waitState('offline')).reason).toBe('stream_not_found');
    unsub();
  });

  it('reports an unreachable camera and keeps retrying with backoff', async () => {
    const live = service({ gone: () => ({ url: 'rtsp://127.0.0.1:1/stream', transport: 'tcp' }) });
    const v = recorder();
    const unsub = live.subscribe('gone', 'main', v.sub);
    const s = await v.waitState('reconnecting');
    expect(s.reason).toBe('unreachable');
    expect(s.attempt).toBe(1);
    // The retry happens by itself (1 s later).
    await waitFor('second attempt', () => v.states.some((x) => x.state === 'reconnecting' && x.attempt === 2));
    unsub();
  });

  it('passes URLs and passwords with shell metacharacters to ffmpeg untouched', async () => {
    const marker = path.join(tmp, 'pwned');
    const evil = `rtsp://127.0.0.1:${source.port}/h264;touch\${IFS}${marker}|touch ${marker}&$(touch ${marker})`;
    const live = service({
      evil: () => ({ url: evil, username: USER, password: `$(touch ${marker})`, transport: 'tcp' }),
      good: cam('h264'), // the real password is full of metacharacters too
    });
    const bad = recorder();
    const good = recorder();
    const u1 = live.subscribe('evil', 'main', bad.sub);
    const u2 = live.subscribe('good', 'main', good.sub);
    await bad.waitState('offline');
    await good.waitState('live');
    expect(existsSync(marker)).toBe(false);
    u1();
    u2();
  });

  it('stops ffmpeg after the grace period once the last viewer leaves, and restarts on demand', async () => {
    const live = service({ cam1: cam('h264') });
    const v = recorder();
    const unsub = live.subscribe('cam1', 'main', v.sub);
    await v.waitState('live');
    const pid = ffmpegChildren()[0]!.pid;
    unsub();
    // Still running inside the grace period: a viewer switching layouts reuses it.
    const back = recorder();
    const unsubBack = live.subscribe('cam1', 'main', back.sub);
    expect(back.last()?.state).toBe('live');
    expect(ffmpegChildren().map((p) => p.pid)).toEqual([pid]);
    unsubBack();
    // Idle once ffmpeg's pipes have closed, a moment after the process itself is gone (a loaded
    // machine showed the gap): both within the wait.
    await waitFor(
      'ffmpeg gone and the relay idle after grace',
      () => !isAlive(pid) && ffmpegChildren().length === 0 && live.stateOf('cam1', 'main').state === 'idle',
      5000,
    );
    expect(live.stateOf('cam1', 'main')).toEqual({ state: 'idle' });
    expect(live.stats()).toEqual([]);
  });

  it('serves a viewer who returns while the stream is being stopped', async () => {
    // The source lookup is slow (e.g. a database or ONVIF call): the stop lands in the middle of it.
    const live = service(
      {},
      {
        graceMs: 50,
        resolveSource: async () => {
          await new Promise((r) => setTimeout(r, 400));
          return cam('h264')();
        },
      },
    );
    live.subscribe('cam1', 'main', recorder().sub)();
    await new Promise((r) => setTimeout(r, 150)); // grace over, stop() ran, lookup still pending
    const back = recorder();
    const unsub = live.subscribe('cam1', 'main', back.sub);
    await back.waitState('live');
    unsub();
  });

  it('restart() reconnects at once with a fresh ffmpeg', async () => {
    const live = service({ cam1: cam('h264') });
    const v = recorder();
    const unsub = live.subscribe('cam1', 'main', v.sub);
    const first = await v.waitState('live');
    const pid = ffmpegChildren()[0]!.pid;
    live.restart('cam1');
    await waitFor('new live', () => {
      const s = v.last();
      return s?.state === 'live' && s.since !== first.since;
    });
    expect(isAlive(pid)).toBe(false);
    expect(ffmpegChildren()).toHaveLength(1);
    unsub();
  });

  it('leaves no ffmpeg after dispose()', async () => {
    const live = service({ cam1: cam('h264') });
    const v = recorder();
    live.subscribe('cam1', 'main', v.sub);
    live.subscribe('cam1', 'sub', recorder().sub);
    await v.waitState('live');
    await live.dispose();
    expect(ffmpegChildren()).toEqual([]);
  });
});

describe('LiveService when the camera drops', () => {
  it('restarts ffmpeg when a hung camera sends nothing, and recovers when it answers again', async () => {
    const own = await startRtspSource({ user: USER, password: 'pw' });
    try {
      const live = service(
        { cam: () => ({ url: own.url('h264'), username: USER, password: 'pw', transport: 'tcp' }) },
        {
          timing: { stallTimeoutMs: 1500, socketTimeoutMs: 2000, startTimeoutMs: 4000 },
        },
      );
      const v = recorder();
      const unsub = live.subscribe('cam', 'main', v.sub);
      const first = await v.waitState('live');
      own.freeze();
      const r = await v.waitState('reconnecting');
      expect(r.reason).toBe('timeout');
      own.thaw();
      await waitFor(
        'live again',
        () => {
          const s = v.last();
          return s?.state === 'live' && s.since !== first.since ? s : null;
        },
        30_000,
      );
      unsub();
    } finally {
      own.thaw();
      await own.stop();
    }
  });

  it('goes reconnecting when the stream stops and comes back live by itself', async () => {
    const own = await startRtspSource({ user: USER, password: 'pw' });
    try {
      const live = service(
        { cam: () => ({ url: own.url('h264'), username: USER, password: 'pw', transport: 'tcp' }) },
        {
          timing: { stallTimeoutMs: 2000, socketTimeoutMs: 2000 },
        },
      );
      const v = recorder();
      const unsub = live.subscribe('cam', 'main', v.sub);
      const first = await v.waitState('live');
      await own.stop();
      const r = await v.waitState('reconnecting');
      expect(['ended', 'timeout', 'unreachable']).toContain(r.reason);
      await own.start();
      const again = await waitFor(
        'live again',
        () => {
          const s = v.last();
          return s?.state === 'live' && s.since !== first.since ? s : null;
        },
        20_000,
      );
      expect(again.codec).toBe('h264');
      unsub();
    } finally {
      await own.stop();
    }
  });
});
