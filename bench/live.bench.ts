// Live pipeline numbers against the camera lab: CPU of a copied 720p relay, what the video socket
// sends, time to first bytes for a joiner (GOP cache), and glass-to-glass latency in real Chromium,
// read from the capture time the lab's live camera stamps into every frame (src/sim/stamp.ts).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { WebSocket } from 'ws';
import { LiveService } from '../src/core/media/live/live-service';
import { startHarness } from '../test/integration/support/browser-harness';
import { startLab } from '../src/sim/lab';
import { median, percentile, type Benchmark, type BenchResult } from './types';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLK_TCK = 100;

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(f[11]) + Number(f[12]); // utime + stime
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitLive(live: LiveService, camera: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (live.stateOf(camera, 'main').state === 'live') return;
    await sleep(100);
  }
  throw new Error(`${camera} not live`);
}

/** One WebSocket viewer for `seconds`: messages, bytes and time to the first binary message. */
async function socketViewer(url: string, seconds: number) {
  const ws = new WebSocket(url);
  let messages = 0;
  let bytes = 0;
  let opened = 0;
  let firstBinaryMs = -1;
  ws.on('open', () => (opened = performance.now()));
  ws.on('message', (data: Buffer, binary) => {
    if (!binary) return;
    if (firstBinaryMs < 0) firstBinaryMs = performance.now() - opened;
    messages++;
    bytes += data.length;
  });
  await sleep(seconds * 1000);
  ws.close();
  return { messagesPerSecond: messages / seconds, bytesPerSecond: bytes / seconds, firstBinaryMs };
}

const bench: Benchmark = async () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'wf-bench-live-'));
  // 'fixed': a looped 720p clip (~2 Mbit/s, like a real camera); 'live': live-encoded with the stamp.
  const lab = await startLab({
    cameras: [
      { name: 'fixed', variant: 'fixed' },
      { name: 'live', variant: 'ptz', live: true },
      { name: 'hevc', variant: 'h265' },
    ],
    discoveryPort: false,
  });
  const results: BenchResult[] = [];
  const make = (flushMs: number) =>
    new LiveService({
      runtimeDir: path.join(tmp, `run-${flushMs}`),
      ffmpegPath: '/usr/bin/ffmpeg',
      resolveSource: async (camera, stream) => {
        const cam = lab.cameras.find((c) => c.name === camera)!;
        return { url: stream === 'main' ? cam.rtspMain : cam.rtspSub, username: cam.username, password: cam.password, transport: 'tcp' };
      },
    });
  const live = make(0);
  const harness = await startHarness(live, {});
  const batched = make(30);
  const harness30 = await startHarness(batched, { flushMs: 30 });
  try {
    // 1. CPU of a copy relay (720p25 H.264 from the camera) and what one viewer receives.
    const viewerRun = socketViewer(harness.wsUrl('fixed'), SECONDS + 2);
    await waitLive(live, 'fixed');
    await sleep(1000);
    const pid = live.pids()[0]!.pid!;
    const t0 = performance.now();
    const ticks0 = cpuTicks(pid);
    const core0 = process.cpuUsage();
    await sleep(SECONDS * 1000);
    const dt = (performance.now() - t0) / 1000;
    const ffmpegCpu = ((cpuTicks(pid) - ticks0) / CLK_TCK / dt) * 100;
    const core = process.cpuUsage(core0);
    const coreCpu = ((core.user + core.system) / 1e6 / dt) * 100;
    const viewer = await viewerRun;
    const stats = live.statsFor('fixed', 'main');
    results.push(
      {
        name: 'live.copy720p.ffmpegCpuPercent',
        value: round(ffmpegCpu),
        unit: '% of a core',
        target: 5,
        better: 'lower',
        extra: { kbps: stats?.kbps, fps: stats?.fps },
      },
      {
        name: 'live.copy720p.coreCpuPercent',
        value: round(coreCpu),
        unit: '% of a core',
        target: 5,
        better: 'lower',
        extra: { note: 'hub + video socket + one local ws client' },
      },
      {
        name: 'live.socket.messagesPerSecond',
        value: round(viewer.messagesPerSecond),
        unit: 'msg/s',
        target: 60,
        better: 'lower',
        extra: { flushMs: 0, bytesPerSecond: Math.round(viewer.bytesPerSecond) },
      },
    );

    // 2. The same with a 30 ms coalescing window, for comparison.
    const v30run = socketViewer(harness30.wsUrl('fixed'), SECONDS);
    const v30 = await v30run;
    results.push({
      name: 'live.socket.messagesPerSecond.flush30ms',
      value: round(v30.messagesPerSecond),
      unit: 'msg/s',
      target: 60,
      better: 'lower',
      extra: { bytesPerSecond: Math.round(v30.bytesPerSecond) },
    });

    // 3. A second viewer joining a running stream: first bytes come from the GOP cache.
    // (another viewer keeps the relay running meanwhile, as on a wall)
    const keeper = socketViewer(harness.wsUrl('fixed'), 6);
    await sleep(3000);
    const joiner = await socketViewer(harness.wsUrl('fixed'), 1);
    await keeper;
    results.push({ name: 'live.joiner.firstBytesMs', value: round(joiner.firstBinaryMs), unit: 'ms', target: 50, better: 'lower' });

    // 4. Sixteen viewers of one stream (a stream on several walls): the core's cost of fan-out.
    const many = Array.from({ length: 16 }, () => socketViewer(harness.wsUrl('fixed'), SECONDS + 3));
    await sleep(3000);
    const fan0 = process.cpuUsage();
    const fanT0 = performance.now();
    await sleep(SECONDS * 1000);
    const fan = process.cpuUsage(fan0);
    const fanDt = (performance.now() - fanT0) / 1000;
    const fanned = await Promise.all(many);
    results.push({
      name: 'live.fanout16.coreCpuPercent',
      value: round(((fan.user + fan.system) / 1e6 / fanDt) * 100),
      unit: '% of a core',
      target: 25,
      better: 'lower',
      extra: {
        note: 'hub + 16 video sockets + 16 local ws clients',
        viewerDrops: live.statsFor('fixed', 'main')?.viewerDrops,
        minBytesPerSecond: Math.round(Math.min(...fanned.map((f) => f.bytesPerSecond))),
      },
    });

    // 5. Transcoding an H.265 720p camera to H.264.
    const hevcRun = socketViewer(harness.wsUrl('hevc'), SECONDS + 4);
    await waitLive(live, 'hevc');
    await sleep(2000);
    const hevcPid = live.pids().find((p) => p.cameraId === 'hevc')!.pid!;
    const h0 = cpuTicks(hevcPid);
    const hT0 = performance.now();
    await sleep(SECONDS * 1000);
    const hevcCpu = ((cpuTicks(hevcPid) - h0) / CLK_TCK / ((performance.now() - hT0) / 1000)) * 100;
    await hevcRun;
    results.push({
      name: 'live.transcode720p.ffmpegCpuPercent',
      value: round(hevcCpu),
      unit: '% of a core',
      target: 60,
      better: 'lower',
      extra: { from: 'hevc 1280x720 25 fps', to: 'h264 veryfast zerolatency' },
    });

    // 6. Glass to glass in Chromium: capture time in the picture vs the time the frame is presented.
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--autoplay-policy=no-user-gesture-required'],
    });
    try {
      const page = await browser.newPage();
      await page.goto(harness.url);
      await page.waitForFunction(() => typeof (window as unknown as { startPlayer?: unknown }).startPlayer === 'function');
      const firstFrameAt = Date.now();
      // BENCH_PLAYER_TUNING='{"liveSyncMaxLatency":0.08}' tries other latency settings.
      const tuning = process.env.BENCH_PLAYER_TUNING ? (JSON.parse(process.env.BENCH_PLAYER_TUNING) as Record<string, unknown>) : undefined;
      await page.evaluate(
        ({ url, tuning }) =>
          (window as unknown as { startPlayer(u: string, s?: number, t?: Record<string, unknown>): void }).startPlayer(url, undefined, tuning),
        { url: harness.wsUrl('live'), tuning },
      );
      await page.waitForFunction(() => (window as unknown as { frames(): number }).frames() > 0, undefined, { timeout: 30_000 });
      const startupMs = Date.now() - firstFrameAt;
      await sleep(2000); // let latency control settle
      const samples = await page.evaluate(
        (ms) => (window as unknown as { measureStamp(ms: number): Promise<{ latencies: number[]; unreadable: number }> }).measureStamp(ms),
        SECONDS * 1000,
      );
      const buffer = await page.evaluate(() => (window as unknown as { player: { latencyMs(): number | null } }).player.latencyMs());
      const waiting = await page.evaluate(() => (window as unknown as { waiting: number }).waiting);
      results.push(
        {
          name: 'live.glassToGlass.p50Ms',
          value: round(median(samples.latencies)),
          unit: 'ms',
          target: 180,
          better: 'lower',
          extra: {
            p95: round(percentile(samples.latencies, 95)),
            samples: samples.latencies.length,
            unreadable: samples.unreadable,
            playerBufferMs: buffer,
            waitingEvents: waiting,
            tuning,
            size: '1280x720',
          },
        },
        {
          name: 'live.firstFrameMs',
          value: startupMs,
          unit: 'ms',
          target: 2500,
          better: 'lower',
          extra: { note: 'player start to first decoded frame, first viewer (waits for a keyframe; GOP 2 s)' },
        },
      );
    } finally {
      await browser.close();
    }
  } finally {
    await harness.close();
    await harness30.close();
    await live.dispose();
    await batched.dispose();
    await lab.dispose();
    rmSync(tmp, { recursive: true, force: true });
  }
  return results;
};

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

export default bench;
