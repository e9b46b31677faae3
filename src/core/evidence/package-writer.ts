// Writing files into a package under construction: every file is flushed to the disk (fsync)
// before the package is renamed into place, hashed from what was written, optionally encrypted,
// and split into FAT32-sized parts when the drive needs it.
import { createHash } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import { createEncryptor, type KdfParams } from './crypto-stream';
import { FAT32_MAX_FILE } from './export-plan';
import { sha256File } from './hash';
import type { FileKind, ManifestFile } from './package-format';

export interface FinishOptions {
  /** Package folder (the partial one while writing). */
  dir: string;
  /** Name inside the package, with '/' separators. */
  name: string;
  kind: FileKind;
  encryption: { key: Buffer; kdf: KdfParams } | null;
  splitAt: number | null;
  onBytes: (n: number) => void;
  cancelled: () => boolean;
  extra?: Partial<ManifestFile>;
}

async function syncFile(file: string): Promise<void> {
  const fh = await open(file, 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Writes a small text file into the package, synced; returns its manifest entry. */
export async function writeText(dir: string, name: string, kind: FileKind, text: string | Buffer): Promise<ManifestFile> {
  const data = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const file = path.join(dir, ...name.split('/'));
  const fh = await open(file, 'wx');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  return { name, kind, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
}

/**
 * Takes a finished file at `source` into the package: encrypted (then `source` is a temporary
 * plaintext outside the destination and is removed), split into parts, or hashed in place.
 */
export async function finishFile(source: string, o: FinishOptions): Promise<ManifestFile[]> {
  const target = path.join(o.dir, ...o.name.split('/'));
  if (o.encryption) {
    const encName = `${o.name}.enc`;
    const encPath = `${target}.enc`;
    const out = await open(encPath, 'wx');
    const encHash = createHash('sha256');
    const plainHash = createHash('sha256');
    let encBytes = 0;
    let plainBytes = 0;
    try {
      const enc = createEncryptor(o.encryption.key, o.encryption.kdf, async (b) => {
        encHash.update(b);
        encBytes += b.length;
        await out.write(b);
      });
      const src = await open(source, 'r');
      try {
        const buf = Buffer.allocUnsafe(4 * 1024 * 1024);
        for (;;) {
          if (o.cancelled()) throw new Error('cancelled');
          const { bytesRead } = await src.read(buf, 0, buf.length, plainBytes);
          if (bytesRead === 0) break;
          const chunk = Buffer.from(buf.subarray(0, bytesRead));
          plainHash.update(chunk);
          plainBytes += bytesRead;
          await enc.push(chunk);
          o.onBytes(bytesRead);
        }
      } finally {
        await src.close();
      }
      await enc.end();
      await out.sync();
    } finally {
      await out.close();
    }
    await rm(source, { force: true });
    const entry: ManifestFile = {
      name: encName,
      kind: o.kind,
      bytes: encBytes,
      sha256: encHash.digest('hex'),
      encrypted: true,
      plaintextSha256: plainHash.digest('hex'),
      plaintextBytes: plainBytes,
      ...o.extra,
    };
    return o.splitAt && encBytes > o.splitAt ? splitFile(encPath, entry, o) : [entry];
  }
  await syncFile(target);
  const { sha256, bytes } = await sha256File(target, o.onBytes, o.cancelled);
  const entry: ManifestFile = { name: o.name, kind: o.kind, bytes, sha256, ...o.extra };
  return o.splitAt && bytes > o.splitAt ? splitFile(target, entry, o) : [entry];
}

/** FAT32 cannot hold a file of 4 GiB or more: parts `<name>.001`, `.002` … joined in order restore it. */
async function splitFile(file: string, whole: ManifestFile, o: FinishOptions): Promise<ManifestFile[]> {
  const size = whole.bytes;
  const partSize = Math.min(o.splitAt ?? FAT32_MAX_FILE, FAT32_MAX_FILE);
  const count = Math.ceil(size / partSize);
  const parts: ManifestFile[] = [];
  const src = await open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(4 * 1024 * 1024);
    for (let i = 0; i < count; i++) {
      const name = `${whole.name}.${String(i + 1).padStart(3, '0')}`;
      const out = await open(path.join(o.dir, ...name.split('/')), 'wx');
      const hash = createHash('sha256');
      let written = 0;
      try {
        const end = Math.min(size, (i + 1) * partSize);
        let pos = i * partSize;
        while (pos < end) {
          if (o.cancelled()) throw new Error('cancelled');
          const { bytesRead } = await src.read(buf, 0, Math.min(buf.length, end - pos), pos);
          if (bytesRead === 0) break;
          hash.update(buf.subarray(0, bytesRead));
          await out.write(buf.subarray(0, bytesRead));
          pos += bytesRead;
          written += bytesRead;
        }
        await out.sync();
      } finally {
        await out.close();
      }
      parts.push({
        ...whole,
        name,
        bytes: written,
        sha256: hash.digest('hex'),
        part: { index: i + 1, of: count, joined: whole.name, joinedSha256: whole.sha256 },
      });
    }
  } finally {
    await src.close();
  }
  await rm(file, { force: true });
  return parts;
}
