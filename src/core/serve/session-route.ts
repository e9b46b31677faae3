// POST /api/http/<method>: the calls that hand a client a session or take it away (sign-in, the
// first administrator, sign-out). They go through the same dispatcher as every other call; only
// the cookie is this route's. A cross-site form cannot reach it: the Origin must be ours and the
// body must be JSON (which a form cannot send without a preflight we never grant).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { api, isMethodName, type Result } from '../../shared/contract';
import type { CallContext, Dispatcher } from '../api/dispatcher';
import type { CallSource } from '../auth/auth-service';
import type { Principal } from '../auth/principal';
import { sessionCookie } from './security';

const MAX_BODY = 64 * 1024;
const BODY_TIMEOUT_MS = 10_000;

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    let size = 0;
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => done(null), BODY_TIMEOUT_MS);
    const done = (v: string | null) => {
      clearTimeout(timer);
      req.removeAllListeners('data');
      resolve(v);
    };
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) done(null);
      else chunks.push(c);
    });
    req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => done(null));
  });
}

function answer(res: ServerResponse, status: number, result: Result<unknown>, cookie?: string): void {
  const headers: Record<string, string> = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };
  if (cookie) headers['Set-Cookie'] = cookie;
  res.writeHead(status, headers).end(JSON.stringify(result));
}

export interface SessionRouteDeps {
  dispatcher: Dispatcher;
  secure: boolean;
}

export async function sessionRoute(req: IncomingMessage, res: ServerResponse, name: string, principal: Principal | null, source: CallSource, d: SessionRouteDeps): Promise<void> {
  if (!isMethodName(name) || api[name].transport !== 'http') {
    answer(res, 404, { ok: false, error: { code: 'unknown_method', params: { method: name.slice(0, 100) } } });
    return;
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    answer(res, 415, { ok: false, error: { code: 'bad_request', params: { problem: 'not_json' } } });
    return;
  }
  const body = await readBody(req);
  let input: unknown;
  try {
    input = body === null ? undefined : JSON.parse(body || '{}');
  } catch {
    input = undefined;
  }
  if (input === undefined) {
    answer(res, 400, { ok: false, error: { code: 'bad_request', params: { problem: 'not_json' } } });
    return;
  }
  let cookie: string | undefined;
  const ctx: CallContext = { principal, source, setSession: (token) => (cookie = sessionCookie(token, d.secure)) };
  const result = await d.dispatcher.call(name, input, ctx);
  answer(res, 200, result, cookie);
}
