// The prober against small RTSP servers on loopback port 0: the answers a camera gives (200, a
// Digest or Basic challenge, 404), and the ones a broken camera gives (silence after connect,
// garbage, a port nobody listens on). Fuzzed: no answer makes it throw or hang past its deadline.
import net from 'node:net';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { parseResponseHead, probeRtsp } from './probe';

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A server that answers each request (by method and Authorization) with what `answer` returns. */
async function rtspServer(answer: (method: string, auth: string | null, raw: string) => string | null): Promise<string> {
  const server = net.createServer((sock) => {
    let buf = '';
    sock.on('error', () => undefined);
    sock.on('data', (d) => {
      buf += d.toString('latin1');
      let i;
      while ((i = buf.indexOf('\r\n\r\n')) >= 0) {
        const req = buf.slice(0, i);
        buf = buf.slice(i + 4);
        const method = req.split(' ')[0]!;
        const cseq = /CSeq: (\d+)/.exec(req)?.[1] ?? '0';
        const auth = /Authorization: (.*)/.exec(req)?.[1] ?? null;
        const out = answer(method, auth, req);
        if (out !== null) sock.write(out.replace('{cseq}', cseq));
      }
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `rtsp://127.0.0.1:${(server.address() as net.AddressInfo).port}/stream1`;
}

const ok = 'RTSP/1.0 200 OK\r\nCSeq: {cseq}\r\nPublic: OPTIONS, DESCRIBE\r\n\r\n';
const sdp = 'v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=x\r\nm=video 0 RTP/AVP 96\r\n';
const described = `RTSP/1.0 200 OK\r\nCSeq: {cseq}\r\nContent-Type: application/sdp\r\nContent-Length: ${sdp.length}\r\n\r\n${sdp}`;

describe('probeRtsp', () => {
  it('answers ok for a stream that DESCRIBEs, without credentials', async () => {
    const url = await rtspServer((m) => (m === 'OPTIONS' ? ok : described));
    expect(await probeRtsp(url, { timeoutMs: 2000 })).toMatchObject({ ok: true });
  });

  it('answers a Digest challenge with the right response, and says auth_failed for a wrong password', async () => {
    const realm = 'cam';
    const nonce = 'abc123';
    const url = await rtspServer((m, auth, raw) => {
      if (m === 'OPTIONS') return ok;
      if (!auth) return `RTSP/1.0 401 Unauthorized\r\nCSeq: {cseq}\r\nWWW-Authenticate: Digest realm="${realm}", nonce="${nonce}"\r\n\r\n`;
      const uri = /uri="([^"]+)"/.exec(auth)![1]!;
      const md5 = (s: string) => createHash('md5').update(s).digest('hex');
      const want = md5(`${md5(`admin:${realm}:s3cret`)}:${nonce}:${md5(`DESCRIBE:${uri}`)}`);
      expect(raw).not.toContain('s3cret');
      return auth.includes(`response="${want}"`) ? described : `RTSP/1.0 401 Unauthorized\r\nCSeq: {cseq}\r\nWWW-Authenticate: Digest realm="${realm}", nonce="${nonce}"\r\n\r\n`;
    });
    expect(await probeRtsp(url, { username: 'admin', password: 's3cret', timeoutMs: 2000 })).toMatchObject({ ok: true });
    expect(await probeRtsp(url, { username: 'admin', password: 'wrong', timeoutMs: 2000 })).toMatchObject({ ok: false, reason: 'auth_failed', status: 401 });
  });

  it('answers Basic when that is all the camera offers', async () => {
    const url = await rtspServer((m, auth) =>
      m === 'OPTIONS' ? ok : auth === `Basic ${Buffer.from('u:p').toString('base64')}` ? described : 'RTSP/1.0 401 Unauthorized\r\nCSeq: {cseq}\r\nWWW-Authenticate: Basic realm="x"\r\n\r\n',
    );
    expect(await probeRtsp(url, { username: 'u', password: 'p', timeoutMs: 2000 })).toMatchObject({ ok: true });
  });

  it('tells a missing stream from a camera that is not there', async () => {
    const url = await rtspServer((m) => (m === 'OPTIONS' ? ok : 'RTSP/1.0 404 Not Found\r\nCSeq: {cseq}\r\n\r\n'));
    expect(await probeRtsp(url, { timeoutMs: 2000 })).toMatchObject({ ok: false, reason: 'stream_not_found', status: 404 });
    const port = Number(new URL(url).port);
    await new Promise((r) => servers.pop()!.close(r));
    expect(await probeRtsp(`rtsp://127.0.0.1:${port}/x`, { timeoutMs: 2000 })).toMatchObject({ ok: false, reason: 'unreachable' });
  });

  it('gives up on a camera that accepts TCP and never answers, at its deadline', async () => {
    const url = await rtspServer(() => null);
    const t0 = Date.now();
    expect(await probeRtsp(url, { timeoutMs: 300 })).toMatchObject({ ok: false, reason: 'timeout' });
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('says unreachable when the camera hangs up between a request and its answer (a reboot), bad_response when it hangs up halfway through one', async () => {
    const silentHangUp = await rtspServer(() => null);
    const cut = servers.at(-1)!;
    cut.on('connection', (sock) => sock.once('data', () => setTimeout(() => sock.resetAndDestroy(), 20)));
    expect(await probeRtsp(silentHangUp, { timeoutMs: 2000 })).toMatchObject({ ok: false, reason: 'unreachable' });
    const halfway = await rtspServer(() => null);
    servers.at(-1)!.on('connection', (sock) => sock.once('data', () => sock.end('RTSP/1.0 200 OK\r\nCSeq: 1\r\n')));
    expect(await probeRtsp(halfway, { timeoutMs: 2000 })).toMatchObject({ ok: false, reason: 'bad_response' });
  });

  it('says bad_response to an HTTP server or garbage', async () => {
    const url = await rtspServer(() => 'HTTP/1.1 400 Bad Request\r\n\r\n');
    expect(await probeRtsp(url, { timeoutMs: 2000 })).toMatchObject({ ok: false, reason: 'bad_response' });
  });

  it('never throws and always ends, whatever bytes the camera sends', async () => {
    let payload = '';
    const url = await rtspServer(() => payload);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 300 }), fc.constantFrom('RTSP/1.0 200 OK\r\nContent-Length: 99999999\r\n\r\n', 'RTSP/1.0 401 x\r\nWWW-Authenticate: Digest\r\n\r\n', 'RTSP/1.0 999\r\n\r\n')), async (p) => {
        payload = p;
        const r = await probeRtsp(url, { username: 'a', password: 'b', timeoutMs: 150 });
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 40 },
    );
  });
});

describe('parseResponseHead', () => {
  it('waits for the blank line and refuses an endless head', () => {
    expect(parseResponseHead('RTSP/1.0 200 OK\r\nCSeq: 1\r\n')).toBeNull();
    expect(parseResponseHead('x'.repeat(20_000))).toBe('bad');
    expect(parseResponseHead('RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n')).toMatchObject({ res: { status: 200 } });
  });
});
