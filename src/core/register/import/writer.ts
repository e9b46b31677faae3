// How an import plan gets written: in a worker thread (the core), or in-process (unit tests). The
// worker is the built `register-worker.js` beside the core's bundle, or, when the core runs from
// its TypeScript sources (tests, tsx), worker.ts loaded through tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../history-repository';
import type { RegisterStore } from '../store';
import { applyPlan, type ImportCounts } from './apply';
import type { ImportPlan } from './plan';

export interface WorkerRequest {
  databaseFile: string;
  plan: ImportPlan;
  actor: Actor;
}
export type WorkerMessage =
  { kind: 'progress'; done: number; total: number } | { kind: 'done'; counts: ImportCounts } | { kind: 'failed'; message: string; code: string };

export interface ImportWriter {
  write(plan: ImportPlan, actor: Actor, onProgress: (done: number, total: number) => void): Promise<ImportCounts>;
}

export function inProcessWriter(store: RegisterStore): ImportWriter {
  return { write: async (plan, actor, onProgress) => applyPlan(store, plan, actor, onProgress) };
}

function workerEntry(): { file: string; ts: boolean } {
  for (const rel of ['./register-worker.js', '../register-worker.js']) {
    const url = new URL(rel, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return { file: fileURLToPath(url), ts: false };
  }
  return { file: new URL('./worker.ts', import.meta.url).href, ts: true };
}

export function workerWriter(databaseFile: string): ImportWriter {
  return {
    write: (plan, actor, onProgress) =>
      new Promise<ImportCounts>((resolve, reject) => {
        const entry = workerEntry();
        const workerData: WorkerRequest = { databaseFile, plan, actor };
        const worker = entry.ts
          ? new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry.file)}); })`, {
              eval: true,
              workerData,
            })
          : new Worker(entry.file, { workerData });
        let settled = false;
        worker.on('message', (m: WorkerMessage) => {
          if (m.kind === 'progress') onProgress(m.done, m.total);
          else if (m.kind === 'done') {
            settled = true;
            resolve(m.counts);
          } else {
            settled = true;
            reject(
              new AppError(
                m.code.startsWith('SQLITE_CONSTRAINT') ? 'conflict' : m.code.startsWith('SQLITE_BUSY') ? 'db_locked' : 'internal',
                { kind: 'import', id: '' },
                { cause: new Error(m.message) },
              ),
            );
          }
        });
        worker.on('error', (err) => {
          if (!settled) reject(new AppError('internal', {}, { cause: err }));
          settled = true;
        });
        worker.on('exit', (code) => {
          if (!settled) reject(new AppError('internal', { exit: code }));
        });
      }),
  };
}
