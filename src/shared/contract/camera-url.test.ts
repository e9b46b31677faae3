import { describe, expect, it } from 'vitest';
import { parseCameraUrl, percentDecode, stripUrlCredentials } from './camera-url';

const problem = (raw: string, kind: 'stream' | 'device' = 'stream') => {
  const r = parseCameraUrl(raw, kind);
  return r.ok ? 'ok' : r.problem;
};

describe('parseCameraUrl', () => {
  it('accepts ordinary camera addresses and keeps them as typed', () => {
    for (const url of [
      'rtsp://192.0.2.10:554/Streaming/Channels/101',
      'rtsp://192.0.2.10/cam/realmonitor?channel=1&subtype=0',
      'rtsps://cam-01.ward.local:322/live',
      'rtsp://[2001:db8::5]:554/main',
    ]) {
      const r = parseCameraUrl(url, 'stream');
      expect(r, url).toMatchObject({ ok: true, value: { url, username: null, password: null } });
    }
    expect(parseCameraUrl('http://192.0.2.10/onvif/device_service', 'device')).toMatchObject({ ok: true, value: { host: '192.0.2.10', port: null } });
  });

  it('refuses control characters anywhere, even those WHATWG would silently drop', () => {
    for (const raw of ['rtsp://host/x\r\nX-Evil: 1', 'rtsp://host/x\n', 'rtsp://ho\tst/x', 'rtsp://host/x\u0000', 'rtsp://host/\u0085']) {
      expect(problem(raw), JSON.stringify(raw)).toBe('url_control_chars');
    }
  });

  it('says a scheme is missing rather than that the address is malformed', () => {
    expect(problem('192.168.1.5/stream')).toBe('url_no_scheme');
    expect(problem('192.168.1.5:554/stream')).toBe('url_no_scheme');
    expect(problem('camera.local:554/x')).toBe('url_no_scheme');
    expect(problem('localhost:554/x')).toBe('url_no_scheme');
    expect(problem('admin:pw@192.168.1.5/x')).toBe('url_no_scheme');
  });

  it('refuses every scheme outside the allow-list, and names it', () => {
    for (const raw of [
      'file:/etc/passwd',
      'file:///etc/passwd',
      'concat:/etc/passwd|/etc/hosts',
      'subfile:,,start,0,end,0,,:/etc/passwd',
      'tcp://127.0.0.1:22',
      'http://127.0.0.1:8640/api',
      'udp://239.0.0.1:1234',
      'data:text/plain,x',
    ]) {
      expect(problem(raw), raw).toBe('url_scheme');
    }
    expect(parseCameraUrl('FILE:/etc/passwd', 'stream')).toEqual({ ok: false, problem: 'url_scheme', scheme: 'file' });
    // http is for device URLs only; RTSP is for streams only.
    expect(problem('http://192.0.2.10/snapshot.jpg', 'device')).toBe('ok');
    expect(problem('rtsp://192.0.2.10/main', 'device')).toBe('url_scheme');
  });

  it('checks the host and the port', () => {
    expect(problem('rtsp://cam host/x')).toBe('url_host');
    expect(problem('rtsp:///x')).toBe('url_host');
    expect(problem('rtsp://user:pw@/x')).toBe('url_host');
    expect(problem('rtsp://%41dmin/x')).toBe('url_host');
    expect(problem('rtsp://[zz::1]/x')).toBe('url_host');
    expect(problem('rtsp://host:0/x')).toBe('url_port');
    expect(problem('rtsp://host:65536/x')).toBe('url_port');
    expect(problem('rtsp://host:/x')).toBe('url_port');
    expect(problem('rtsp://host:55a/x')).toBe('url_port');
    expect(problem('rtsp://host:65535/x')).toBe('ok');
  });

  it('refuses over-long values', () => {
    expect(problem(`rtsp://host/${'a'.repeat(2000)}`)).toBe('url_too_long');
  });

  it('moves credentials out of the URL, percent-decoded, the password whole', () => {
    expect(parseCameraUrl('rtsp://admin:P@ss@w0rd@192.0.2.10/x', 'stream')).toEqual({
      ok: true,
      value: { url: 'rtsp://192.0.2.10/x', scheme: 'rtsp', host: '192.0.2.10', port: null, username: 'admin', password: 'P@ss@w0rd' },
    });
    expect(parseCameraUrl('rtsp://user:pa%40ss%3Aw%2Frd@host:554/x', 'stream')).toMatchObject({
      ok: true,
      value: { url: 'rtsp://host:554/x', username: 'user', password: 'pa@ss:w/rd' },
    });
    expect(parseCameraUrl('rtsp://m%E1%BA%ABu:pa%ss@host/x', 'stream')).toMatchObject({ ok: true, value: { username: 'mẫu', password: 'pa%ss' } });
    expect(parseCameraUrl('rtsp://:secret@host/x', 'stream')).toMatchObject({
      ok: true,
      value: { url: 'rtsp://host/x', username: null, password: 'secret' },
    });
  });

  it('points a password holding / to its own field instead of calling it a bad port', () => {
    expect(problem('rtsp://admin:pa/ss@host/x')).toBe('url_userinfo');
  });
});

describe('stripUrlCredentials', () => {
  it('removes credentials from parseable and unparseable URLs alike', () => {
    expect(stripUrlCredentials('rtsp://admin:P@ss@host/x')).toBe('rtsp://host/x');
    expect(stripUrlCredentials('rtsp://host/x')).toBe('rtsp://host/x');
    expect(stripUrlCredentials('rtsp://admin:pw@cam host/x')).toBe('rtsp://cam host/x');
    expect(stripUrlCredentials('rtsp://admin:pa/ss@host:99999/x')).toBe('rtsp://host:99999/x');
    expect(stripUrlCredentials('192.168.1.5/stream')).toBe('192.168.1.5/stream');
  });
});

describe('percentDecode', () => {
  it('decodes what is valid and keeps the rest as typed', () => {
    expect(percentDecode('a%20b')).toBe('a b');
    expect(percentDecode('100%')).toBe('100%');
    expect(percentDecode('%E1%BA')).toBe('%E1%BA');
  });
});
