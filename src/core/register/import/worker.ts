// The import worker: opens its own connection to the database file and writes one plan in one
// transaction, posting progress, so the core's event loop stays free while 10,000 rows go in.
// WAL lets the core keep reading meanwhile; its writes wait for this commit (busy_timeout).
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { registerStore } from '../store';
import { applyPlan } from './apply';
import type { WorkerRequest, WorkerMessage } from './writer';

const req = workerData as WorkerRequest;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
const db = new Database(req.databaseFile, { timeout: 10_000 });
try {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 10000');
  const counts = applyPlan(registerStore(db), req.plan, req.actor, (done, total) => post({ kind: 'progress', done, total }));
  post({ kind: 'done', counts });
} catch (err) {
  post({
    kind: 'failed',
    message: err instanceof Error ? err.message : String(err),
    code: typeof err === 'object' && err && 'code' in err ? String((err as { code: unknown }).code) : '',
  });
} finally {
  db.close();
}
