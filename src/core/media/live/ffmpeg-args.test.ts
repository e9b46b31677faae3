import { describe, expect, it } from 'vitest';
import { checkSource, inputWhitelists, relayArgs, urlWithCredentials } from './ffmpeg-args';

const opts = { mode: 'copy' as const, timeoutOption: 'timeout' as const, socketTimeoutMs: 5000 };
const after = (argv: string[], flag: string) => argv[argv.indexOf(flag) + 1];

describe('relayArgs', () => {
  it('limits ffmpeg to the protocols and demuxer the transport needs', () => {
    const tcp = relayArgs({ ...opts, source: { url: 'rtsp://192.0.2.10/main', transport: 'tcp' } });
    expect(after(tcp, '-protocol_whitelist')).toBe('tcp');
    expect(after(tcp, '-format_whitelist')).toBe('rtsp');
    const udp = relayArgs({ ...opts, source: { url: 'rtsp://192.0.2.10/main', transport: 'udp' } });
    expect(after(udp, '-protocol_whitelist')).toBe('tcp,udp,rtp');
    const tls = relayArgs({ ...opts, source: { url: 'rtsps://192.0.2.10/main', transport: 'tcp' } });
    expect(after(tls, '-protocol_whitelist')).toBe('tls,tcp');
    // The whitelists come before the input they guard.
    expect(tcp.indexOf('-protocol_whitelist')).toBeLessThan(tcp.indexOf('-i'));
  });

  it('puts the credentials into the URL percent-encoded, nowhere else', () => {
    const argv = relayArgs({ ...opts, source: { url: 'rtsp://192.0.2.10/main', username: 'admin', password: 'p@ss:w/rd', transport: 'tcp' } });
    expect(after(argv, '-i')).toBe('rtsp://admin:p%40ss%3Aw%2Frd@192.0.2.10/main');
    expect(argv.filter((a) => a.includes('p%40ss'))).toHaveLength(1);
  });

  it('refuses a bad source with a typed error instead of throwing ERR_INVALID_URL', () => {
    for (const url of [
      '192.168.1.5/stream',
      'rtsp://cam host/x',
      'file:/etc/passwd',
      'concat:/a|/b',
      'subfile:,,start,0,end,0,,:/etc/passwd',
      'http://127.0.0.1/',
      'tcp://127.0.0.1:22',
    ]) {
      const source = { url, username: 'admin', password: 'pw', transport: 'tcp' as const };
      expect(checkSource(source).ok, url).toBe(false);
      expect(() => urlWithCredentials(source), url).toThrow(expect.objectContaining({ code: 'bad_request' }));
      expect(() => relayArgs({ ...opts, source }), url).toThrow(expect.objectContaining({ code: 'bad_request' }));
    }
  });

  it('knows no whitelist for schemes the relay does not take', () => {
    for (const scheme of ['file', 'concat', 'subfile', 'http', 'tcp', 'udp', 'data']) expect(inputWhitelists(scheme, 'tcp')).toBeNull();
  });
});
