// Credentials on the wire, two ways:
//  - WS-UsernameToken PasswordDigest (ONVIF Core 5.12, WS-Security UsernameToken Profile 1.0):
//    Base64(SHA1(nonce + created + password)) with a fresh random nonce EVERY call (cameras keep
//    a nonce cache and refuse repeats; Debian's onvif-util repeats within a second — design.md)
//    and Created = our clock + the camera's measured offset (cameras refuse ~±5 min of drift).
//  - HTTP Digest (RFC 7616: MD5 and SHA-256, qop=auth), for cameras that answer 401 to a SOAP
//    call (some Axis and Hanwha firmwares ask for it; snapshot URIs almost always do).
// Passwords never leave this module except hashed.
import { createHash, randomBytes } from 'node:crypto';
import { escapeXml } from './xml';

export interface Credentials {
  username: string;
  password: string;
}

const WSSE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const WSU = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
const DIGEST_TYPE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest';
const BASE64_TYPE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary';

export function passwordDigest(nonce: Buffer, created: string, password: string): string {
  return createHash('sha1')
    .update(Buffer.concat([nonce, Buffer.from(created, 'utf8'), Buffer.from(password, 'utf8')]))
    .digest('base64');
}

/** Created as the camera expects it: UTC, second precision is what most firmwares parse. */
export function createdTime(cameraNowMs: number): string {
  return new Date(cameraNowMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A wsse:Security header block; `cameraNowMs` is our clock plus the camera's offset. */
export function usernameTokenHeader(creds: Credentials, cameraNowMs: number): string {
  const nonce = randomBytes(16);
  const created = createdTime(cameraNowMs);
  return (
    `<wsse:Security xmlns:wsse="${WSSE}" xmlns:wsu="${WSU}"><wsse:UsernameToken>` +
    `<wsse:Username>${escapeXml(creds.username)}</wsse:Username>` +
    `<wsse:Password Type="${DIGEST_TYPE}">${passwordDigest(nonce, created, creds.password)}</wsse:Password>` +
    `<wsse:Nonce EncodingType="${BASE64_TYPE}">${nonce.toString('base64')}</wsse:Nonce>` +
    `<wsu:Created>${created}</wsu:Created></wsse:UsernameToken></wsse:Security>`
  );
}

// ---- HTTP Digest (RFC 7616) -----------------------------------------------------------------

export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque?: string;
  algorithm: 'MD5' | 'SHA-256';
  qop?: 'auth';
  stale: boolean;
}

/** Picks the best Digest challenge of a 401's WWW-Authenticate header(s); null if none we can do. */
export function parseDigestChallenge(headers: string | string[] | undefined): DigestChallenge | null {
  const list = headers === undefined ? [] : Array.isArray(headers) ? headers : [headers];
  let best: DigestChallenge | null = null;
  for (const h of list) {
    // One header may carry several challenges; split before each scheme name.
    for (const part of h.split(/,?\s*(?=\b(?:Digest|Basic|Bearer)\s)/i)) {
      if (!/^Digest\s/i.test(part.trim())) continue;
      const params: Record<string, string> = {};
      const re = /(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g;
      for (let m; (m = re.exec(part)); ) params[m[1]!.toLowerCase()] = (m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1');
      const alg = (params.algorithm ?? 'MD5').toUpperCase();
      if (alg !== 'MD5' && alg !== 'SHA-256') continue; // -sess variants: no camera seen using them
      const qops = (params.qop ?? '').split(',').map((q) => q.trim().toLowerCase());
      if (params.qop !== undefined && !qops.includes('auth')) continue; // auth-int only: cannot
      if (!params.realm || !params.nonce) continue;
      const c: DigestChallenge = {
        realm: params.realm,
        nonce: params.nonce,
        opaque: params.opaque,
        algorithm: alg,
        qop: params.qop !== undefined ? 'auth' : undefined,
        stale: (params.stale ?? '').toLowerCase() === 'true',
      };
      if (!best || (best.algorithm === 'MD5' && c.algorithm === 'SHA-256')) best = c;
    }
  }
  return best;
}

function h(alg: DigestChallenge['algorithm'], s: string): string {
  return createHash(alg === 'MD5' ? 'md5' : 'sha256').update(s, 'utf8').digest('hex');
}

/** The Authorization header value for one request; `nc` counts uses of this server nonce. */
export function digestAuthorization(c: DigestChallenge, creds: Credentials, method: string, uri: string, nc: number): string {
  const ha1 = h(c.algorithm, `${creds.username}:${c.realm}:${creds.password}`);
  const ha2 = h(c.algorithm, `${method}:${uri}`);
  const q = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;
  const parts = [`username=${q(creds.username)}`, `realm=${q(c.realm)}`, `nonce=${q(c.nonce)}`, `uri=${q(uri)}`, `algorithm=${c.algorithm}`];
  if (c.qop) {
    const cnonce = randomBytes(12).toString('hex');
    const ncHex = nc.toString(16).padStart(8, '0');
    parts.push(`qop=auth`, `nc=${ncHex}`, `cnonce=${q(cnonce)}`, `response=${q(h(c.algorithm, `${ha1}:${c.nonce}:${ncHex}:${cnonce}:auth:${ha2}`))}`);
  } else {
    parts.push(`response=${q(h(c.algorithm, `${ha1}:${c.nonce}:${ha2}`))}`);
  }
  if (c.opaque !== undefined) parts.push(`opaque=${q(c.opaque)}`);
  return `Digest ${parts.join(', ')}`;
}

/** Keeps one camera's Digest state: the last challenge and its nonce count. */
export class DigestSession {
  private challenge: DigestChallenge | null = null;
  private nc = 0;

  constructor(private readonly creds: Credentials) {}

  get active(): boolean {
    return this.challenge !== null;
  }

  /** Header for the next request, or undefined until a camera has challenged us. */
  next(method: string, uri: string): string | undefined {
    if (!this.challenge) return undefined;
    return digestAuthorization(this.challenge, this.creds, method, uri, ++this.nc);
  }

  /** Takes a 401's challenge; false when it offers nothing we can answer. */
  accept(header: string | string[] | undefined): boolean {
    const c = parseDigestChallenge(header);
    if (!c) return false;
    this.challenge = c;
    this.nc = 0;
    return true;
  }
}
