// A camera with a bad source must take only itself offline: before the relay checked sources, a URL
// without a scheme (plus a user name) or with a space in the host ended the whole core the moment a
// tile opened it (ERR_INVALID_URL as an unhandled rejection from the launch), and file:, concat:,
// subfile:, http: and tcp: sources had ffmpeg read local files and reach services on this machine.
// Real ffmpeg and the real RTSP test source; the "services" are local listeners that count visits.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setLogSink } from '../../src/core/log/logger';
import { relayArgs } from '../../src/core/media/live/ffmpeg-args';
import { LiveService } from '../../src/core/media/live/live-service';
import type { LiveSource } from '../../src/core/media/live/types';
import { ffmpegChildren, recorder } from './support/live-helpers';
import { startRtspSource, type RtspSource } from './support/rtsp-source';

let tmp: string;
let source: RtspSource;
let http: HttpServer;
let tcp: TcpServer;
let visits = 0;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
const logLines: string[] = [];
let restoreLog: () => void;
let live: LiveService | null = null;

const port = (s: HttpServer | TcpServer) => (s.address() as { port: number }).port;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'wf-bad-source-'));
  process.on('unhandledRejection', onRejection);
  restoreLog = setLogSink((line) => logLines.push(line));
  http = createHttpServer((_req, res) => {
    visits++;
    res.end('secret admin page');
  });
  tcp = createTcpServer((socket) => {
    visits++;
    socket.destroy();
  });
  await Promise.all([new Promise<void>((r) => http.listen(0, '127.0.0.1', r)), new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r))]);
  source = await startRtspSource({ user: 'admin', password: 'pw' });
});

afterEach(async () => {
  await live?.dispose();
  live = null;
  expect(ffmpegChildren()).toEqual([]);
});

afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  restoreLog();
  await source?.stop();
  await Promise.all([new Promise((r) => http.close(r)), new Promise((r) => tcp.close(r))]);
  rmSync(tmp, { recursive: true, force: true });
});

describe('a camera with a bad source', () => {
  it('goes offline alone, logged with its cause: no ffmpeg, no crash, no visit to local services', async () => {
    const bad: Record<string, LiveSource> = {
      noScheme: { url: '192.168.1.5/stream', username: 'admin', transport: 'tcp' },
      spaceInHost: { url: 'rtsp://cam host/x', username: 'admin', password: 'hunter2', transport: 'tcp' },
      storedWithPassword: { url: 'rtsp://admin:hunter2@cam host/x', transport: 'tcp' },
      file: { url: 'file:/etc/passwd', transport: 'tcp' },
      concat: { url: 'concat:/etc/passwd|/etc/hosts', transport: 'tcp' },
      subfile: { url: 'subfile:,,start,0,end,0,,:/etc/passwd', transport: 'tcp' },
      http: { url: `http://127.0.0.1:${port(http)}/admin`, transport: 'tcp' },
      tcp: { url: `tcp://127.0.0.1:${port(tcp)}`, transport: 'tcp' },
      crlf: { url: `rtsp://127.0.0.1:${port(tcp)}/x\r\nX-Injected: 1`, transport: 'tcp' },
    };
    const service = new LiveService({
      runtimeDir: path.join(tmp, 'run-1'),
      ffmpegPath: '/usr/bin/ffmpeg',
      graceMs: 300,
      resolveSource: async (cameraId) => bad[cameraId] ?? { url: source.url('h264'), username: 'admin', password: 'pw', transport: 'tcp' },
    });
    live = service;
    const good = recorder();
    const unsubs = [service.subscribe('good', 'main', good.sub)];
    const viewers = Object.keys(bad).map((id) => {
      const r = recorder();
      unsubs.push(service.subscribe(id, 'main', r.sub));
      return [id, r] as const;
    });
    for (const [id, r] of viewers) {
      const s = await r.waitState('offline');
      expect(s.reason, id).toBe('source_error');
      expect(service.statsFor(id, 'main')?.starts, id).toBe(0);
    }
    // The good camera next to them is not affected.
    await good.waitState('live', 20_000);
    expect(ffmpegChildren()).toHaveLength(1);
    // Give a would-be crash time to surface.
    await new Promise((r) => setTimeout(r, 300));
    expect(rejections).toEqual([]);
    expect(visits).toBe(0);
    const log = logLines.join('\n');
    expect(log).toContain('camera source refused');
    expect(log).toMatch(/url_scheme/);
    expect(log).toMatch(/url_no_scheme/);
    expect(log).toMatch(/url_control_chars/);
    expect(log).not.toContain('hunter2');
    unsubs.forEach((u) => u());
  });

  it('is refused by ffmpeg itself should one ever get past the check (protocol whitelist)', async () => {
    const argv = relayArgs({ source: { url: source.url('h264'), transport: 'tcp' }, mode: 'copy', timeoutOption: 'timeout', socketTimeoutMs: 2000 });
    for (const input of [
      'file:/etc/passwd',
      'concat:/etc/passwd|/etc/hosts',
      'subfile:,,start,0,end,0,,:/etc/passwd',
      `http://127.0.0.1:${port(http)}/admin`,
    ]) {
      const args = [...argv];
      args[args.indexOf('-i') + 1] = input;
      const stderr = await new Promise<string>((resolve) =>
        execFile('/usr/bin/ffmpeg', args, { timeout: 10_000 }, (_e, _out, err) => resolve(String(err))),
      );
      expect(stderr, input).toMatch(/not on whitelist/);
    }
    expect(visits).toBe(0);
  });

  it('whose password ffmpeg prints back (401) never shows it to viewers in the state detail', async () => {
    const service = new LiveService({
      runtimeDir: path.join(tmp, 'run-2'),
      ffmpegPath: '/usr/bin/ffmpeg',
      graceMs: 300,
      resolveSource: async () => ({ url: source.url('h264'), username: 'admin', password: 'Wr0ng@pass', transport: 'tcp' }),
    });
    live = service;
    const v = recorder();
    const unsub = service.subscribe('cam', 'main', v.sub);
    const s = await v.waitState('offline');
    expect(s.reason).toBe('auth_failed');
    expect(JSON.stringify(v.states)).not.toMatch(/Wr0ng|Wr0ng%40pass/);
    unsub();
  });
});
