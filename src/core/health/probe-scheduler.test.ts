// The scheduler with the real RTSP prober on loopback: 5,000 cameras at once, most of them
// unreachable (a closed port) or silent (TCP accepted, never a word of RTSP). The bound on probes in
// flight holds, the few cameras that answer still get their turn, and stop() ends every probe.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeRtsp } from '../rtsp/probe';
import { startProbeScheduler } from './probe-scheduler';

let silent: net.Server;
let answering: net.Server;
let closedPort = 0;
const sockets = new Set<net.Socket>();

const listen = async (s: net.Server) => {
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return (s.address() as net.AddressInfo).port;
};

beforeAll(async () => {
  silent = net.createServer((sock) => {
    sockets.add(sock);
    sock.on('error', () => undefined);
    sock.on('close', () => sockets.delete(sock));
  });
  answering = net.createServer((sock) => {
    sock.on('error', () => undefined);
    sock.on('data', (d) => {
      const cseq = /CSeq: (\d+)/.exec(d.toString())?.[1] ?? '1';
      sock.write(`RTSP/1.0 200 OK\r\nCSeq: ${cseq}\r\n\r\n`);
    });
  });
  const spare = net.createServer();
  closedPort = await listen(spare);
  await new Promise((r) => spare.close(r));
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await Promise.all([silent, answering].map((s) => new Promise((r) => s.close(r))));
});

describe('probe scheduler', () => {
  it('5,000 cameras, mostly unreachable or silent: bounded in flight, the answering ones still probed, stop ends all', async () => {
    const silentPort = await listen(silent);
    const okPort = await listen(answering);
    const targets = Array.from({ length: 5000 }, (_, i) => ({
      id: `cam${String(i).padStart(4, '0')}`,
      url: `rtsp://127.0.0.1:${i % 100 === 0 ? okPort : i % 2 === 0 ? closedPort : silentPort}/s`,
    }));
    const good = new Set(targets.filter((t) => t.url.includes(`:${okPort}/`)).map((t) => t.id));
    const answered = new Set<string>();
    let inFlight = 0;
    let most = 0;
    const LIMIT = 300;
    const sched = startProbeScheduler({
      targets: () => targets,
      periodMs: () => 3000,
      maxInFlight: LIMIT,
      tickMs: 20,
      probe: async (t, signal) => {
        inFlight++;
        most = Math.max(most, inFlight);
        try {
          const r = await probeRtsp(t.url, { timeoutMs: 300, signal });
          if (r.ok) answered.add(t.id);
        } finally {
          inFlight--;
        }
      },
    });
    const end = Date.now() + 9000;
    while (answered.size < good.size && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    sched.stop();
    expect([...good].filter((id) => !answered.has(id))).toEqual([]);
    expect(most).toBeLessThanOrEqual(LIMIT);
    // Spread, not all at once: well under the 5,000 a naive loop would start.
    expect(most).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 100));
    expect(inFlight).toBe(0);
  }, 20_000);

  it('a probe that never ends holds one slot, not the round', async () => {
    const probed: string[] = [];
    const sched = startProbeScheduler({
      targets: () => [{ id: 'hung' }, { id: 'a' }, { id: 'b' }],
      periodMs: () => 1000,
      maxInFlight: 2,
      tickMs: 10,
      probe: (t, signal) => {
        probed.push(t.id);
        return t.id === 'hung' ? new Promise((r) => signal.addEventListener('abort', () => r())) : Promise.resolve();
      },
    });
    await new Promise((r) => setTimeout(r, 2300));
    sched.stop();
    expect(probed.filter((id) => id === 'a').length).toBeGreaterThanOrEqual(2);
    // Still hanging from round one: not started again on top of itself.
    expect(probed.filter((id) => id === 'hung')).toEqual(['hung']);
  });
});
