// SOAP over HTTP for cameras: the envelope, one POST with a hard deadline and a response-size
// cap (node:http/https, no keep-alive: many cameras answer `Connection: close` and reset idle
// sockets, which a pooled socket would meet as a spurious error), fault parsing, and the HTTP
// statuses cameras really use: 200 (also for some faults), 400 + ter:NotAuthorized for a bad
// WS-Security header (Hikvision, Axis), 401 + WWW-Authenticate for HTTP Digest, 500 for faults.
import http from 'node:http';
import https from 'node:https';
import { type DigestSession } from './auth';
import { addressOf, authFailedError, badResponseError, OnvifError, timeoutError, unreachableError, type SoapFaultInfo } from './errors';
import { child, parseXml, path, textOf, XmlError, type XmlElement, type XmlLimits } from './xml';

export const NS = {
  soap12: 'http://www.w3.org/2003/05/soap-envelope',
  tds: 'http://www.onvif.org/ver10/device/wsdl',
  trt: 'http://www.onvif.org/ver10/media/wsdl',
  tr2: 'http://www.onvif.org/ver20/media/wsdl',
  tptz: 'http://www.onvif.org/ver20/ptz/wsdl',
  tev: 'http://www.onvif.org/ver10/events/wsdl',
  tt: 'http://www.onvif.org/ver10/schema',
  wsnt: 'http://docs.oasis-open.org/wsn/b-2',
  wsa: 'http://www.w3.org/2005/08/addressing',
} as const;

export const DEFAULT_TIMEOUT_MS = 5000;
export const DEFAULT_MAX_RESPONSE_BYTES = 2 * 1024 * 1024;

export interface SoapCallOptions {
  url: string;
  /** Body content, each element carrying its own xmlns. */
  body: string;
  /** Header content (the wsse:Security block, wsa:To ...). */
  header?: string;
  /** For the SOAP 1.2 content type's action parameter (some firmwares route on it). */
  action?: string;
  timeoutMs?: number;
  maxBytes?: number;
  xmlLimits?: Partial<XmlLimits>;
  signal?: AbortSignal;
  /** HTTP Digest state for cameras that answer 401; without it a 401 is an auth failure. */
  digest?: DigestSession;
}

export interface SoapResponse {
  status: number;
  /** The first element inside Body (the `...Response`). */
  body: XmlElement;
  envelope: XmlElement;
  durationMs: number;
}

export function envelope(body: string, header = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="${NS.soap12}"><s:Header>${header}</s:Header><s:Body>${body}</s:Body></s:Envelope>`;
}

/** Fault code, nested subcodes and reason from a SOAP 1.2 or 1.1 Fault element. */
export function parseFault(fault: XmlElement): SoapFaultInfo {
  const strip = (v: string | undefined) => (v ?? '').trim().replace(/^[^:]*:/, '');
  const code12 = child(fault, 'Code');
  if (code12) {
    const subcodes: string[] = [];
    let sub = child(code12, 'Subcode');
    while (sub && subcodes.length < 8) {
      subcodes.push(strip(textOf(child(sub, 'Value'))));
      sub = child(sub, 'Subcode');
    }
    const reason = textOf(path(fault, 'Reason', 'Text')) ?? textOf(child(fault, 'Reason')) ?? '';
    return { code: strip(textOf(child(code12, 'Value'))), subcodes, reason };
  }
  // SOAP 1.1: faultcode/faultstring, ONVIF subcode (if any) somewhere in detail.
  const detail = child(fault, 'detail') ?? child(fault, 'Detail');
  const subcodes = detail ? [...collectTexts(detail, 'Subcode'), ...collectTexts(detail, 'Value')].map(strip) : [];
  return { code: strip(textOf(child(fault, 'faultcode'))), subcodes, reason: textOf(child(fault, 'faultstring')) ?? '' };
}

function collectTexts(el: XmlElement, name: string): string[] {
  const out: string[] = [];
  const walk = (e: XmlElement) => {
    if (e.name === name && e.children.length === 0) out.push(e.text);
    e.children.forEach(walk);
  };
  walk(el);
  return out;
}

interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One HTTP POST with a deadline covering connect, send and the whole answer. */
function post(url: URL, payload: Buffer, headers: Record<string, string>, timeoutMs: number, maxBytes: number, signal?: AbortSignal): Promise<RawReply> {
  const address = addressOf(url);
  return new Promise((resolve, reject) => {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      reject(badResponseError(address, `unsupported scheme ${url.protocol}`));
      return;
    }
    const lib = url.protocol === 'https:' ? https : http;
    let settled = false;
    const finish = (err: Error | null, reply?: RawReply) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (err) {
        req.destroy();
        reject(err);
      } else resolve(reply!);
    };
    const onAbort = () => finish(new OnvifError('onvif_cancelled', {}));
    const timer = setTimeout(() => finish(timeoutError(address, timeoutMs)), timeoutMs);
    const req = lib.request(
      url,
      {
        method: 'POST',
        agent: false,
        headers: { ...headers, 'Content-Length': String(payload.length), Connection: 'close' },
        // Cameras ship self-signed certificates; the address was given or found on a scanned
        // network, and WS-Security/Digest never send the password itself.
        rejectUnauthorized: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > maxBytes) finish(badResponseError(address, 'too_large', { httpStatus: res.statusCode }));
          else chunks.push(c);
        });
        res.on('end', () => finish(null, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', (err) => finish(unreachableError(address, (err as NodeJS.ErrnoException).code ?? 'reset', err)));
      },
    );
    req.on('error', (err) => finish(unreachableError(address, (err as NodeJS.ErrnoException).code ?? err.message, err)));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    req.end(payload);
  });
}

/** Posts a SOAP request; resolves with the response element or throws an OnvifError. */
export async function soapCall(opts: SoapCallOptions): Promise<SoapResponse> {
  const url = new URL(opts.url);
  const address = addressOf(url);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const payload = Buffer.from(envelope(opts.body, opts.header), 'utf8');
  const contentType = `application/soap+xml; charset=utf-8${opts.action ? `; action="${opts.action}"` : ''}`;
  const started = Date.now();
  const requestUri = url.pathname + url.search;

  let reply: RawReply | null = null;
  // At most two rounds: the second answers an HTTP Digest challenge.
  for (let round = 0; round < 2; round++) {
    const headers: Record<string, string> = { 'Content-Type': contentType };
    const authz = opts.digest?.next('POST', requestUri);
    if (authz) headers.Authorization = authz;
    const left = Math.max(1, deadline - Date.now());
    reply = await post(url, payload, headers, left, maxBytes, opts.signal).catch((err: unknown) => {
      // The deadline covers both rounds: report the whole budget, not what was left of it.
      if (err instanceof OnvifError && err.code === 'camera_timeout') throw timeoutError(address, timeoutMs);
      throw err;
    });
    if (reply.status !== 401) break;
    if (round === 0 && opts.digest?.accept(reply.headers['www-authenticate'])) continue;
    throw authFailedError(address, { httpStatus: 401 });
  }
  const r = reply!;

  let env: XmlElement;
  try {
    env = parseXml(r.body, { maxBytes, ...opts.xmlLimits });
  } catch (err) {
    const reason = err instanceof XmlError ? err.problem : 'malformed';
    throw badResponseError(address, r.status === 200 ? reason : `http_${r.status}_${reason}`, { httpStatus: r.status, cause: err });
  }
  const bodyEl = env.name === 'Envelope' ? child(env, 'Body') : undefined;
  if (!bodyEl) throw badResponseError(address, 'not_soap', { httpStatus: r.status });
  const first = bodyEl.children[0];
  if (first?.name === 'Fault') throw new SoapFaultError(address, parseFault(first), r.status);
  if (r.status < 200 || r.status >= 300) throw badResponseError(address, `http_${r.status}`, { httpStatus: r.status });
  if (!first) throw badResponseError(address, 'empty_body', { httpStatus: r.status });
  return { status: r.status, body: first, envelope: env, durationMs: Date.now() - started };
}

/** A SOAP Fault from the camera; its code depends on what the fault says (see client.ts). */
export class SoapFaultError extends OnvifError {
  constructor(address: string, fault: SoapFaultInfo, httpStatus: number) {
    super('camera_bad_response', { address, reason: `fault ${[fault.code, ...fault.subcodes].filter(Boolean).join('/')}` }, { fault, httpStatus });
    this.name = 'SoapFaultError';
  }
}
