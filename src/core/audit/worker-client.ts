// Starts an audit worker thread and calls it: one promise per call, progress for long ones, and
// every waiting call rejected (never left hanging) if the thread dies.
// Its code is audit-worker.ts, found as workers/worker-script.ts says.
import { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/errors';
import type { Logger } from '../log/logger';
import { workerScript, type WorkerScript } from '../workers/worker-script';
import type { CallName, Calls, WorkerInit, WorkerReply, WorkerRequest } from './worker-protocol';

interface Waiting {
  resolve(value: unknown): void;
  reject(err: unknown): void;
  onProgress?: (done: number, total: number) => void;
}

function auditScript(): WorkerScript {
  const found = workerScript(import.meta.url, 'audit-worker');
  if (!found) throw new AppError('audit_unavailable', { reason: 'worker_missing' });
  return found;
}

export class AuditWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private gone: AppError | null = null;
  private readonly exited: Promise<void>;

  constructor(
    init: WorkerInit,
    private readonly log: Logger,
  ) {
    const { script, evalCode } = auditScript();
    this.worker = new Worker(script, { eval: evalCode, workerData: init, name: `audit-${init.role}` });
    this.worker.on('message', (m: WorkerReply) => this.onReply(m));
    this.worker.on('error', (err) => {
      this.log.error(`audit ${init.role} thread failed`, { error: err.stack ?? err.message });
      this.fail(new AppError('audit_unavailable', { reason: 'worker_failed' }));
    });
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', () => {
        this.fail(new AppError('audit_unavailable', { reason: 'worker_stopped' }));
        resolve();
      }),
    );
  }

  get alive(): boolean {
    return this.gone === null;
  }

  call<K extends CallName>(call: K, input: Calls[K]['input'], onProgress?: (done: number, total: number) => void): Promise<Calls[K]['output']> {
    if (this.gone) return Promise.reject(this.gone);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject, ...(onProgress ? { onProgress } : {}) });
      this.worker.postMessage({ id, call, input } as WorkerRequest);
    });
  }

  /** Closes the thread's connection and waits for the thread to end (ended by force after `ms`). */
  async close(ms = 5000): Promise<void> {
    if (this.alive) {
      const closed = this.call('close', {}).catch(() => undefined);
      const timer = setTimeout(() => void this.worker.terminate(), ms);
      await closed;
      await this.exited;
      clearTimeout(timer);
    } else {
      await this.worker.terminate();
      await this.exited;
    }
  }

  private onReply(m: WorkerReply): void {
    const w = this.waiting.get(m.id);
    if (!w) return;
    if ('progress' in m) {
      w.onProgress?.(m.progress.done, m.progress.total);
      return;
    }
    this.waiting.delete(m.id);
    if (m.ok) w.resolve(m.value);
    else {
      if (m.error.code === 'internal') this.log.error('audit worker call failed', { error: m.error.message });
      w.reject(new AppError(m.error.code, m.error.params));
    }
  }

  private fail(err: AppError): void {
    if (!this.gone) this.gone = err;
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }
}
