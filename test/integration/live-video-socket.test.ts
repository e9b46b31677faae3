// The video WebSocket as the browser sees it: JSON text frames for state and stats, binary frames
// of whole TS packets starting with a decodable keyframe; closing the socket releases the stream.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { LiveService } from '../../src/core/media/live/live-service';
import { attachVideoSocket, type VideoTextFrame } from '../../src/core/media/live/video-socket';
import { ffmpegChildren, probeTs, waitFor } from './support/live-helpers';
import { startRtspSource, type RtspSource } from './support/rtsp-source';

let source: RtspSource;
let tmp: string;
let live: LiveService;
let wss: WebSocketServer;
let port: number;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'wf-vsock-'));
  source = await startRtspSource({ user: 'u', password: 'p' });
  live = new LiveService({
    runtimeDir: tmp,
    ffmpegPath: '/usr/bin/ffmpeg',
    graceMs: 200,
    resolveSource: async () => ({ url: source.url('h264'), username: 'u', password: 'p', transport: 'tcp' }),
  });
  wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  wss.on('connection', (ws, req) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const stream = url.searchParams.get('stream') === 'sub' ? 'sub' : 'main';
    attachVideoSocket(ws, { cameraId: url.searchParams.get('camera') ?? '', stream }, live, { statsIntervalMs: 300 });
  });
  await new Promise((r) => wss.once('listening', r));
  port = (wss.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const c of wss.clients) c.terminate();
  await new Promise((r) => wss.close(r));
  await live.dispose();
  await source.stop();
  rmSync(tmp, { recursive: true, force: true });
});

it('streams state, stats and decodable TS to a client and lets go when it closes', async () => {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/video?camera=cam1&stream=main`);
  const text: VideoTextFrame[] = [];
  const binary: Buffer[] = [];
  ws.on('message', (data: Buffer, isBinary) => {
    if (isBinary) binary.push(data);
    else text.push(JSON.parse(data.toString()) as VideoTextFrame);
  });
  await waitFor('live state', () => text.some((f) => f.type === 'state' && f.state === 'live'));
  expect(text[0]).toMatchObject({ type: 'state', state: 'connecting' });
  const stats = await waitFor('stats', () => text.find((f) => f.type === 'stats' && f.fps > 0));
  expect(stats).toMatchObject({ cameraId: 'cam1', stream: 'main', viewers: 1, codec: 'h264' });
  await waitFor('some video', () => binary.length > 10);
  for (const b of binary) expect(b.length % 188).toBe(0);
  const probed = probeTs(Buffer.concat(binary));
  expect(probed.codec).toBe('h264');
  expect(probed.frames[0]).toEqual({ key: true, type: 'I' });

  ws.close();
  await waitFor('stream released after grace', () => ffmpegChildren().length === 0 && live.stats().length === 0, 5000);
});
