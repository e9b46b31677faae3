// live.relay_cpu_per_stream_pct — what relaying costs per 720p stream when 16 are copied at once:
// the serve-mode core process plus its ffmpeg children, over two 20 s windows, while 16 WebSocket
// viewers (this process, not counted) pull the main streams of 16 lab cameras (the lab not counted).
import { readdirSync, readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { startLab } from '../src/sim/lab';
import { registerCameras, signInCookie, TestApi } from '../test/e2e/support/api';
import { ADMIN, startServe } from '../test/e2e/support/serve';
import { median, type Benchmark } from './types';

const STREAMS = 16;
const WINDOW_S = Number(process.env.BENCH_RELAY_WINDOW ?? 20);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function stat(pid: number): { ppid: number; ticks: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return null;
  }
}

/** CPU ticks of a process and its direct children (the relay's ffmpeg processes). */
function treeTicks(root: number): { ticks: number; children: number } {
  let ticks = stat(root)?.ticks ?? 0;
  let children = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const s = stat(Number(d));
    if (s && s.ppid === root) {
      ticks += s.ticks;
      children++;
    }
  }
  return { ticks, children };
}

const bench: Benchmark = async () => {
  const lab = await startLab({ cameras: Array.from({ length: STREAMS }, (_, i) => ({ name: `Relay ${i + 1}`, variant: 'fixed' as const })), discoveryPort: false });
  const serve = await startServe({ env: { WATCHFLOOR_LOG: 'warn' } });
  const sockets: WebSocket[] = [];
  try {
    const api = await TestApi.connect(serve.url);
    const cams = await registerCameras(api, lab.cameras.map((c) => ({ name: c.name, rtspMain: c.rtspMain, rtspSub: c.rtspSub, username: c.username, password: c.password })));
    api.close();
    // The video socket wants a signed-in session, as the page has.
    const cookie = await signInCookie(serve.url, ADMIN);
    const u = new URL(serve.url);
    let bytes = 0;
    for (const c of cams) {
      const ws = new WebSocket(`ws://${u.host}/video?camera=${c.id}&stream=main`, { headers: { Origin: u.origin, Cookie: cookie } });
      ws.on('message', (d: Buffer, binary) => binary && (bytes += d.length));
      sockets.push(ws);
    }
    await sleep(10_000); // every relay up and steady
    const pid = serve.child.pid!;
    const samples: number[] = [];
    let children = 0;
    for (let w = 0; w < 2; w++) {
      const a = treeTicks(pid);
      const b0 = bytes;
      const t0 = performance.now();
      await sleep(WINDOW_S * 1000);
      const b = treeTicks(pid);
      const seconds = (performance.now() - t0) / 1000;
      children = b.children;
      samples.push(((b.ticks - a.ticks) / 100 / seconds) * 100 / STREAMS);
      if (bytes - b0 === 0) throw new Error('no video flowed');
    }
    return [
      {
        name: 'live.relay_cpu_per_stream_pct',
        value: +median(samples).toFixed(2),
        unit: '% of one core per stream',
        target: 1.5,
        better: 'lower',
        extra: { streams: STREAMS, ffmpegChildren: children, windows: samples.map((s) => +s.toFixed(2)), deliveredMbps: +((bytes * 8) / 1e6 / (WINDOW_S * 2 + 10)).toFixed(1) },
      },
    ];
  } finally {
    sockets.forEach((s) => s.close());
    await serve.stop();
    await lab.dispose();
  }
};

export default bench;
