// One camera's ONVIF HTTP endpoint. Replies carry an exact-case `Content-Length` and are never
// chunked: Debian's onvif-util (libonvif) reads "No XML reply" otherwise (design.md, camera lab).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PRE_AUTH_ACTIONS, checkUsernameToken } from './auth';
import type { Handler, OnvifCamera } from './context';
import { deviceHandlers } from './device';
import { eventHandlers } from './events';
import { mediaHandlers } from './media';
import { ptzHandlers } from './ptz';
import { checkHttpAuth } from './http-auth';
import { envelope, faultBody, parseSoap, SoapFault, type SoapVersion } from './soap';

const MAX_REQUEST_BYTES = 256 * 1024;

const SERVICES: Record<string, Record<string, Handler>> = {
  device_service: deviceHandlers,
  media_service: mediaHandlers,
  ptz_service: ptzHandlers,
  event_service: eventHandlers,
  subscription: eventHandlers,
};

/** Fault switches the lab flips on a running endpoint. */
export interface OnvifFaults {
  slowMs: number;
  malformed: boolean;
}

export class OnvifEndpoint {
  readonly faults: OnvifFaults = { slowMs: 0, malformed: false };
  private server: Server | null = null;

  constructor(private readonly cam: OnvifCamera) {}

  /** Listens on `port` (0 = any free port) and returns the bound port. */
  async listen(host: string, port: number): Promise<number> {
    const server = createServer((req, res) => void this.handle(req, res));
    server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    return (server.address() as AddressInfo).port;
  }

  /** Stops listening and drops every connection, so the port refuses at once (reboot). */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://camera');
      if (req.method === 'GET' && url.pathname.startsWith('/onvif/snapshot/')) return await this.snapshot(req, res, url);
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST SOAP requests only\n');
      const text = await readBody(req);
      if (this.faults.slowMs) await new Promise((r) => setTimeout(r, this.faults.slowMs));
      const soap = parseSoap(text);
      if (!soap) return this.reply(res, 400, '1.2', faultBody('Sender', 'ter:WellFormed', 'Malformed SOAP request', '1.2'));
      const service = url.pathname.split('/')[2] ?? '';
      const handler = SERVICES[service]?.[soap.action] ?? findAnywhere(soap.action);
      if (!handler) {
        const body = faultBody('Receiver', 'ter:ActionNotSupported', `${soap.action} is not supported`, soap.version);
        return this.reply(res, 500, soap.version, body);
      }
      if (!PRE_AUTH_ACTIONS.has(soap.action)) {
        const result = checkUsernameToken(soap.header, this.cam.info, this.cam.nowMs());
        if (result !== 'ok') {
          // Hikvision/Axis answer 400 + Sender/NotAuthorized for a missing, wrong or stale token.
          const reason = result === 'stale' ? 'The security token is not valid at this time (clock)' : 'Sender not Authorized';
          return this.reply(res, 400, soap.version, faultBody('Sender', 'ter:NotAuthorized', reason, soap.version));
        }
      }
      try {
        const body = await handler(soap, this.cam, url);
        return this.reply(res, 200, soap.version, body);
      } catch (err) {
        if (!(err instanceof SoapFault)) throw err;
        return this.reply(res, err.httpStatus, soap.version, faultBody(err.code, err.subcode, err.message, soap.version));
      }
    } catch (err) {
      if (!res.headersSent) send(res, 500, 'text/plain', `internal error: ${(err as Error).message}\n`);
    }
  }

  private reply(res: ServerResponse, status: number, version: SoapVersion, body: string): void {
    let xml = envelope(body, version);
    // Fault: a reply cut off mid-element, like a camera whose web server crashed mid-write.
    if (this.faults.malformed) xml = xml.slice(0, Math.floor(xml.length * 0.6)) + '<broken attr="';
    const type = version === '1.1' ? 'text/xml; charset=utf-8' : 'application/soap+xml; charset=utf-8';
    send(res, status, type, xml);
  }

  private async snapshot(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const auth = checkHttpAuth(req, this.cam.info);
    if (auth !== 'ok') {
      res.writeHead(401, { 'WWW-Authenticate': auth.challenge, 'Content-Length': '0' });
      res.end();
      return;
    }
    const stream = url.pathname.endsWith('Profile_2') ? 'sub' : 'main';
    try {
      const jpeg = await this.cam.snapshot(stream);
      res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': String(jpeg.length) });
      res.end(jpeg);
    } catch (err) {
      send(res, 503, 'text/plain', `snapshot unavailable: ${(err as Error).message}\n`);
    }
  }
}

function findAnywhere(action: string): Handler | undefined {
  // Many cameras answer any action on any service path; clients rely on it (e.g. one XAddr).
  for (const table of Object.values(SERVICES)) if (table[action]) return table[action];
  return undefined;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  const buf = Buffer.from(body, 'utf8');
  // Header names exactly as written here are what goes on the wire (Node keeps their case).
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': String(buf.length) });
  res.end(buf);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_REQUEST_BYTES) req.destroy(new Error('request too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
