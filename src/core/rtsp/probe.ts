// A small RTSP prober: is the camera's stream there, and do our credentials open it — without
// opening any video. TCP connect, OPTIONS, then DESCRIBE (answering one Basic or Digest challenge,
// the way RTSP clients such as go2rtc and MediaMTX do); never SETUP or PLAY. One socket per probe,
// closed on every path; every failure is a reason, never an exception.
import net from 'node:net';
import { digestAuthorization, parseDigestChallenge } from '../onvif/auth';

export type RtspProbeFailure =
  /** Nothing listens (refused, no route, DNS), or it hung up without a word of answer. */
  | 'unreachable'
  /** Connected, then silence (or no connection) until the deadline. */
  | 'timeout'
  /** The camera refused our credentials. */
  | 'auth_failed'
  /** The camera answers but has no such stream (404/454). */
  | 'stream_not_found'
  /** Not RTSP, or an answer we cannot read. */
  | 'bad_response';

export type RtspProbeResult = { ok: true; ms: number } | { ok: false; reason: RtspProbeFailure; status?: number; ms: number };

export interface RtspProbeOptions {
  username?: string;
  password?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

interface Response {
  status: number;
  headers: Map<string, string[]>;
}

/** Longest answer head we read: a camera sending more is not answering RTSP. */
const MAX_HEAD = 16 * 1024;

/** Parses the head of an RTSP response (status line and headers); null until the blank line. */
export function parseResponseHead(text: string): { res: Response; headLength: number } | 'bad' | null {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return text.length > MAX_HEAD ? 'bad' : null;
  const lines = text.slice(0, end).split('\r\n');
  const m = /^RTSP\/1\.[0-9] ([0-9]{3})(?: .*)?$/.exec(lines[0] ?? '');
  if (!m) return 'bad';
  const headers = new Map<string, string[]>();
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const k = line.slice(0, i).trim().toLowerCase();
    headers.set(k, [...(headers.get(k) ?? []), line.slice(i + 1).trim()]);
  }
  return { res: { status: Number(m[1]), headers }, headLength: end + 4 };
}

function basic(user: string, pass: string): string {
  return `Basic ${Buffer.from(`${user}:${pass}`, 'utf8').toString('base64')}`;
}

/** Strips credentials from the URL: they travel in Authorization, never in the request line. */
function requestUri(url: URL): string {
  const u = new URL(url.href);
  u.username = '';
  u.password = '';
  return u.href;
}

export async function probeRtsp(rawUrl: string, opts: RtspProbeOptions = {}): Promise<RtspProbeResult> {
  const started = Date.now();
  const fail = (reason: RtspProbeFailure, status?: number): RtspProbeResult => ({ ok: false, reason, ...(status !== undefined ? { status } : {}), ms: Date.now() - started });
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return fail('bad_response');
  }
  if (url.protocol !== 'rtsp:') return fail('bad_response');
  const username = opts.username ?? decodeURIComponent(url.username);
  const password = opts.password ?? decodeURIComponent(url.password);
  const uri = requestUri(url);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port ? Number(url.port) : 554;

  return new Promise<RtspProbeResult>((resolve) => {
    let settled = false;
    let buffer = '';
    let cseq = 0;
    let connected = false;
    let step: 'OPTIONS' | 'DESCRIBE' = 'OPTIONS';
    let authTried = false;
    const socket = net.connect({ host, port });
    socket.setNoDelay(true);
    const finish = (r: RtspProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(r);
    };
    const onAbort = () => finish(fail('timeout'));
    const timer = setTimeout(() => finish(fail('timeout')), opts.timeoutMs ?? 5000);
    if (opts.signal?.aborted) return finish(fail('timeout'));
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    const send = (method: 'OPTIONS' | 'DESCRIBE', auth?: string) => {
      step = method;
      const lines = [`${method} ${uri} RTSP/1.0`, `CSeq: ${++cseq}`, 'User-Agent: Watchfloor health probe'];
      if (method === 'DESCRIBE') lines.push('Accept: application/sdp');
      if (auth) lines.push(`Authorization: ${auth}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    };
    const authFor = (res: Response): string | null => {
      const challenges = res.headers.get('www-authenticate') ?? [];
      const digest = parseDigestChallenge(challenges);
      if (digest) return digestAuthorization(digest, { username, password }, 'DESCRIBE', uri, 1);
      if (challenges.some((c) => /^basic\b/i.test(c))) return basic(username, password);
      return null;
    };
    const onResponse = (res: Response) => {
      if (step === 'OPTIONS') {
        // Some cameras want credentials even for OPTIONS; DESCRIBE will meet the same challenge.
        if (res.status >= 500) return finish(fail('bad_response', res.status));
        return send('DESCRIBE');
      }
      if (res.status === 200) return finish({ ok: true, ms: Date.now() - started });
      if (res.status === 401) {
        if (authTried || !username) return finish(fail('auth_failed', 401));
        const auth = authFor(res);
        if (!auth) return finish(fail('auth_failed', 401));
        authTried = true;
        return send('DESCRIBE', auth);
      }
      if (res.status === 403) return finish(fail('auth_failed', 403));
      if (res.status === 404 || res.status === 454) return finish(fail('stream_not_found', res.status));
      return finish(fail('bad_response', res.status));
    };

    socket.on('connect', () => {
      connected = true;
      send('OPTIONS');
    });
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        const head = parseResponseHead(buffer);
        if (head === null) return;
        if (head === 'bad') return finish(fail('bad_response'));
        const length = Number(head.res.headers.get('content-length')?.[0] ?? 0);
        if (!Number.isFinite(length) || length < 0 || length > 1_000_000) return finish(fail('bad_response'));
        if (buffer.length < head.headLength + length) return;
        buffer = buffer.slice(head.headLength + length);
        onResponse(head.res);
        if (settled) return;
      }
    });
    // A camera going down (reboot, power, link) resets the connection between our request and its
    // answer: that is a camera gone, not a camera talking nonsense. Only half an answer is unreadable.
    const hungUp = () => finish(fail(connected && buffer.length > 0 ? 'bad_response' : 'unreachable'));
    socket.on('error', hungUp);
    socket.on('close', hungUp);
  });
}

/** Just a TCP connect: for a camera without an RTSP address (ONVIF only) or a bare port check. */
export function tcpConnect(host: string, port: number, timeoutMs = 3000): Promise<'ok' | 'unreachable' | 'timeout'> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (r: 'ok' | 'unreachable' | 'timeout') => {
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => done('timeout'), timeoutMs);
    socket.once('connect', () => done('ok'));
    socket.once('error', () => done('unreachable'));
  });
}
