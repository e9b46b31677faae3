// Serve mode is a web server on the operator's machine, so the browser is untrusted:
// - Host must be one of ours (stops DNS rebinding: evil.example resolving to 127.0.0.1),
// - a WebSocket's Origin and a POST's Origin must be our own page (cross-site hijacking, CSRF),
// - the session cookie is HttpOnly and SameSite=Strict (and Secure over TLS).
// Every parser here takes hostile bytes: none of them may throw.
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

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

/** The Origin of a WebSocket upgrade or a POST must be one of our own http(s) origins. */
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

/** Cookie header → name/value pairs. A value that is not valid percent-encoding is kept as sent. */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const part of (header ?? '').slice(0, 8192).split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    const raw = part.slice(i + 1).trim();
    let value = raw;
    try {
      value = decodeURIComponent(raw);
    } catch {
      // `a=%` and friends: not ours to decode, and never a reason to fail the request.
    }
    out[name] = value;
  }
  return out;
}

/**
 * The path and query of a request line, or null. `new URL('//a:b', base)` throws (it reads a host
 * and a bad port), so the path is always parsed as a path under our own origin.
 */
export function parseRequestPath(raw: string | undefined): URL | null {
  const path = raw ?? '/';
  if (!path.startsWith('/') || path.length > 8192) return null;
  try {
    return new URL(`http://localhost${path.replace(/^\/+/, '/')}`);
  } catch {
    return null;
  }
}

export function sessionCookie(token: string | null, secure: boolean): string {
  const flags = `HttpOnly; SameSite=Strict; Path=/${secure ? '; Secure' : ''}`;
  return token ? `${SESSION_COOKIE}=${token}; ${flags}` : `${SESSION_COOKIE}=; Max-Age=0; ${flags}`;
}

/** Loopback peers may create the first administrator; anyone else must wait for one. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  return a === '::1' || (isIP(a) === 4 && a.startsWith('127.'));
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || isLoopback(host);
}

/**
 * The page's Content-Security-Policy, sent with index.html (serve mode) or by Electron's app://
 * handler. `connect` names where the page may open sockets: 'self' in serve mode (same origin,
 * ws: included), the core's own loopback address in Electron — nothing else.
 */
export function contentSecurityPolicy(connect: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    `connect-src ${connect}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
