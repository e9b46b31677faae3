// Serve mode's web server: the built renderer, GET /api/health, the API WebSocket (/api) and the
// video WebSockets (/video). Binds 127.0.0.1 unless told otherwise.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { AppError } from '../../shared/errors';
import type { CallContext } from '../api/dispatcher';
import type { Core } from '../core';
import { createLogger } from '../log/logger';
import { attachApiSocket } from './api-socket';
import {
  allowedHosts,
  hostAllowed,
  createSessionSigner,
  originAllowed,
  parseCookies,
  SECURITY_HEADERS,
  SESSION_COOKIE,
  sessionCookie,
} from './security';
import { resolveStatic, sendFile } from './static-files';
import { videoRoute } from './video-route';
import { loadOrCreateKey } from '../secrets/key-file';

const log = createLogger('serve');

/** Handles an authorised upgrade on a path other than /api (the live video channel). */
export type UpgradeRoute = (ws: WebSocket, url: URL, ctx: CallContext) => void;

export interface ServerOptions {
  core: Core;
  host?: string;
  port?: number;
  /** Built renderer (out/renderer). Without it only the API is served. */
  rendererDir?: string | null;
  /** Extra Host names to accept (e.g. the machine's LAN name when bound to 0.0.0.0). */
  extraHosts?: string[];
  routes?: Record<string, UpgradeRoute>;
  /** Electron's per-window token: accepted instead of the cookie (no browser page to set one). */
  tokens?: Set<string>;
}

export interface RunningServer {
  url: string;
  host: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/** A WebSocket frame may be up to 16 MiB so that oversize calls get a typed error, not a hang-up. */
const WS_MAX_PAYLOAD = 16 * 1024 * 1024;

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const sessions = createSessionSigner(loadOrCreateKey(opts.core.services.dataDir, 'session.key'));
  const tokens = opts.tokens ?? new Set<string>();
  let allowed = new Set<string>();
  const routes: Record<string, UpgradeRoute> = { '/video': videoRoute(opts.core), ...opts.routes };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    if (!hostAllowed(req, allowed)) {
      res.writeHead(421, { 'Content-Type': 'text/plain' }).end('Misdirected request: unknown Host\n');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/api/health') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify({ status: 'ok', version: opts.core.services.version }));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const file = opts.rendererDir ? resolveStatic(opts.rendererDir, url.pathname) : null;
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n');
      return;
    }
    const headers: Record<string, string> = {};
    if (file.endsWith('index.html')) {
      // Each page load gets a session; the WebSocket then proves it came from our page.
      const cookies = parseCookies(req.headers.cookie);
      const existing = cookies[SESSION_COOKIE];
      headers['Set-Cookie'] = sessionCookie(sessions.valid(existing) ? existing! : sessions.issue());
    }
    sendFile(res, file, headers);
  };

  const server = createServer(onRequest);
  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_PAYLOAD, perMessageDeflate: false });

  const refuse = (socket: Duplex, status: number, text: string) => {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const token = url.searchParams.get('token');
    const byToken = !!token && tokens.has(token);
    if (!byToken) {
      if (!hostAllowed(req, allowed)) return refuse(socket, 421, 'Misdirected Request');
      if (!originAllowed(req, allowed)) return refuse(socket, 403, 'Forbidden');
      const cookie = parseCookies(req.headers.cookie)[SESSION_COOKIE];
      if (!sessions.valid(cookie)) return refuse(socket, 401, 'Unauthorized');
    }
    const route = url.pathname === '/api' ? null : routes[url.pathname];
    if (url.pathname !== '/api' && !route) return refuse(socket, 404, 'Not Found');
    wss.handleUpgrade(req, socket, head, (ws) => {
      const ctx: CallContext = { user: opts.core.localUser };
      ws.on('error', (err) => log.debug('socket error', { error: err.message }));
      if (route) route(ws, url, ctx);
      else attachApiSocket(ws, opts.core.dispatcher, opts.core.services.events, ctx);
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new AppError('port_in_use', { port: opts.port ?? 0, host }));
      else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND' || err.code === 'EACCES')
        reject(new AppError('host_unavailable', { host, port: opts.port ?? 0 }, { cause: err }));
      else reject(err);
    };
    server.once('error', onError);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port ?? 0;
  allowed = allowedHosts(host, port, opts.extraHosts);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}/`;
  log.info(`listening on ${url}`);

  return {
    url,
    host,
    port,
    server,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
