// The uptime thread: opens the database read-only, computes the figures once and posts them back
// (see uptime-source.ts). One run per thread, so nothing it holds outlives a computation.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { Db } from '../store/database';
import { HealthRepository } from './health-repository';
import { computeUptime } from './uptime';

const { databaseFile, at } = workerData as { databaseFile: string; at: number };
const port = parentPort!;
let db: Db | null = null;
try {
  db = new Database(databaseFile, { readonly: true, fileMustExist: true, timeout: 5000 });
  const wire = computeUptime(new HealthRepository(db), at);
  port.postMessage({ ok: true, wire }, [wire.values.buffer as ArrayBuffer]);
} catch (err) {
  port.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
} finally {
  db?.close();
}
