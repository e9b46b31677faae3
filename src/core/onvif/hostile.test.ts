// Bad input from a "camera": huge, deep, entity-laden, DOCTYPE'd and malformed answers served by
// a tiny node:http server, plus HTTP Digest (MD5 and SHA-256) and the XAddr filter.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestAuthorization, parseDigestChallenge } from './auth';
import { OnvifClient } from './client';
import { getDeviceInformation } from './device';
import { isOnvifError, type OnvifError } from './errors';
import { checkXaddr, expandRange, parseCidr } from './network';
import { soapCall } from './soap';
import { parseXml, XmlError } from './xml';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;
let server: Server;
let base: string;
const routes = new Map<string, Handler>();

const env = (body: string) => `<?xml version="1.0"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body>${body}</s:Body></s:Envelope>`;
const INFO = '<tds:GetDeviceInformationResponse xmlns:tds="http://www.onvif.org/ver10/device/wsdl"><tds:Manufacturer>X</tds:Manufacturer><tds:Model>M</tds:Model></tds:GetDeviceInformationResponse>';

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const h = routes.get(req.url ?? '');
      if (!h) {
        res.writeHead(404).end();
        return;
      }
      h(req, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

function serve(path: string, status: number, body: string | Buffer, type = 'application/soap+xml'): string {
  routes.set(path, (_req, _b, res) => {
    res.writeHead(status, { 'Content-Type': type });
    res.end(body);
  });
  return base + path;
}

async function fails(url: string): Promise<OnvifError> {
  try {
    await soapCall({ url, body: '<GetDeviceInformation xmlns="http://www.onvif.org/ver10/device/wsdl"/>', timeoutMs: 3000 });
  } catch (err) {
    if (isOnvifError(err)) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

describe('hostile answers are refused with a clear error', () => {
  it('huge: more than the response cap, refused while reading', async () => {
    const url = serve('/huge', 200, Buffer.alloc(3 * 1024 * 1024, 'a'));
    const err = await fails(url);
    expect(err.code).toBe('camera_bad_response');
    expect(err.params.reason).toBe('too_large');
  });

  it('deep: 10 000 nested elements', async () => {
    const err = await fails(serve('/deep', 200, env('<a>'.repeat(10_000) + '</a>'.repeat(10_000))));
    expect(err.params.reason).toBe('too_deep');
  });

  it('entity-laden: billion laughs and an external entity never expand', async () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>${env('<x>&lol2;</x>')}`;
    expect((await fails(serve('/lol', 200, lol))).params.reason).toBe('doctype');
    const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${env('<x>&xxe;</x>')}`;
    expect((await fails(serve('/xxe', 200, xxe))).params.reason).toBe('doctype');
    // An undeclared entity without any DTD is simply not well-formed.
    expect((await fails(serve('/undeclared', 200, env('<x>&nope;</x>')))).params.reason).toBe('malformed');
  });

  it('malformed, empty, not SOAP, and an HTML error page', async () => {
    expect((await fails(serve('/cut', 200, env(INFO).slice(0, 120)))).params.reason).toBe('malformed');
    expect((await fails(serve('/empty', 200, ''))).params.reason).toBe('empty');
    expect((await fails(serve('/notsoap', 200, '<html><body>hi</body></html>'))).params.reason).toBe('not_soap');
    const html = await fails(serve('/500', 500, '<html><body><h1>Internal Server Error</h1></body></html>', 'text/html'));
    expect(html.params.reason).toBe('not_soap');
    expect(html.extra.httpStatus).toBe(500);
  });

  it('many elements: refused past the element limit', () => {
    expect(() => parseXml(`<r>${'<i/>'.repeat(60_000)}</r>`)).toThrow(XmlError);
  });

  it('a fault in a 200 answer is still a fault', async () => {
    const fault = env(
      '<s:Fault><s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>ter:InvalidArgVal</s:Value><s:Subcode><s:Value>ter:NoProfile</s:Value></s:Subcode></s:Subcode></s:Code><s:Reason><s:Text xml:lang="en">No such profile</s:Text></s:Reason></s:Fault>',
    );
    const err = await fails(serve('/fault200', 200, fault));
    expect(err.extra.fault).toEqual({ code: 'Sender', subcodes: ['InvalidArgVal', 'NoProfile'], reason: 'No such profile' });
  });
});

describe('HTTP Digest fallback', () => {
  function digestCamera(path: string, algorithm: 'MD5' | 'SHA-256', password: string): string {
    const nonce = 'abc123nonce';
    routes.set(path, (req, _body, res) => {
      const auth = req.headers.authorization ?? '';
      const p: Record<string, string> = {};
      for (const m of auth.matchAll(/(\w+)=(?:"([^"]*)"|([^\s,]+))/g)) p[m[1]!] = m[2] ?? m[3]!;
      const hash = (s: string) => createHash(algorithm === 'MD5' ? 'md5' : 'sha256').update(s).digest('hex');
      const ok =
        auth.startsWith('Digest ') &&
        p.nonce === nonce &&
        p.response === hash(`${hash(`${p.username}:cam:${password}`)}:${nonce}:${p.nc}:${p.cnonce}:auth:${hash(`POST:${p.uri}`)}`);
      if (!ok) {
        res.writeHead(401, { 'WWW-Authenticate': `Digest realm="cam", qop="auth", nonce="${nonce}", algorithm=${algorithm}` }).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/soap+xml' }).end(env(INFO));
    });
    return base + path;
  }

  it('answers a 401 with Digest (MD5 and SHA-256) and keeps using it', async () => {
    for (const alg of ['MD5', 'SHA-256'] as const) {
      const client = new OnvifClient({ deviceUrl: digestCamera(`/digest-${alg}`, alg, 's3cret'), username: 'admin', password: 's3cret' });
      expect((await getDeviceInformation(client)).model).toBe('M');
      expect((await getDeviceInformation(client)).manufacturer).toBe('X');
    }
  });

  it('a wrong password under Digest is camera_auth_failed', async () => {
    const client = new OnvifClient({ deviceUrl: digestCamera('/digest-wrong', 'MD5', 's3cret'), username: 'admin', password: 'nope' });
    try {
      await getDeviceInformation(client);
      expect.unreachable();
    } catch (err) {
      expect((err as OnvifError).code).toBe('camera_auth_failed');
    }
  });

  it('parses challenges and prefers SHA-256', () => {
    const c = parseDigestChallenge(['Digest realm="a", nonce="n1", qop="auth,auth-int", algorithm=MD5', 'Digest realm="a", nonce="n2", qop="auth", algorithm=SHA-256']);
    expect(c).toMatchObject({ algorithm: 'SHA-256', nonce: 'n2', qop: 'auth' });
    expect(parseDigestChallenge('Basic realm="x"')).toBeNull();
    const header = digestAuthorization({ realm: 'r', nonce: 'n', algorithm: 'MD5', stale: false }, { username: 'u', password: 'p' }, 'GET', '/x', 1);
    // RFC 2069 style (no qop): response = MD5(HA1:nonce:HA2)
    const md5 = (s: string) => createHash('md5').update(s).digest('hex');
    expect(header).toContain(`response="${md5(`${md5('u:r:p')}:n:${md5('GET:/x')}`)}"`);
  });
});

describe('XAddr filter', () => {
  const lan = [parseCidr('192.0.2.0/24')!];
  it('accepts http(s) IPv4 addresses inside the scanned network only', () => {
    expect(checkXaddr('http://192.0.2.10/onvif/device_service', lan).ok).toBe(true);
    expect(checkXaddr('https://192.0.2.10:8443/onvif/device_service', lan).ok).toBe(true);
    const reason = (x: string) => {
      const v = checkXaddr(x, lan);
      return v.ok ? 'ok' : v.reason;
    };
    expect(reason('file:///etc/passwd')).toBe('scheme');
    expect(reason('ftp://192.0.2.10/')).toBe('scheme');
    expect(reason('http://169.254.1.2/onvif/device_service')).toBe('link_local');
    expect(reason('http://198.51.100.7/onvif/device_service')).toBe('outside');
    expect(reason('http://127.0.0.1:8640/api')).toBe('outside');
    expect(reason('http://camera.example/onvif')).toBe('not_ipv4');
    expect(reason('http://admin:pw@192.0.2.10/')).toBe('credentials');
    expect(reason('http://239.255.255.250/')).toBe('reserved');
    expect(reason('http://[fe80::1]/')).toBe('not_ipv4');
    expect(checkXaddr('http://127.0.0.1:8000/onvif/device_service', [parseCidr('127.0.0.0/24')!]).ok).toBe(true);
  });

  it('expands ranges and CIDR blocks, and refuses huge ones', () => {
    expect(expandRange({ cidr: '127.0.0.0/24' })).toHaveLength(254);
    expect(expandRange({ from: '127.0.0.1', to: '127.0.0.3' })).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.3']);
    expect(() => expandRange({ cidr: '10.0.0.0/8' })).toThrow(RangeError);
  });
});

describe('a camera that wants even GetSystemDateAndTime signed, and refuses the password', () => {
  it('ends in onvif_clock_skew (its clock could not be read), without looping', async () => {
    const fault = env(
      '<s:Fault><s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>ter:NotAuthorized</s:Value></s:Subcode></s:Code><s:Reason><s:Text>Sender not Authorized</s:Text></s:Reason></s:Fault>',
    );
    let calls = 0;
    routes.set('/locked', (_req, _b, res) => {
      calls++;
      res.writeHead(400, { 'Content-Type': 'application/soap+xml' }).end(fault);
    });
    const client = new OnvifClient({ deviceUrl: `${base}/locked`, username: 'admin', password: 'wrong' });
    try {
      await getDeviceInformation(client);
      expect.unreachable();
    } catch (err) {
      expect((err as OnvifError).code).toBe('onvif_clock_skew');
    }
    expect(calls).toBeLessThan(6);
  });
});
