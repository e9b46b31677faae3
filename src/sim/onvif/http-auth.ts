// HTTP auth for the snapshot URI: Digest (RFC 2617, qop=auth, MD5) as cameras use, Basic too.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const REALM = 'IP Camera';
const md5 = (s: string) => createHash('md5').update(s).digest('hex');

export type HttpAuthResult = 'ok' | { challenge: string };

export function checkHttpAuth(req: IncomingMessage, creds: { username: string; password: string }): HttpAuthResult {
  const challenge = `Digest realm="${REALM}", qop="auth", nonce="${randomBytes(16).toString('hex')}", algorithm=MD5`;
  const header = req.headers.authorization ?? '';
  if (header.startsWith('Basic ')) {
    const [user, ...rest] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
    return user === creds.username && rest.join(':') === creds.password ? 'ok' : { challenge };
  }
  if (!header.startsWith('Digest ')) return { challenge };
  const p: Record<string, string> = {};
  for (const m of header.slice(7).matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) p[m[1]!] = m[2] ?? m[3] ?? '';
  if (p.username !== creds.username || !p.nonce || !p.response) return { challenge };
  const ha1 = md5(`${creds.username}:${p.realm ?? REALM}:${creds.password}`);
  const ha2 = md5(`${req.method ?? 'GET'}:${p.uri ?? req.url ?? ''}`);
  const expected = p.qop ? md5(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:${p.qop}:${ha2}`) : md5(`${ha1}:${p.nonce}:${ha2}`);
  return expected === p.response ? 'ok' : { challenge };
}
