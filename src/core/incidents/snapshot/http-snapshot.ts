// The camera's own still (ONVIF GetSnapshotUri): one HTTP GET, HTTP Digest when challenged (snapshot
// URIs almost always want it, design.md), a deadline over the whole exchange, a size cap, and a
// JPEG check on what came back. The URI's origin is always the camera's device address: an answer
// naming another host is rebased onto it (OnvifClient.rebase), never followed.
import http from 'node:http';
import https from 'node:https';
import { AppError } from '../../../shared/errors';
import { DigestSession } from '../../onvif/auth';
import { isJpeg } from './jpeg';

const MAX_BYTES = 32 * 1024 * 1024;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function get(url: URL, headers: Record<string, string>, deadline: number): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const lib = url.protocol === 'https:' ? https : http;
    const left = Math.max(1, deadline - Date.now());
    let done = false;
    const finish = (err: Error | null, r?: Reply) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (err) {
        req.destroy();
        reject(err);
      } else resolve(r!);
    };
    const timer = setTimeout(() => finish(new AppError('camera_timeout', { address: url.host })), left);
    // Cameras ship self-signed certificates (as for SOAP in onvif/soap.ts).
    const req = lib.request(url, { method: 'GET', agent: false, headers: { ...headers, Connection: 'close' }, rejectUnauthorized: false }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BYTES) finish(new AppError('snapshot_failed', { reason: 'too_large' }));
        else chunks.push(c);
      });
      res.on('end', () => finish(null, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', (e) => finish(new AppError('camera_unreachable', { address: url.host, reason: e.message })));
    });
    req.on('error', (e) => finish(new AppError('camera_unreachable', { address: url.host, reason: (e as NodeJS.ErrnoException).code ?? e.message })));
    req.end();
  });
}

export async function fetchSnapshot(uri: string, creds: { username: string; password: string } | null, timeoutMs = 8000): Promise<Buffer> {
  const url = new URL(uri);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new AppError('snapshot_failed', { reason: 'scheme' });
  url.username = '';
  url.password = '';
  const deadline = Date.now() + timeoutMs;
  const digest = creds ? new DigestSession(creds) : null;
  const requestUri = url.pathname + url.search;
  let reply: Reply | null = null;
  for (let round = 0; round < 2; round++) {
    const headers: Record<string, string> = {};
    const authz = digest?.next('GET', requestUri);
    if (authz) headers.Authorization = authz;
    // Basic only over TLS: over plain HTTP it would hand the password to anyone on the path.
    else if (round === 1 && creds && url.protocol === 'https:')
      headers.Authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
    reply = await get(url, headers, deadline);
    if (reply.status !== 401 || round === 1) break;
    // Digest when offered; Basic only where the camera itself asked for it (some old firmwares).
    if (!digest?.accept(reply.headers['www-authenticate']) && !/^basic/i.test(String(reply.headers['www-authenticate'] ?? ''))) break;
  }
  if (reply!.status === 401) throw new AppError('camera_auth_failed', { address: url.host });
  if (reply!.status !== 200) throw new AppError('snapshot_failed', { reason: `http_${reply!.status}` });
  if (!isJpeg(reply!.body)) throw new AppError('snapshot_failed', { reason: 'not_jpeg' });
  return reply!.body;
}
