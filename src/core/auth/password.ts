// Password hashing with scrypt from node:crypto, run on libuv's thread pool so a sign-in never
// blocks the event loop. Parameters follow OWASP's scrypt table (N=2^14, r=8, p=5: 16 MiB, about
// 0.3 s here) and are stored in each hash, so raising them later keeps old hashes readable.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_LENGTH = 32;
const DEFAULT = { log2N: 14, r: 8, p: 5 };

function scryptAsync(password: string, salt: Buffer, o: { log2N: number; r: number; p: number }): Promise<Buffer> {
  const N = 2 ** o.log2N;
  const options: ScryptOptions = { N, r: o.r, p: o.p, maxmem: 256 * N * o.r };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** `scrypt$<log2N>$<r>$<p>$<salt>$<key>` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, DEFAULT);
  return ['scrypt', DEFAULT.log2N, DEFAULT.r, DEFAULT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

function parse(stored: string): { log2N: number; r: number; p: number; salt: Buffer; key: Buffer } | null {
  const [kind, n, r, p, salt, key] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !key) return null;
  const o = { log2N: Number(n), r: Number(r), p: Number(p) };
  // A stored hash is data too: refuse parameters that would make one check take minutes or GiBs.
  if (![o.log2N, o.r, o.p].every(Number.isInteger) || o.log2N < 10 || o.log2N > 20 || o.r < 1 || o.r > 32 || o.p < 1 || o.p > 16) return null;
  return { ...o, salt: Buffer.from(salt, 'base64url'), key: Buffer.from(key, 'base64url') };
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parsed = stored ? parse(stored) : null;
  if (!parsed) {
    // Same work for an unknown account as for a known one: timing must not tell which names exist.
    await scryptAsync(password, DUMMY_SALT, DEFAULT);
    return false;
  }
  const key = await scryptAsync(password, parsed.salt, parsed);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

const DUMMY_SALT = randomBytes(16);
