// Incident files on disk: <data-dir>/incidents/staging (snapshots and uploads waiting to be
// attached) and <data-dir>/incidents/files/<yyyy>/<mm>/<attachment id> (attached, never changed).
// Uploads are streamed with a byte limit and hashed on the way (never held whole in memory). A
// stored file's name is its id: the name the user gave is kept in the database, sanitised, and
// only ever sent back as a Content-Disposition filename. Nothing here executes or renders a file.
// Repair tickets keep their photos in a store of their own (<data-dir>/repair) built the same way.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, type ReadStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../shared/errors';

export interface StoredFile {
  /** Relative to the store's root, always with forward slashes. */
  file: string;
  bytes: number;
  sha256: string;
  /** The first bytes, for sniffing the type. */
  head: Buffer;
}

/** The types shown inline, recognised by their first bytes (never by the name or a header). */
export function sniffMime(head: Buffer): 'image/jpeg' | 'image/png' | 'application/octet-stream' {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return 'application/octet-stream';
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * A file name as the user gave it, made harmless wherever it is shown or saved: no directories, no
 * control or bidi characters, none of <>:"/\|?*, no leading dots, at most 120 characters with the
 * extension kept. Never empty.
 */
export function sanitiseFileName(raw: string, fallback = 'file'): string {
  let name = raw.normalize('NFC');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '')
    .trim();
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  if (name.length > 120) {
    const ext = path.extname(name).slice(0, 16);
    name = name.slice(0, 120 - ext.length) + ext;
  }
  return name || fallback;
}

export class AttachmentStore {
  readonly root: string;
  private readonly staging: string;

  constructor(dataDir: string, folder = 'incidents') {
    this.root = path.join(dataDir, folder);
    this.staging = path.join(this.root, 'staging');
    mkdirSync(this.staging, { recursive: true });
  }

  /** Streams `source` into the staging folder; more than `limit` bytes → upload_too_large, nothing kept. */
  async stageStream(source: Readable, limit: number): Promise<StoredFile> {
    const name = randomUUID();
    const abs = path.join(this.staging, name);
    const hash = createHash('sha256');
    let bytes = 0;
    let head = Buffer.alloc(0);
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        if (bytes > limit) return done(new AppError('upload_too_large', { limit }));
        if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)]);
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(abs, { flags: 'wx', mode: 0o600 }));
    } catch (err) {
      await rm(abs, { force: true });
      throw err instanceof AppError ? err : new AppError('bad_request', { problem: 'upload_interrupted' }, { cause: err });
    }
    return { file: `staging/${name}`, bytes, sha256: hash.digest('hex'), head };
  }

  async stageBuffer(data: Buffer): Promise<StoredFile> {
    const name = randomUUID();
    await writeFile(path.join(this.staging, name), data, { flag: 'wx', mode: 0o600 });
    return { file: `staging/${name}`, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex'), head: data.subarray(0, 16) };
  }

  /** Moves a staged file to its final place (a rename: no copy); returns the new relative path. */
  async commit(stagedFile: string, attachmentId: string, at: number): Promise<string> {
    const d = new Date(at);
    const dir = `files/${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    mkdirSync(path.join(this.root, dir), { recursive: true });
    const rel = `${dir}/${attachmentId}`;
    await rename(this.resolve(stagedFile), this.resolve(rel));
    return rel;
  }

  /** Undoes commit() when the database refused the attachment. */
  async uncommit(rel: string, stagedFile: string): Promise<void> {
    await rename(this.resolve(rel), this.resolve(stagedFile)).catch(() => undefined);
  }

  async remove(rel: string): Promise<void> {
    await rm(this.resolve(rel), { force: true });
  }

  open(rel: string): ReadStream {
    return createReadStream(this.resolve(rel));
  }

  /** A stored relative path as an absolute one, refusing anything that would leave the store. */
  resolve(rel: string): string {
    const abs = path.resolve(this.root, rel);
    if (!abs.startsWith(this.root + path.sep)) throw new AppError('not_found', { kind: 'file', id: rel.slice(0, 100) });
    return abs;
  }
}
