// WS-UsernameToken check as ONVIF cameras do it (ONVIF Core 5.12): PasswordDigest =
// Base64(SHA1(nonce + created + password)), and Created must be near the camera's own clock,
// which is why clients read GetSystemDateAndTime first and correct for the offset.
import { createHash, timingSafeEqual } from 'node:crypto';
import { attrOf, textOf } from './soap';

/** ONVIF Core's pre-auth set: these answer without a token (and ignore a wrong one). */
export const PRE_AUTH_ACTIONS = new Set([
  'GetSystemDateAndTime',
  'GetCapabilities',
  'GetServices',
  'GetServiceCapabilities',
  'GetWsdlUrl',
  'GetHostname',
  'GetEndpointReference',
]);

/** Real cameras allow a few minutes of drift between Created and their clock. */
export const MAX_CLOCK_DRIFT_MS = 5 * 60_000;

export type AuthResult = 'ok' | 'missing' | 'wrong-user' | 'wrong-password' | 'stale';

const DIGEST_TYPE = 'PasswordDigest';

export function passwordDigest(nonce: Buffer, created: string, password: string): string {
  return createHash('sha1')
    .update(Buffer.concat([nonce, Buffer.from(created, 'utf8'), Buffer.from(password, 'utf8')]))
    .digest('base64');
}

export function checkUsernameToken(header: string, credentials: { username: string; password: string }, cameraNowMs: number): AuthResult {
  const token = /<(?:[\w-]+:)?UsernameToken\b[\s\S]*?<\/(?:[\w-]+:)?UsernameToken>/.exec(header)?.[0];
  if (!token) return 'missing';
  const username = textOf(token, 'Username');
  const password = textOf(token, 'Password');
  if (username === undefined || password === undefined) return 'missing';
  if (username !== credentials.username) return 'wrong-user';
  const type = attrOf(token, 'Password', 'Type') ?? '';
  if (!type.endsWith(DIGEST_TYPE)) {
    // PasswordText: some clients send it and most cameras still accept it.
    return safeEqual(password, credentials.password) ? 'ok' : 'wrong-password';
  }
  const nonceB64 = textOf(token, 'Nonce');
  const created = textOf(token, 'Created');
  if (!nonceB64 || !created) return 'missing';
  const createdMs = Date.parse(created);
  if (!Number.isFinite(createdMs) || Math.abs(createdMs - cameraNowMs) > MAX_CLOCK_DRIFT_MS) return 'stale';
  const expected = passwordDigest(Buffer.from(nonceB64, 'base64'), created, credentials.password);
  return safeEqual(password, expected) ? 'ok' : 'wrong-password';
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A UsernameToken header as a client builds it (tests, and the lab's own snapshot helper). */
export function usernameTokenHeader(username: string, password: string, nowMs = Date.now()): string {
  const nonce = Buffer.from(Array.from({ length: 16 }, () => Math.floor(Math.random() * 256)));
  const created = new Date(nowMs).toISOString();
  return (
    '<Security xmlns="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">' +
    `<UsernameToken><Username>${username}</Username>` +
    `<Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest">${passwordDigest(nonce, created, password)}</Password>` +
    `<Nonce EncodingType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary">${nonce.toString('base64')}</Nonce>` +
    `<Created xmlns="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd">${created}</Created>` +
    '</UsernameToken></Security>'
  );
}
