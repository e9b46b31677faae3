// Serve mode is a web server on the operator's machine, so the browser is untrusted:
// - Host must be one of ours (stops DNS rebinding: evil.example resolving to 127.0.0.1),
// - WebSocket Origin must be our own page (stops cross-site WebSocket hijacking),
// - the session cookie is HttpOnly and SameSite=Strict.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'wf_session';

export function allowedHosts(bindHost: string, port: number, extra: readonly string[] = []): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]', ...extra]);
  if (bindHost !== '0.0.0.0' && bindHost !== '::') names.add(bindHost.includes(':') ? `[${bindHost}]` : bindHost);
  const hosts = new Set<string>();
  for (const n of names) hosts.add(`${n}:${port}`.toLowerCase());
  return hosts;
}

export function hostAllowed(req: IncomingMessage, allowed: Set<string>): boolean {
  const host = req.headers.host?.toLowerCase();
  return !!host && allowed.has(host);
}

/** The Origin of a WebSocket upgrade must be one of our own http origins. */
export function originAllowed(req: IncomingMessage, allowed: Set<string>): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && allowed.has(u.host.toLowerCase());
  } catch {
    return false;
  }
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

/**
 * Session tokens are signed, not remembered, so a page keeps its session when the core restarts
 * (the status bar shows the reconnect; the operator does not have to reload the wall).
 */
export function createSessionSigner(key: Buffer) {
  const mac = (id: string) => createHmac('sha256', key).update(id).digest('base64url');
  return {
    issue(): string {
      const id = randomBytes(24).toString('base64url');
      return `${id}.${mac(id)}`;
    },
    valid(token: string | undefined): boolean {
      if (!token) return false;
      const [id, sig] = token.split('.');
      if (!id || !sig) return false;
      const expected = Buffer.from(mac(id));
      const given = Buffer.from(sig);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}

export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

export const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};
