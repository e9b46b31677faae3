import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, redact, setLogSink } from './logger';

let restore: (() => void) | null = null;
afterEach(() => restore?.());

describe('redact', () => {
  it('hides the whole password when it holds @ (the userinfo ends at the last @)', () => {
    expect(redact('rtsp://admin:P@ss@w0rd@host/x')).toBe('rtsp://admin:***@host/x');
    expect(redact('open rtsp://admin:P@ss@w0rd@192.0.2.10:554/Streaming/Channels/101 failed')).toBe(
      'open rtsp://admin:***@192.0.2.10:554/Streaming/Channels/101 failed',
    );
  });

  it('hides percent-encoded passwords and whole percent-encoded URLs', () => {
    expect(redact('rtsp://admin:P%40ss%3Aw0rd@host/x')).toBe('rtsp://admin:***@host/x');
    expect(redact('GET /x?src=rtsp%3A%2F%2Fadmin%3AP%2540ss%40host%2Fx HTTP/1.1')).toBe('GET /x?src=rtsp%3A%2F%2Fadmin%3A***%40host%2Fx HTTP/1.1');
    expect(redact('url=RTSP%3a%2f%2fadmin%3ahunter2%40host')).not.toContain('hunter2');
  });

  it('hides a password holding / or : as typed into a URL', () => {
    expect(redact('rtsp://admin:pa/ss:w@host/x')).toBe('rtsp://admin:***@host/x');
    expect(redact("Input #0, rtsp, from 'rtsp://admin:p@ss:w/rd@127.0.0.1:554/h264':")).toBe(
      "Input #0, rtsp, from 'rtsp://admin:***@127.0.0.1:554/h264':",
    );
  });

  it('hides a password holding a quote or the other characters a URL leaves as typed', () => {
    const u = new URL('rtsp://192.0.2.10:554/h264');
    u.username = 'admin';
    u.password = "Pa'ss(1)!*$&+,";
    expect(u.href).toContain("Pa'ss(1)!*$&+,@"); // as the relay hands it to ffmpeg
    expect(redact(`Input #0, rtsp, from '${u.href}':`)).toBe("Input #0, rtsp, from 'rtsp://admin:***@192.0.2.10:554/h264':");
    expect(redact(`${u.href}: Connection refused`)).toBe('rtsp://admin:***@192.0.2.10:554/h264: Connection refused');
  });

  it('leaves URLs without credentials alone, and stops at the end of the URL', () => {
    expect(redact('rtsp://192.0.2.10:554/main and mail me@example.org')).toBe('rtsp://192.0.2.10:554/main and mail me@example.org');
    expect(redact('a rtsp://u:p@h/x b rtsp://v:q@i/y')).toBe('a rtsp://u:***@h/x b rtsp://v:***@i/y');
    expect(redact('{"url":"rtsp://u:p@h/x","next":"a@b"}')).toBe('{"url":"rtsp://u:***@h/x","next":"a@b"}');
  });

  it('is applied to messages and fields, in JSON too', () => {
    const lines: string[] = [];
    restore = setLogSink((l) => lines.push(l));
    createLogger('t').error('cannot open rtsp://admin:P@ss@w0rd@host/x', {
      url: 'rtsp://admin:P@ss@w0rd@host/x',
      password: 'P@ss@w0rd',
      err: new Error('rtsp://a:P@ss@w0rd@h'),
    });
    expect(lines.join('\n')).not.toMatch(/ss@w0rd|P@ss/);
  });
});

describe('log fields', () => {
  it('redacts URLs nested in objects and arrays', () => {
    const lines: string[] = [];
    restore = setLogSink((l) => lines.push(l));
    createLogger('t').error('x', { nested: { urls: ['rtsp://admin:hunter2@host/x'] } });
    expect(lines.join('\n')).not.toContain('hunter2');
  });
});
