// Encrypted evidence media. The key is derived from a password with scrypt; the data is cut into
// chunks, each sealed with AES-256-GCM, so a file of any size is encrypted and decrypted streaming,
// and a chunk that was changed, dropped, reordered or cut off fails its tag. Format (all integers
// big-endian), documented in the package README:
//   header (48 bytes): "WFENC1\0\0" | log2(N) u8 | r u8 | p u8 | 0 u8 | salt 16 | nonce prefix 8 | chunk bytes u32 | 0 u32
//   then per chunk i: ciphertext (chunk bytes, the last one shorter) | tag 16
//   nonce_i = nonce prefix (8) | i (u32); AAD_i = header | i (u32) | last (u8: 1 on the final chunk)
// The password is never stored or logged; the manifest carries the scrypt parameters and salt.
import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt } from 'node:crypto';
import { open } from 'node:fs/promises';

export const MAGIC = Buffer.from('WFENC1\0\0', 'latin1');
export const HEADER_BYTES = 48;
export const TAG_BYTES = 16;
export const DEFAULT_CHUNK = 1024 * 1024;

export interface KdfParams {
  log2N: number;
  r: number;
  p: number;
  salt: Buffer;
}

/** scrypt N = 2^17, r = 8, p = 1: 128 MiB and about a third of a second here, per package. */
export function newKdfParams(): KdfParams {
  return { log2N: 17, r: 8, p: 1, salt: randomBytes(16) };
}

export function deriveKey(password: string, k: KdfParams): Promise<Buffer> {
  const N = 2 ** k.log2N;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), k.salt, 32, { N, r: k.r, p: k.p, maxmem: 256 * N * k.r + 32 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

function header(k: KdfParams, noncePrefix: Buffer, chunk: number): Buffer {
  const h = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(h, 0);
  h[8] = k.log2N;
  h[9] = k.r;
  h[10] = k.p;
  k.salt.copy(h, 12);
  noncePrefix.copy(h, 28);
  h.writeUInt32BE(chunk, 36);
  return h;
}

export function parseHeader(h: Buffer): { kdf: KdfParams; noncePrefix: Buffer; chunk: number } | null {
  if (h.length < HEADER_BYTES || !h.subarray(0, 8).equals(MAGIC)) return null;
  return {
    kdf: { log2N: h[8]!, r: h[9]!, p: h[10]!, salt: Buffer.from(h.subarray(12, 28)) },
    noncePrefix: Buffer.from(h.subarray(28, 36)),
    chunk: h.readUInt32BE(36),
  };
}

function nonce(prefix: Buffer, i: number): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0);
  n.writeUInt32BE(i, 8);
  return n;
}

function aad(h: Buffer, i: number, last: boolean): Buffer {
  const a = Buffer.alloc(HEADER_BYTES + 5);
  h.copy(a, 0);
  a.writeUInt32BE(i, HEADER_BYTES);
  a[HEADER_BYTES + 4] = last ? 1 : 0;
  return a;
}

/**
 * Encrypts a stream of buffers into chunks; `write` receives the encrypted bytes in order.
 * Returns a pusher and a finisher (the final chunk is only known at the end).
 */
export function createEncryptor(key: Buffer, k: KdfParams, write: (b: Buffer) => Promise<void>, chunk = DEFAULT_CHUNK) {
  const prefix = randomBytes(8);
  const h = header(k, prefix, chunk);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let index = 0;
  let started = false;
  const seal = async (plain: Buffer, last: boolean) => {
    const c = createCipheriv('aes-256-gcm', key, nonce(prefix, index));
    c.setAAD(aad(h, index, last));
    const body = Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
    index++;
    await write(body);
  };
  return {
    async push(b: Buffer): Promise<void> {
      if (!started) {
        started = true;
        await write(h);
      }
      pending.push(b);
      pendingBytes += b.length;
      // Keep at least one chunk back: it may turn out to be the last one.
      while (pendingBytes > chunk) {
        const all = Buffer.concat(pending, pendingBytes);
        await seal(all.subarray(0, chunk), false);
        pending = [all.subarray(chunk)];
        pendingBytes = all.length - chunk;
      }
    },
    async end(): Promise<void> {
      if (!started) {
        started = true;
        await write(h);
      }
      await seal(Buffer.concat(pending, pendingBytes), true);
      pending = [];
      pendingBytes = 0;
    },
  };
}

export class DecryptError extends Error {}

/**
 * Decrypts a file chunk by chunk, handing each plaintext chunk to `out`; returns the plaintext's
 * SHA-256 and size. Throws DecryptError for a wrong password or any changed byte.
 */
export async function decryptFile(
  file: string,
  password: string,
  out?: (plain: Buffer) => Promise<void> | void,
): Promise<{ sha256: string; bytes: number }> {
  const fh = await open(file, 'r');
  try {
    const h = Buffer.alloc(HEADER_BYTES);
    await fh.read(h, 0, HEADER_BYTES, 0);
    const parsed = parseHeader(h);
    if (!parsed) throw new DecryptError('not an encrypted evidence file');
    const key = await deriveKey(password, parsed.kdf);
    const size = (await fh.stat()).size;
    const hash = createHash('sha256');
    const sealed = parsed.chunk + TAG_BYTES;
    let pos = HEADER_BYTES;
    let i = 0;
    let bytes = 0;
    const buf = Buffer.alloc(sealed);
    while (pos < size) {
      const n = Math.min(sealed, size - pos);
      const { bytesRead } = await fh.read(buf, 0, n, pos);
      if (bytesRead < TAG_BYTES) throw new DecryptError('cut off');
      pos += bytesRead;
      const last = pos >= size;
      const d = createDecipheriv('aes-256-gcm', key, nonce(parsed.noncePrefix, i));
      d.setAAD(aad(h, i, last));
      d.setAuthTag(buf.subarray(bytesRead - TAG_BYTES, bytesRead));
      let plain: Buffer;
      try {
        plain = Buffer.concat([d.update(buf.subarray(0, bytesRead - TAG_BYTES)), d.final()]);
      } catch {
        throw new DecryptError(i === 0 ? 'wrong password or changed file' : `changed at chunk ${i}`);
      }
      hash.update(plain);
      bytes += plain.length;
      await out?.(plain);
      i++;
    }
    if (i === 0) throw new DecryptError('empty');
    return { sha256: hash.digest('hex'), bytes };
  } finally {
    await fh.close();
  }
}
