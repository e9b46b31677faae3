// The audit log as the core uses it (Trust issue): append with group commit, list and export for
// the administrator, signed checkpoints, verification.
//
// Where the writing happens. Measured on the build machine (2 shared cores, virtual disk), a commit
// with synchronous=FULL on the core's own thread took, idle: p50 0.15 ms, p95 0.3 ms for one entry,
// p95 1.1 ms and max 5.5 ms for 64; busy (load ~3, bench/audit.bench.ts): p50 0.9 ms, p95 7 ms, max
// 29 ms for a batch of 8. A real disk's fsync is 5–20 ms on its own. That breaks "no more than a
// few ms on the event loop" (design.md), so all audit SQL runs in worker threads: one long-lived
// writer with its own synchronous=FULL connection, a reader for the administrator's screen and
// exports, and a fresh reader per verification (seconds for a million entries) so a verification
// never holds up appends or listing. The core's own connection stays synchronous=NORMAL.
//
// Group commit: appends queue here while a batch is being committed; the next batch takes
// everything queued (up to maxBatch) and commits it in one transaction. Every caller's promise
// resolves after its batch's commit returned, i.e. once its entry is durable.
import type { Writable } from 'node:stream';
import { AppError } from '../../shared/errors';
import type { Logger } from '../log/logger';
import type { InstallationKey } from '../secrets/installation-key';
import { checkpointFileText, makeCheckpoint } from './checkpoint';
import { csvHeader } from './csv';
import { prepareEntry } from './entry-input';
import type { AuditEntry, AuditEntryInput, AuditListQuery, AuditPage, AuditQuery, Checkpoint, PreparedEntry, VerifyOptions, VerifyReport } from './types';
import { verifyInThreads, type ThreadOptions } from './verify-threads';
import { AuditWorker } from './worker-client';
import type { Durability } from './worker-protocol';

export interface AuditLogOptions {
  /** The core's database file (watchfloor.db); migrations must already have run. */
  databaseFile: string;
  /** Signs checkpoints. */
  key: InstallationKey;
  log: Logger;
  /** Largest batch committed in one transaction. */
  maxBatch?: number;
  /** Time zone of the CSV's time_local column (the console's zone). */
  timeZone?: string;
  now?: () => number;
}

export interface AuditStats {
  /** Transactions committed by appends. */
  commits: number;
  entries: number;
  largestBatch: number;
}

interface Queued {
  entry: PreparedEntry;
  resolve(e: AuditEntry): void;
  reject(err: unknown): void;
}

const HOUR = 3_600_000;
const CSV_PAGE = 2000;

export class AuditLog {
  private writerThread: AuditWorker | null = null;
  private readerThread: AuditWorker | null = null;
  private readonly verifiers = new Set<AuditWorker>();
  private queue: Queued[] = [];
  private committing = false;
  private scheduled = false;
  private idleWaiters: (() => void)[] = [];
  private readonly timers = new Set<() => void>();
  private tick: Promise<void> | null = null;
  /** No new appends, checkpoints or verifications once dispose() has begun. */
  private closed = false;
  /** No new threads once dispose() has ended them. */
  private ended = false;
  private readonly counters: AuditStats = { commits: 0, entries: 0, largestBatch: 0 };
  /** The highest seq this log has seen (0 until it appends or reads the head). */
  private lastSeq = 0;
  private readonly maxBatch: number;
  private readonly now: () => number;

  constructor(private readonly opts: AuditLogOptions) {
    this.maxBatch = opts.maxBatch ?? 1000;
    this.now = opts.now ?? Date.now;
  }

  get publicKeyPem(): string {
    return this.opts.key.publicKeyPem;
  }

  get keyFingerprint(): string {
    return this.opts.key.fingerprint;
  }

  stats(): AuditStats {
    return { ...this.counters };
  }

  /** How appends are committed (the administrator's screen shows it; expected: full, wal). */
  durability(): Promise<Durability> {
    return this.writer().call('durability', {});
  }

  /** Resolves once the entry is committed with synchronous=FULL; rejects bad_request for a malformed
   *  entry, audit_unavailable / disk_full / db_* when it could not be written. */
  append(input: AuditEntryInput): Promise<AuditEntry> {
    if (this.closed) return Promise.reject(new AppError('audit_unavailable', { reason: 'closed' }));
    let entry: PreparedEntry;
    try {
      entry = prepareEntry(input, this.now());
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ entry, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when every append made before the call is committed (or has failed). */
  flush(): Promise<void> {
    if (!this.committing && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async list(q: AuditListQuery): Promise<AuditPage> {
    return this.reader().call('list', { query: q });
  }

  /** Writes the entries matching `q` as CSV, oldest first, then ends `out`; resolves with the
   *  number of entries once `out` has finished. */
  async exportCsv(out: Writable, q: AuditQuery = {}): Promise<number> {
    const timeZone = this.opts.timeZone ?? 'Asia/Ho_Chi_Minh';
    let count = 0;
    try {
      await write(out, csvHeader());
      for (let after = 0; ; ) {
        const page = await this.reader().call('csvPage', { query: q, afterSeq: after, limit: CSV_PAGE, timeZone });
        if (page.count === 0 || page.lastSeq === null) break;
        await write(out, page.text);
        count += page.count;
        after = page.lastSeq;
      }
      await new Promise<void>((resolve, reject) => {
        out.once('error', reject);
        out.end(() => resolve());
      });
      return count;
    } catch (err) {
      out.destroy(err instanceof Error ? err : undefined);
      throw err;
    }
  }

  /** Signs the current head (after every append made before the call) and stores the checkpoint. */
  async checkpoint(reason: 'hourly' | 'on_demand' = 'on_demand'): Promise<Checkpoint> {
    if (this.closed) throw new AppError('audit_unavailable', { reason: 'closed' });
    await this.flush();
    const head = await this.writer().call('head', {});
    this.lastSeq = Math.max(this.lastSeq, head.headSeq);
    const cp = makeCheckpoint(
      { count: head.count, headSeq: head.headSeq, headHash: head.headHash, timeMs: this.now(), keyFingerprint: this.opts.key.fingerprint },
      (text) => this.opts.key.sign(text),
    );
    await this.writer().call('storeCheckpoint', { checkpoint: cp, reason });
    this.opts.log.info('audit checkpoint signed', { headSeq: cp.headSeq, count: cp.count, reason });
    return cp;
  }

  /** The file an inspector keeps (JSON text); see checkpoint.ts. */
  checkpointFile(cp: Checkpoint): string {
    return checkpointFileText(cp, this.opts.key.publicKeyPem);
  }

  /** Checks the whole chain (and a kept checkpoint, if given) in threads of its own. */
  async verify(opts: VerifyOptions & ThreadOptions = {}): Promise<VerifyReport> {
    if (this.closed) throw new AppError('audit_unavailable', { reason: 'closed' });
    // Knowing the size early lets every thread start at once (see verify-threads.ts).
    if (this.lastSeq === 0) this.lastSeq = await this.writer().call('lastSeq', {});
    return verifyInThreads(
      {
        spawn: () => {
          const w = new AuditWorker({ role: 'reader', databaseFile: this.opts.databaseFile }, this.opts.log);
          this.verifiers.add(w);
          return w;
        },
        release: async (w) => {
          this.verifiers.delete(w);
          await w.close();
        },
      },
      { expectedEntries: this.lastSeq, ...opts },
    );
  }

  /** Signs a checkpoint every hour (when entries were added since the last one). Returns the stop. */
  startHourlyCheckpoints(intervalMs = HOUR): () => void {
    const tick = async () => {
      try {
        await this.flush();
        const head = await this.writer().call('head', {});
        if (head.lastCheckpointSeq !== head.headSeq) await this.checkpoint('hourly');
      } catch (err) {
        if (!this.closed) this.opts.log.error('hourly audit checkpoint failed', { error: err instanceof Error ? err.message : String(err) });
      }
    };
    const timer = setInterval(() => {
      if (this.tick || this.closed) return;
      this.tick = tick().finally(() => (this.tick = null));
    }, intervalMs);
    const stop = () => {
      clearInterval(timer);
      this.timers.delete(stop);
    };
    this.timers.add(stop);
    return stop;
  }

  /** Stops the timers, commits what is queued, and ends the threads. */
  async dispose(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const stop of [...this.timers]) stop();
    await this.tick;
    await this.flush();
    this.ended = true;
    await Promise.all([this.writerThread?.close(), this.readerThread?.close(), ...[...this.verifiers].map((v) => v.close())]);
    this.writerThread = this.readerThread = null;
  }

  private writer(): AuditWorker {
    if (this.ended) throw new AppError('audit_unavailable', { reason: 'closed' });
    if (!this.writerThread?.alive) this.writerThread = new AuditWorker({ role: 'writer', databaseFile: this.opts.databaseFile }, this.opts.log);
    return this.writerThread;
  }

  private reader(): AuditWorker {
    if (this.ended) throw new AppError('audit_unavailable', { reason: 'closed' });
    if (!this.readerThread?.alive) this.readerThread = new AuditWorker({ role: 'reader', databaseFile: this.opts.databaseFile }, this.opts.log);
    return this.readerThread;
  }

  private schedule(): void {
    if (this.committing || this.scheduled) return;
    this.scheduled = true;
    // A microtask: appends made in the same turn of the event loop share the first batch too.
    queueMicrotask(() => {
      this.scheduled = false;
      void this.commitQueued();
    });
  }

  private async commitQueued(): Promise<void> {
    if (this.committing) return;
    this.committing = true;
    try {
      while (this.queue.length > 0) {
        // Everything queued while the previous batch was being committed goes in this one.
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const placed = await this.writer().call('append', { entries: batch.map((q) => q.entry) });
          this.counters.commits++;
          this.counters.entries += batch.length;
          this.counters.largestBatch = Math.max(this.counters.largestBatch, batch.length);
          batch.forEach((q, i) => q.resolve({ ...q.entry, ...placed[i]! }));
          this.lastSeq = placed.at(-1)?.seq ?? this.lastSeq;
        } catch (err) {
          this.opts.log.error('audit entries could not be written', { entries: batch.length, error: err instanceof Error ? err.message : String(err) });
          for (const q of batch) q.reject(err);
        }
      }
    } finally {
      this.committing = false;
    }
    for (const w of this.idleWaiters.splice(0)) w();
  }
}

async function write(out: Writable, text: string): Promise<void> {
  if (out.write(text)) return;
  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => {
      out.off('drain', onDrain);
      reject(err);
    };
    const onDrain = () => {
      out.off('error', onError);
      resolve();
    };
    out.once('drain', onDrain);
    out.once('error', onError);
  });
}
