import { describe, expect, it } from 'vitest';
import { checkUsernameToken, passwordDigest, usernameTokenHeader } from './auth';
import { attrOf, parseDuration, parseSoap, textOf } from './soap';

describe('SOAP parsing', () => {
  it('finds the action and values whatever the prefixes', () => {
    const req = parseSoap(
      '<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><ns0:GetStreamUri><ns0:ProfileToken>Profile_2</ns0:ProfileToken></ns0:GetStreamUri></e:Body></e:Envelope>',
    );
    expect(req).toMatchObject({ version: '1.2', action: 'GetStreamUri' });
    expect(textOf(req!.body, 'ProfileToken')).toBe('Profile_2');
    expect(attrOf('<tt:PanTilt x="0.5" y=\'-1\'/>', 'PanTilt', 'y')).toBe('-1');
    expect(parseSoap('not xml')).toBeNull();
  });

  it('parses ISO 8601 durations', () => {
    expect(parseDuration('PT5S')).toBe(5000);
    expect(parseDuration('PT1M0.5S')).toBe(60_500);
    expect(parseDuration('PT0S')).toBe(0);
    expect(parseDuration('bogus')).toBeUndefined();
  });
});

describe('WS-UsernameToken', () => {
  const creds = { username: 'admin', password: 'secret' };
  it('computes Base64(SHA1(nonce + created + password))', () => {
    // Vector computed independently: printf nonce|created|password | sha1 | base64.
    expect(passwordDigest(Buffer.from('0123456789abcdef'), '2024-01-01T00:00:00Z', 'secret')).toBe('W+AMPWIcgBDGW9XpBeBhrAdNo+g=');
  });

  it('accepts a good token, refuses a wrong password and a Created far from the camera clock', () => {
    const now = Date.now();
    expect(checkUsernameToken(usernameTokenHeader('admin', 'secret', now), creds, now)).toBe('ok');
    expect(checkUsernameToken(usernameTokenHeader('admin', 'nope', now), creds, now)).toBe('wrong-password');
    expect(checkUsernameToken(usernameTokenHeader('admin', 'secret', now - 10 * 60_000), creds, now)).toBe('stale');
    expect(checkUsernameToken('', creds, now)).toBe('missing');
  });
});
