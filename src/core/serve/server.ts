// Serve mode's web server: the built renderer, GET /api/health, the session calls (POST
// /api/http/<method>), downloads, uploads (/upload), the API WebSocket (/api) and the video WebSockets (/video).
// Binds 127.0.0.1 unless told otherwise; beyond loopback only over TLS or when told it is a
// trusted LAN. Every handler runs inside a guard: no request, header or upgrade can end the core.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { AppError } from '../../shared/errors';
import type { CallSource } from '../auth/auth-service';
import type { Principal } from '../auth/principal';
import type { Core } from '../core';
import { createLogger } from '../log/logger';
import { attachApiSocket } from './api-socket';
import { downloadRoute } from './download-route';
import { incidentRoute, isIncidentRoute } from './incident-routes';
import { repairRoute } from './repair-route';
import { allowedHosts, contentSecurityPolicy, hostAllowed, isLoopback, originAllowed, parseCookies, parseRequestPath, SECURITY_HEADERS, SESSION_COOKIE } from './security';
import { sessionRoute } from './session-route';
import { mapRoute } from './map-route';
import { uploadRoute } from './upload-route';
import { resolveStatic, sendFile } from './static-files';
import { videoRoute } from './video-route';
import { playbackRoute } from './playback-route';

const log = createLogger('serve');

export interface ServerOptions {
  core: Core;
  host?: string;
  port?: number;
  /** Built renderer (out/renderer). Without it only the API is served. */
  rendererDir?: string | null;
  /** Extra Host names to accept (e.g. the machine's LAN name when bound to 0.0.0.0). */
  extraHosts?: string[];
  /** Serve HTTPS (required to bind beyond loopback unless the LAN is declared trusted). */
  tls?: { cert: Buffer | string; key: Buffer | string };
  /**
   * Electron's windows have no cookie: each holds a per-window token, which this maps to the
   * window's current session token (null before sign-in).
   */
  windowSession?: (windowToken: string) => string | null | undefined;
  /**
   * The windows' page origin (Electron's app://watchfloor, or its dev server). Their file requests
   * (uploads, attachments, downloads) reach this loopback core cross-origin with a window token as
   * the credential, so that origin may read the answers; no other origin gets CORS headers.
   */
  windowOrigin?: string;
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
/** Closed with this when the session ended (signed out, password changed, account disabled). */
export const CLOSE_SESSION_ENDED = 4001;

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const { services, dispatcher } = opts.core;
  const secure = !!opts.tls;
  let allowed = new Set<string>();
  const video = videoRoute({ live: services.live, access: services.access, audit: services.audit, viewings: services.viewings, cameraName: (id) => (services.register.exists(id) ? services.register.camera(id).name : null) });
  const playback = playbackRoute({ source: services.playback, access: services.access, audit: services.audit });
  /** Open sockets per session, so an ended session's sockets close at once. */
  const socketsBySession = new Map<string, Set<WebSocket>>();
  const offEnded = services.auth.onSessionsEnded((ids) => {
    for (const id of ids) for (const ws of socketsBySession.get(id) ?? []) ws.close(CLOSE_SESSION_ENDED, 'session ended');
  });

  const sourceOf = (req: IncomingMessage): CallSource => ({ address: req.socket.remoteAddress ?? 'unknown', local: isLoopback(req.socket.remoteAddress) });

  /** The session token a request carries: the cookie, or (Electron) a window token's session. */
  const sessionToken = (req: IncomingMessage, url: URL): string | null => {
    const windowToken = url.searchParams.get('token');
    if (windowToken && opts.windowSession) return opts.windowSession(windowToken) ?? null;
    return parseCookies(req.headers.cookie)[SESSION_COOKIE] ?? null;
  };

  const onRequest = async (req: IncomingMessage, res: ServerResponse) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    if (!hostAllowed(req, allowed)) {
      res.writeHead(421, { 'Content-Type': 'text/plain' }).end('Misdirected request: unknown Host\n');
      return;
    }
    const url = parseRequestPath(req.url);
    if (!url) {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad request\n');
      return;
    }
    // A window's token is its credential (never a cookie), so letting its page's origin read the
    // answer adds no ambient authority; the preflight a file upload sends is answered here.
    if (opts.windowOrigin && opts.windowSession && req.headers.origin === opts.windowOrigin && url.searchParams.get('token')) {
      res.setHeader('Access-Control-Allow-Origin', opts.windowOrigin);
      res.setHeader('Vary', 'Origin');
      if (req.method === 'OPTIONS') {
        const headers = req.headers['access-control-request-headers'];
        res.writeHead(204, {
          'Access-Control-Allow-Methods': 'GET, POST',
          ...(typeof headers === 'string' && /^[\w\-, ]{0,512}$/.test(headers) ? { 'Access-Control-Allow-Headers': headers } : {}),
          'Access-Control-Max-Age': '600',
        });
        res.end();
        return;
      }
    }
    if (url.pathname === '/api/health') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify({ status: 'ok', version: services.version }));
      return;
    }
    if (url.pathname.startsWith('/api/http/')) {
      if (req.method !== 'POST') return void res.writeHead(405, { Allow: 'POST' }).end();
      if (!originAllowed(req, allowed)) return void res.writeHead(403, { 'Content-Type': 'text/plain' }).end('Forbidden\n');
      const principal = services.auth.resolve(sessionToken(req, url));
      await sessionRoute(req, res, url.pathname.slice('/api/http/'.length), principal, sourceOf(req), { dispatcher, secure });
      return;
    }
    if (url.pathname === '/upload') {
      // An Electron window's token stands for its Origin (its pages are not served from here).
      const byWindow = !!url.searchParams.get('token') && !!opts.windowSession;
      if (!byWindow && !originAllowed(req, allowed)) return void res.writeHead(403, { 'Content-Type': 'text/plain' }).end('Forbidden\n');
      const principal = services.auth.resolve(sessionToken(req, url));
      const purpose = url.searchParams.get('for');
      const store = purpose === 'map' ? services.maps.uploads : purpose === 'repair' ? services.repairPhotos.uploads : services.uploads;
      await uploadRoute(req, res, principal, sourceOf(req), services, store);
      return;
    }
    if (url.pathname.startsWith('/maps/')) {
      const principal = services.auth.resolve(sessionToken(req, url));
      await mapRoute(req, res, url, principal, services);
      return;
    }
    if (url.pathname.startsWith('/repair/')) {
      const principal = services.auth.resolve(sessionToken(req, url));
      await repairRoute(req, res, url, principal, sourceOf(req), services);
      return;
    }
    if (isIncidentRoute(url.pathname)) {
      const principal = services.auth.resolve(sessionToken(req, url));
      const byWindow = !!url.searchParams.get('token') && !!opts.windowSession;
      await incidentRoute(req, res, url, principal, sourceOf(req), services, byWindow || originAllowed(req, allowed));
      return;
    }
    if (url.pathname.startsWith('/download/')) {
      const principal = services.auth.resolve(sessionToken(req, url));
      await downloadRoute(req, res, url, principal, sourceOf(req), services);
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
    sendFile(res, file, file.endsWith('.html') ? { 'Content-Security-Policy': contentSecurityPolicy("'self'") } : {});
  };

  const guardedRequest = (req: IncomingMessage, res: ServerResponse) => {
    onRequest(req, res).catch((err: unknown) => {
      log.error('request failed', { path: (req.url ?? '').slice(0, 200), error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' }).end('Internal error\n');
      else res.destroy();
    });
  };

  const server: Server = opts.tls ? createHttpsServer({ cert: opts.tls.cert, key: opts.tls.key }, guardedRequest) : createHttpServer(guardedRequest);
  // A malformed request line or header never reaches a handler: answer 400 and drop the socket.
  server.on('clientError', (err, socket) => {
    log.debug('client error', { error: err.message });
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_PAYLOAD, perMessageDeflate: false });

  const refuse = (socket: Duplex, status: number, text: string) => {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };

  const track = (ws: WebSocket, principal: Principal | null) => {
    const id = principal?.sessionId;
    if (!id) return;
    const set = socketsBySession.get(id) ?? new Set();
    set.add(ws);
    socketsBySession.set(id, set);
    ws.once('close', () => {
      set.delete(ws);
      if (set.size === 0) socketsBySession.delete(id);
    });
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', (err) => log.debug('upgrade socket error', { error: err.message }));
    if (!hostAllowed(req, allowed)) return refuse(socket, 421, 'Misdirected Request');
    const url = parseRequestPath(req.url);
    if (!url) return refuse(socket, 400, 'Bad Request');
    const byWindow = !!url.searchParams.get('token') && !!opts.windowSession;
    if (!byWindow && !originAllowed(req, allowed)) return refuse(socket, 403, 'Forbidden');
    const principal = services.auth.resolve(sessionToken(req, url));
    const source = sourceOf(req);
    if (url.pathname === '/api') {
      const sessionId = principal?.sessionId ?? null;
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.on('error', (err) => log.debug('socket error', { error: err.message }));
        track(ws, principal);
        // Signed-in sockets follow their session (lock, role change); anonymous ones stay anonymous.
        attachApiSocket(ws, {
          dispatcher,
          events: services.events,
          access: services.access,
          source,
          principal: () => (sessionId ? services.auth.resolveId(sessionId) : null),
        });
      });
      return;
    }
    if (url.pathname === '/video') {
      if (!principal) return refuse(socket, 401, 'Unauthorized');
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.on('error', (err) => log.debug('socket error', { error: err.message }));
        track(ws, principal);
        video(ws, url, principal, source);
      });
      return;
    }
    if (url.pathname === '/playback') {
      if (!principal) return refuse(socket, 401, 'Unauthorized');
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.on('error', (err) => log.debug('socket error', { error: err.message }));
        track(ws, principal);
        playback(ws, url, principal, source);
      });
      return;
    }
    refuse(socket, 404, 'Not Found');
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    try {
      onUpgrade(req, socket, head);
    } catch (err) {
      log.error('upgrade failed', { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      socket.destroy();
    }
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
      // From now on a listening error is logged, never thrown at nobody.
      server.on('error', (err) => log.error('server error', { error: err.message }));
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? 0);
  allowed = allowedHosts(host, port, opts.extraHosts);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const url = `${secure ? 'https' : 'http'}://${shownHost}:${port}/`;
  log.info(`listening on ${url}`);

  return {
    url,
    host,
    port,
    server,
    async close() {
      offEnded();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
