// WS-UsernameToken as cameras check it: a fresh nonce per call, Created on the camera's clock.
import { describe, expect, it } from 'vitest';
import { createdTime, passwordDigest, usernameTokenHeader } from './auth';
import { findText, parseXml } from './xml';

describe('WS-UsernameToken', () => {
  it('never repeats a nonce, even within one millisecond', () => {
    const now = Date.now();
    const nonces = new Set(Array.from({ length: 200 }, () => findText(parseXml(usernameTokenHeader({ username: 'u', password: 'p' }, now)), 'Nonce')));
    expect(nonces.size).toBe(200);
  });

  it('signs Created = our clock + the camera offset, and the digest checks out', () => {
    const cameraNow = Date.UTC(2026, 0, 1, 12, 0, 0) + 3_600_000;
    const token = parseXml(usernameTokenHeader({ username: 'admin', password: 'pä55<&>' }, cameraNow));
    const created = findText(token, 'Created')!;
    expect(created).toBe(createdTime(cameraNow));
    expect(created).toBe('2026-01-01T13:00:00Z');
    const nonce = Buffer.from(findText(token, 'Nonce')!, 'base64');
    expect(findText(token, 'Password')).toBe(passwordDigest(nonce, created, 'pä55<&>'));
    expect(findText(token, 'Username')).toBe('admin');
  });
});
