import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEncryptor, decryptFile, DecryptError, deriveKey, HEADER_BYTES, TAG_BYTES, type KdfParams } from './crypto-stream';

const dir = mkdtempSync(path.join(os.tmpdir(), 'wf-crypto-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Small scrypt parameters keep the test quick; the format carries them, so decryption follows.
const kdf: KdfParams = { log2N: 10, r: 8, p: 1, salt: Buffer.alloc(16, 3) };

async function encrypt(plain: Buffer, password: string, chunk: number): Promise<string> {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.enc`);
  const out = await open(file, 'w');
  const enc = createEncryptor(await deriveKey(password, kdf), kdf, async (b) => void (await out.write(b)), chunk);
  for (let i = 0; i < plain.length; i += 777) await enc.push(plain.subarray(i, i + 777));
  await enc.end();
  await out.close();
  return file;
}

describe('encrypted evidence media', () => {
  const plain = Buffer.from(Array.from({ length: 10_000 }, (_, i) => i % 251));

  it('decrypts chunk by chunk to the same bytes with the password', async () => {
    const file = await encrypt(plain, 'mật khẩu đúng', 4096);
    const parts: Buffer[] = [];
    const r = await decryptFile(file, 'mật khẩu đúng', (b) => void parts.push(b));
    expect(Buffer.concat(parts).equals(plain)).toBe(true);
    expect(r.sha256).toBe(createHash('sha256').update(plain).digest('hex'));
    // header + 3 chunks, each with its tag
    expect(readFileSync(file).length).toBe(HEADER_BYTES + plain.length + 3 * TAG_BYTES);
  });

  it('refuses a wrong password, a changed byte, a dropped last chunk, and says so', async () => {
    const file = await encrypt(plain, 'right', 4096);
    await expect(decryptFile(file, 'wrong')).rejects.toBeInstanceOf(DecryptError);
    const bytes = readFileSync(file);
    const changed = Buffer.from(bytes);
    changed[HEADER_BYTES + 5000] = changed[HEADER_BYTES + 5000]! ^ 1;
    writeFileSync(file, changed);
    await expect(decryptFile(file, 'right')).rejects.toThrow(/chunk 1/);
    // Cut after the first chunk: the (now) last chunk was not sealed as the last one.
    writeFileSync(file, bytes.subarray(0, HEADER_BYTES + 4096 + TAG_BYTES));
    await expect(decryptFile(file, 'right')).rejects.toBeInstanceOf(DecryptError);
  });

  it('handles an empty file and one of exactly one chunk', async () => {
    for (const size of [0, 4096]) {
      const data = Buffer.alloc(size, 9);
      const file = await encrypt(data, 'p', 4096);
      expect((await decryptFile(file, 'p')).bytes).toBe(size);
    }
  });
});
