// The audit trail (Trust issue), on a temp database on disk:
// - audit.append_per_s: 8 concurrent callers, each awaiting durability (group commit, synchronous=FULL)
//   before its next append, for BENCH_AUDIT_SECONDS (3 s); median of 3 runs. Extra: append latency
//   p50/p95, entries per commit, the core's event-loop delay meanwhile, one run with 32 callers, and
//   what the same commits cost when run on the core's own thread (the design not taken).
// - audit.verify_1m_s: AuditLog.verify() (its own worker threads, as the admin screen runs it) over a
//   chain of 1,000,000 entries; median of 3 runs. The chain is built with the real entry format and
//   hashes in 50,000-entry transactions, which is not timed.
import Database from 'better-sqlite3';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setLogLevel } from '../src/core/log/logger';
import { AuditStore } from '../src/core/audit/audit-store';
import { auditFixture } from '../src/core/audit/test-fixture';
import type { PreparedEntry } from '../src/core/audit/types';
import { verifyChain } from '../src/core/audit/verify-chain';
import { median, percentile, type Benchmark, type BenchResult } from './types';

const SECONDS = Number(process.env.BENCH_AUDIT_SECONDS ?? 3);
const CALLERS = 8;
const CHAIN = Number(process.env.BENCH_AUDIT_CHAIN ?? 1_000_000);

const sample = (i: number): PreparedEntry => ({
  at: 1_772_352_000_000 + i * 250,
  actor: { userId: `7d1c3a2e-1111-4222-8333-${String(i % 40).padStart(12, '0')}`, username: `truc_ban_${i % 40}` },
  action: i % 5 === 0 ? 'ptz.command' : 'live.view',
  outcome: 'ok',
  target: { kind: 'camera', id: `c0ffee00-1111-4222-8333-${String(i % 300).padStart(12, '0')}`, name: `Ngã tư Nguyễn Huệ – Lê Lợi ${i % 300}` },
  details: { from: 1_772_352_000_000 + i * 250 - 60_000, to: 1_772_352_000_000 + i * 250, stream: 'main' },
  source: 'serve 127.0.0.1',
});

async function appendRun(callers = CALLERS): Promise<{ perSecond: number; latencies: number[]; perCommit: number; loopMaxMs: number; loopP99Ms: number }> {
  const f = auditFixture();
  try {
    const loop = monitorEventLoopDelay({ resolution: 1 });
    const latencies: number[] = [];
    let n = 0;
    const until = performance.now() + SECONDS * 1000;
    loop.enable();
    const caller = async (c: number) => {
      while (performance.now() < until) {
        const e = sample(c * 1_000_000 + n++);
        const t0 = performance.now();
        await f.audit.append(e);
        latencies.push(performance.now() - t0);
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: callers }, (_, c) => caller(c)));
    const seconds = (performance.now() - t0) / 1000;
    loop.disable();
    const s = f.audit.stats();
    return {
      perSecond: s.entries / seconds,
      latencies,
      perCommit: s.entries / s.commits,
      loopMaxMs: loop.max / 1e6,
      loopP99Ms: loop.percentile(99) / 1e6,
    };
  } finally {
    await f.cleanup();
  }
}

/** The alternative not taken: committing on the core's own thread (see audit-log.ts). */
function mainThreadCommits(file: string): { p50: number; p95: number; max: number } {
  const db = new Database(file);
  db.pragma('synchronous = FULL');
  const store = new AuditStore(db);
  const ms: number[] = [];
  for (let i = 0; i < 300; i++) {
    const t = performance.now();
    store.append(Array.from({ length: CALLERS }, (_, k) => sample(i * CALLERS + k)));
    ms.push(performance.now() - t);
  }
  db.close();
  return { p50: +percentile(ms, 50).toFixed(2), p95: +percentile(ms, 95).toFixed(2), max: +Math.max(...ms).toFixed(2) };
}

function buildChain(file: string, count: number): void {
  const db = new Database(file);
  // Only for building the test chain quickly; the audit log itself always writes with FULL.
  db.pragma('synchronous = OFF');
  const store = new AuditStore(db);
  const BATCH = 50_000;
  for (let i = 0; i < count; i += BATCH) store.append(Array.from({ length: Math.min(BATCH, count - i) }, (_, k) => sample(i + k)));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  // Written with synchronous=OFF: push it to disk now, or the first timed runs share the disk
  // with the kernel writing back 400 MB (seen: 8 s, 7 s, then 3.9 s).
  const fd = openSync(file, 'r+');
  fsyncSync(fd);
  closeSync(fd);
}

const bench: Benchmark = async () => {
  setLogLevel('warn');
  const results: BenchResult[] = [];

  const runs = [];
  for (let r = 0; r < 3; r++) runs.push(await appendRun());
  // Group commit scales with concurrency: the same with 32 callers, for comparison.
  const wide = await appendRun(32);
  const onMain = auditFixture();
  let mainThread;
  try {
    mainThread = mainThreadCommits(onMain.file);
  } finally {
    await onMain.cleanup();
  }
  const all = runs.flatMap((r) => r.latencies);
  results.push({
    name: 'audit.append_per_s',
    value: Math.round(median(runs.map((r) => r.perSecond))),
    unit: 'entries/s, each durable (synchronous=FULL) before its append resolves',
    target: 2000,
    better: 'higher',
    extra: {
      runs: runs.map((r) => Math.round(r.perSecond)),
      callers: CALLERS,
      seconds: SECONDS,
      latencyP50Ms: +percentile(all, 50).toFixed(2),
      latencyP95Ms: +percentile(all, 95).toFixed(2),
      entriesPerCommit: +median(runs.map((r) => r.perCommit)).toFixed(1),
      eventLoopDelayP99Ms: +median(runs.map((r) => r.loopP99Ms)).toFixed(2),
      eventLoopDelayMaxMs: +Math.max(...runs.map((r) => r.loopMaxMs)).toFixed(2),
      with32CallersPerS: Math.round(wide.perSecond),
      mainThreadCommitMsIfNotInWorker: mainThread,
      // Four engineers share this machine's two cores: the load says how busy it was.
      loadAverage1m: +os.loadavg()[0]!.toFixed(2),
    },
  });

  const f = auditFixture();
  try {
    const t0 = performance.now();
    buildChain(f.file, CHAIN);
    const buildS = (performance.now() - t0) / 1000;
    const times: number[] = [];
    let entries = 0;
    for (let r = 0; r < 3; r++) {
      const t = performance.now();
      const report = await f.audit.verify();
      times.push((performance.now() - t) / 1000);
      if (!report.intact) throw new Error(`the built chain does not verify: ${JSON.stringify(report.firstBroken)}`);
      entries = report.entries;
    }
    // The same check in one thread, without the workers (what one core does alone).
    const t = performance.now();
    const cpu0 = process.cpuUsage();
    verifyChain(f.db);
    const cpu = process.cpuUsage(cpu0);
    const directS = (performance.now() - t) / 1000;
    results.push({
      name: 'audit.verify_1m_s',
      value: +median(times).toFixed(2),
      unit: `s to verify ${entries.toLocaleString('en-US')} entries`,
      target: 5,
      better: 'lower',
      extra: { runs: times.map((s) => +s.toFixed(2)), loadAverage1m: +os.loadavg()[0]!.toFixed(2), inThisThreadS: +directS.toFixed(2), inThisThreadCpuS: +((cpu.user + cpu.system) / 1e6).toFixed(2), buildChainS: +buildS.toFixed(1) },
    });
  } finally {
    await f.cleanup();
  }
  return results;
};

export default bench;
