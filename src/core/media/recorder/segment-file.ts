// One MPEG-TS segment file being written. Writes are queued and batched (writev) so the event loop
// never waits on the disk; the file is flushed to the disk (fdatasync) every `syncMs` and at close,
// so a power cut loses at most those seconds, and what reached the disk stays readable: MPEG-TS has
// no index to finish, a cut file is whole packets plus at most one partial one, which reconcile
// trims (see reconcile.ts).
import { createHash } from 'node:crypto';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

const WRITE_BATCH_MS = 200;

export class SegmentFile {
  private queue: Buffer[] = [];
  private queued = 0;
  private writing: Promise<void> | null = null;
  private lastSync = Date.now();
  private failure: Error | null = null;
  /** Bytes handed to write(), written or not yet. */
  bytes = 0;
  /** Bytes known to be on the file (written). */
  written = 0;
  private batch: NodeJS.Timeout | null = null;
  private closing = false;
  /** SHA-256 of the bytes written, in order (the index keeps it; exports check segments with it). */
  private readonly hash = createHash('sha256');

  private readonly ready: Promise<FileHandle | null>;
  private readonly syncMs: number;
  private readonly onError: (err: Error) => void;

  /**
   * Starts creating the file and returns at once: bytes written before it is open wait in the
   * queue (video keeps arriving while the folder and file are made).
   */
  constructor(
    readonly file: string,
    opts: { syncMs?: number; onError: (err: Error) => void },
  ) {
    this.syncMs = opts.syncMs ?? 5000;
    this.onError = opts.onError;
    this.ready = (async () => {
      await mkdir(path.dirname(file), { recursive: true });
      // 'wx': never overwrite a file that is already there (a second recorder, a clock set back).
      return open(file, 'wx', 0o640);
    })().catch((err: unknown) => {
      this.fail(err);
      return null;
    });
  }

  private fail(err: unknown): void {
    if (this.failure) return;
    this.failure = err instanceof Error ? err : new Error(String(err));
    this.queue = [];
    this.queued = 0;
    this.onError(this.failure);
  }

  /** Bytes waiting for the disk: a recorder behind by more than its bound skips ahead. */
  get backlog(): number {
    return this.queued;
  }

  get failed(): Error | null {
    return this.failure;
  }

  write(buf: Buffer): void {
    if (this.failure || buf.length === 0) return;
    this.queue.push(buf);
    this.queued += buf.length;
    this.bytes += buf.length;
    // The relay hands over a frame or less at a time; one writev every 200 ms instead of one write
    // per chunk keeps a recorder's system calls (and CPU) low. A second's worth waits at most.
    this.flushSoon();
  }

  private async drain(): Promise<void> {
    const fh = await this.ready;
    if (!fh) return void (this.writing = null);
    try {
      // One batch per call: what arrives meanwhile waits for the next batch (flushSoon below).
      if (this.queue.length) {
        const batch = this.queue;
        const n = this.queued;
        this.queue = [];
        this.queued = 0;
        let off = 0;
        // writev may write less than asked (a full disk, a signal): finish the rest.
        let chunks = batch;
        while (off < n) {
          const { bytesWritten } = await fh.writev(chunks);
          off += bytesWritten;
          if (off < n) chunks = [Buffer.concat(batch).subarray(off)];
        }
        this.written += n;
        for (const b of batch) this.hash.update(b);
        if (Date.now() - this.lastSync >= this.syncMs) {
          this.lastSync = Date.now();
          await fh.datasync();
        }
      }
    } catch (err) {
      this.fail(err);
    } finally {
      this.writing = null;
      if (!this.closing) this.flushSoon();
    }
  }

  /** Writes what is queued now, in one go (used by the batch timer and by close). */
  private flushSoon(): void {
    if (this.writing || this.batch || this.queue.length === 0) return;
    this.batch = setTimeout(() => {
      this.batch = null;
      if (!this.writing) this.writing = this.drain();
    }, WRITE_BATCH_MS);
  }

  /** The hash of what close() reported written (valid after close, when nothing failed). */
  sha256: string | null = null;

  /** Waits for every queued byte, flushes to the disk and closes. Returns the bytes on the file. */
  async close(): Promise<number> {
    this.closing = true;
    if (this.batch) clearTimeout(this.batch);
    this.batch = null;
    while (this.writing) await this.writing;
    while (this.queue.length && !this.failure) {
      this.writing = this.drain();
      await this.writing;
    }
    const fh = await this.ready;
    if (!fh) return 0;
    try {
      if (!this.failure) await fh.datasync();
    } catch (err) {
      this.failure ??= err instanceof Error ? err : new Error(String(err));
    }
    await fh.close().catch(() => undefined);
    this.sha256 = this.failure ? null : this.hash.digest('hex');
    return this.written;
  }
}
