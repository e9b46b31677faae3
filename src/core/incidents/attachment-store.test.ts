import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { AttachmentStore, sanitiseFileName, sniffMime } from './attachment-store';

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('file names', () => {
  it('keeps what a person wrote and drops what could travel or hide', () => {
    expect(sanitiseFileName('Biên bản vụ việc.pdf')).toBe('Biên bản vụ việc.pdf');
    expect(sanitiseFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitiseFileName('C:\\Windows\\system32\\cmd.exe')).toBe('cmd.exe');
    expect(sanitiseFileName('a<b>c:"d"|e?*.txt')).toBe('a_b_c__d__e__.txt');
    expect(sanitiseFileName('evil\u202Egpj.exe')).toBe('evilgpj.exe'); // right-to-left override
    expect(sanitiseFileName('line\r\nbreak\u0000.txt')).toBe('linebreak.txt');
    expect(sanitiseFileName('...hidden')).toBe('hidden');
    expect(sanitiseFileName('CON.txt')).toBe('_CON.txt');
    expect(sanitiseFileName('   ')).toBe('file');
    const long = sanitiseFileName(`${'ả'.repeat(300)}.jpeg`);
    expect(long.length).toBe(120);
    expect(long.endsWith('.jpeg')).toBe(true);
  });

  it('recognises pictures by their first bytes only', () => {
    expect(sniffMime(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffMime(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(sniffMime(Buffer.from('<svg onload=alert(1)>'))).toBe('application/octet-stream');
    expect(sniffMime(Buffer.from('GIF89a'))).toBe('application/octet-stream');
  });
});

describe('the store', () => {
  it('streams under a limit, hashes on the way, and keeps nothing of a refused upload', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'wf-store-'));
    const store = new AttachmentStore(dir);
    const ok = await store.stageStream(Readable.from([Buffer.from('xin '), Buffer.from('chào')]), 100);
    expect(ok).toMatchObject({ bytes: Buffer.byteLength('xin chào'), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    await expect(store.stageStream(Readable.from([Buffer.alloc(60), Buffer.alloc(60)]), 100)).rejects.toMatchObject({ code: 'upload_too_large' });
    expect(readdirSync(path.join(dir, 'incidents', 'staging'))).toHaveLength(1);
    const rel = await store.commit(ok.file, 'att-1', Date.UTC(2026, 10, 27));
    expect(rel).toBe('files/2026/11/att-1');
    expect(() => store.resolve('../../watchfloor.db')).toThrow();
    expect(() => store.resolve('/etc/passwd')).toThrow();
  });
});
