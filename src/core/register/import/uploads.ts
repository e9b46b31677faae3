// Uploaded files (imports, boundaries) land in <data-dir>/uploads under a random id, streamed to
// disk with a size limit, and are removed after use or a day later. They never pass through the
// API socket (1 MiB): the upload route writes them, the API names them by id.
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../../../shared/errors';

/** 50 MiB: a 100,000-camera XLSX is about 10 MiB; a 100 MB file is refused with this number. */
export const UPLOAD_LIMIT = 50 * 1024 * 1024;

export class UploadStore {
  readonly dir: string;

  constructor(
    dataDir: string,
    readonly limit = UPLOAD_LIMIT,
    folder = 'uploads',
  ) {
    this.dir = path.join(dataDir, folder);
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    this.sweep();
  }

  /** Streams `body` to a new file; refuses (and removes) past the limit. */
  async save(body: Readable, declaredLength: number | null): Promise<{ id: string; bytes: number }> {
    if (declaredLength !== null && declaredLength > this.limit) throw new AppError('upload_too_large', { limit: this.limit });
    const id = randomUUID();
    const file = path.join(this.dir, id);
    const out = createWriteStream(file, { mode: 0o600 });
    let bytes = 0;
    try {
      await new Promise<void>((resolve, reject) => {
        body.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > this.limit) {
            body.unpipe(out);
            body.destroy();
            reject(new AppError('upload_too_large', { limit: this.limit }));
          }
        });
        body.on('error', reject);
        out.on('error', reject);
        out.on('finish', resolve);
        body.pipe(out);
      });
    } catch (err) {
      out.destroy();
      rmSync(file, { force: true });
      throw err;
    }
    return { id, bytes };
  }

  file(id: string): string {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw new AppError('upload_not_found', { id });
    const file = path.join(this.dir, id);
    try {
      statSync(file);
    } catch {
      throw new AppError('upload_not_found', { id });
    }
    return file;
  }

  remove(id: string): void {
    if (/^[0-9a-f-]{36}$/.test(id)) rmSync(path.join(this.dir, id), { force: true });
  }

  /** Leftovers of a crashed or abandoned import. */
  sweep(maxAgeMs = 24 * 3600_000): void {
    for (const f of readdirSync(this.dir)) {
      const full = path.join(this.dir, f);
      try {
        if (Date.now() - statSync(full).mtimeMs > maxAgeMs) rmSync(full, { force: true });
      } catch {
        // gone already
      }
    }
  }
}
