// A page server for browser tests of the live player: serves the bundled player-page.ts and routes
// WebSocket upgrades on /video to attachVideoSocket, like the serve layer will.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { WebSocketServer } from 'ws';
import type { LiveService } from '../../../src/core/media/live/live-service';
import { attachVideoSocket, type VideoSocketOptions } from '../../../src/core/media/live/video-socket';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface Harness {
  url: string;
  wsUrl(camera: string, stream?: 'main' | 'sub'): string;
  close(): Promise<void>;
}

export async function startHarness(live: LiveService, socketOptions?: VideoSocketOptions): Promise<Harness> {
  const bundle = await build({
    entryPoints: [path.join(here, 'player-page.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'chrome120',
    logLevel: 'silent',
  });
  const js = bundle.outputFiles[0]!.text;
  const server: Server = createServer((req, res) => {
    if (req.url === '/player.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(js);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><body><script type="module" src="/player.js"></script></body>');
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const u = new URL(req.url ?? '/', 'http://x');
    if (u.pathname !== '/video') return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      const stream = u.searchParams.get('stream') === 'sub' ? 'sub' : 'main';
      attachVideoSocket(ws, { cameraId: u.searchParams.get('camera') ?? '', stream }, live, socketOptions);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    wsUrl: (camera, stream = 'main') => `ws://127.0.0.1:${port}/video?camera=${encodeURIComponent(camera)}&stream=${stream}`,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
