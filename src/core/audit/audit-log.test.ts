import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../log/logger';
import { openDatabase } from '../store/database';
import { AuditLog } from './audit-log';
import { auditFixture, type AuditFixture } from './test-fixture';
import type { AuditEntryInput } from './types';

const fixtures: AuditFixture[] = [];
function fixture(...args: Parameters<typeof auditFixture>): AuditFixture {
  const f = auditFixture(...args);
  fixtures.push(f);
  return f;
}
afterEach(async () => {
  vi.useRealTimers();
  for (const f of fixtures.splice(0)) await f.cleanup();
});

const view = (i: number, name = 'Bến Thành 01'): AuditEntryInput => ({
  actor: { userId: 'u-1', username: 'operator' },
  action: 'live.view',
  outcome: 'ok',
  target: { kind: 'camera', id: `cam-${i}`, name },
  details: { from: 1000 * i, to: 1000 * i + 500 },
  source: 'test',
});

describe('appending', () => {
  it('answers with the entry in its place in the chain, and it survives closing and reopening', async () => {
    const f = fixture();
    const first = await f.audit.append(view(1));
    const second = await f.audit.append(view(2));
    expect(first).toMatchObject({ seq: 1, prevHash: '0'.repeat(64), action: 'live.view', target: { kind: 'camera', id: 'cam-1', name: 'Bến Thành 01' } });
    expect(second.seq).toBe(2);
    expect(second.prevHash).toBe(first.hash);
    await f.audit.dispose();
    f.db.close();

    const { db, file } = openDatabase({ dataDir: f.dir });
    expect(db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq').all()).toEqual([
      { seq: 1, hash: first.hash },
      { seq: 2, hash: second.hash },
    ]);
    db.close();
    const again = new AuditLog({ databaseFile: file, key: f.key, log: createLogger('audit') });
    try {
      expect((await again.append(view(3))).prevHash).toBe(second.hash);
      const page = await again.list({ limit: 10 });
      expect(page.entries.map((e) => e.seq)).toEqual([3, 2, 1]);
      expect(page.entries[2]).toEqual(first);
    } finally {
      await again.dispose();
    }
  });

  it('writes with synchronous=FULL on its own connection and leaves the core connection alone', async () => {
    const f = fixture();
    await f.audit.append(view(1));
    expect(await f.audit.durability()).toEqual({ synchronous: 'full', journalMode: 'wal' });
    expect(f.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    // Committed when the promise resolves: another connection sees it at once.
    const other = new Database(f.file, { readonly: true });
    expect(other.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(1);
    other.close();
  });

  it('gives concurrent appends distinct consecutive seqs, in call order, in far fewer commits', async () => {
    const f = fixture();
    const entries = await Promise.all(Array.from({ length: 500 }, (_, i) => f.audit.append(view(i))));
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(entries.map((e) => e.target?.id)).toEqual(Array.from({ length: 500 }, (_, i) => `cam-${i}`));
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash);
    const s = f.audit.stats();
    expect(s.entries).toBe(500);
    expect(s.commits).toBeLessThanOrEqual(5);
    expect(s.largestBatch).toBeGreaterThan(100);
  });

  it('keeps batching while callers wait for durability one after another', async () => {
    const f = fixture();
    const caller = async (n: number) => {
      for (let i = 0; i < 50; i++) await f.audit.append(view(n * 100 + i));
    };
    await Promise.all(Array.from({ length: 8 }, (_, n) => caller(n)));
    const s = f.audit.stats();
    expect(s.entries).toBe(400);
    expect(s.commits).toBeLessThan(200);
    const report = await f.audit.verify();
    expect(report).toMatchObject({ intact: true, entries: 400 });
  });

  it('refuses a malformed entry to its caller only; the others in the same turn are written', async () => {
    const f = fixture();
    const results = await Promise.allSettled([f.audit.append(view(1)), f.audit.append({ ...view(2), action: 'not an action' }), f.audit.append(view(3))]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'bad_request', params: { field: 'audit.action' } });
    expect((results[2] as PromiseFulfilledResult<{ seq: number }>).value.seq).toBe(2);
  });

  it('makes the tables append-only for ordinary SQL', async () => {
    const f = fixture();
    await f.audit.append(view(1));
    await f.audit.checkpoint();
    expect(() => f.db.prepare("UPDATE audit_log SET entry = '[]' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => f.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => f.db.prepare('DELETE FROM audit_checkpoints').run()).toThrow(/append-only/);
    expect(() => f.db.prepare("UPDATE installation_keys SET public_key_pem = 'x'").run()).toThrow(/only retired/);
  });

  it('flushes what is queued on dispose, then refuses further appends', async () => {
    const f = fixture();
    const pending = Array.from({ length: 20 }, (_, i) => f.audit.append(view(i)));
    await f.audit.dispose();
    expect((await Promise.all(pending)).length).toBe(20);
    await expect(f.audit.append(view(99))).rejects.toMatchObject({ code: 'audit_unavailable' });
  });

  it('reports a database without the audit tables to each caller instead of hanging', async () => {
    const f = fixture();
    const bare = new Database(`${f.dir}/bare.db`);
    bare.exec('CREATE TABLE x(a)');
    bare.close();
    const audit = new AuditLog({ databaseFile: `${f.dir}/bare.db`, key: f.key, log: createLogger('audit') });
    try {
      await expect(audit.append(view(1))).rejects.toMatchObject({ code: 'audit_unavailable', params: { reason: 'no_audit_table' } });
    } finally {
      await audit.dispose();
    }
  });
});

describe('listing', () => {
  it('pages newest first and filters by action, user, target, time and text without diacritics', async () => {
    const f = fixture();
    for (let i = 1; i <= 30; i++) await f.audit.append({ ...view(i, i === 7 ? 'Ngã tư Nguyễn Huệ' : `Cam ${i}`), at: 1_000_000 + i });
    await f.audit.append({ actor: { userId: 'u-2', username: 'giám sát' }, action: 'ptz.takeover', outcome: 'denied', target: { kind: 'camera', id: 'cam-3', name: null }, at: 2_000_000 });

    const p1 = await f.audit.list({ limit: 10 });
    expect(p1.entries.map((e) => e.seq)).toEqual([31, 30, 29, 28, 27, 26, 25, 24, 23, 22]);
    expect(p1.nextBeforeSeq).toBe(22);
    const p4 = await f.audit.list({ limit: 10, beforeSeq: 2 });
    expect(p4).toEqual({ entries: [expect.objectContaining({ seq: 1 })], nextBeforeSeq: null });

    expect((await f.audit.list({ limit: 10, action: 'ptz.takeover' })).entries.map((e) => e.seq)).toEqual([31]);
    expect((await f.audit.list({ limit: 10, userId: 'u-2' })).entries.map((e) => e.actor.username)).toEqual(['giám sát']);
    expect((await f.audit.list({ limit: 10, outcome: 'denied' })).entries).toHaveLength(1);
    expect((await f.audit.list({ limit: 50, targetKind: 'camera', targetId: 'cam-3' })).entries.map((e) => e.seq)).toEqual([31, 3]);
    expect((await f.audit.list({ limit: 50, from: 1_000_005, to: 1_000_008 })).entries.map((e) => e.seq)).toEqual([7, 6, 5]);
    expect((await f.audit.list({ limit: 50, text: 'nguyen hue' })).entries.map((e) => e.seq)).toEqual([7]);
    expect((await f.audit.list({ limit: 50, text: 'GIAM SAT' })).entries.map((e) => e.seq)).toEqual([31]);
  });
});

describe('hourly checkpoints', () => {
  it('signs one when entries were added since the last, and stops on dispose', async () => {
    const f = fixture();
    const stop = f.audit.startHourlyCheckpoints(50);
    expect(typeof stop).toBe('function');
    await f.audit.append(view(1));
    await vi.waitFor(() => expect(f.db.prepare('SELECT count(*) FROM audit_checkpoints').pluck().get()).toBe(1), { timeout: 5000, interval: 20 });
    // Nothing new: no new checkpoint.
    await new Promise((r) => setTimeout(r, 200));
    expect(f.db.prepare('SELECT count(*) FROM audit_checkpoints').pluck().get()).toBe(1);
    expect(f.db.prepare('SELECT reason, head_seq FROM audit_checkpoints').get()).toEqual({ reason: 'hourly', head_seq: 1 });
    await f.audit.dispose();
    const before = f.db.prepare('SELECT count(*) FROM audit_checkpoints').pluck().get();
    await new Promise((r) => setTimeout(r, 200));
    expect(f.db.prepare('SELECT count(*) FROM audit_checkpoints').pluck().get()).toBe(before);
  });

  it('runs every hour by default and leaves no timer once stopped', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const f = fixture();
    const spy = vi.spyOn(f.audit, 'checkpoint');
    const stop = f.audit.startHourlyCheckpoints();
    expect(vi.getTimerCount()).toBe(1);
    await f.audit.append(view(1));
    await vi.advanceTimersByTimeAsync(3_600_000);
    await vi.waitFor(() => expect(spy).toHaveBeenCalledTimes(1), { timeout: 5000 });
    stop();
    expect(vi.getTimerCount()).toBe(0);
    f.audit.startHourlyCheckpoints();
    expect(vi.getTimerCount()).toBe(1);
    await f.audit.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('when the writer thread goes away', () => {
  it('starts a new one at the next append and carries on the same chain', async () => {
    const f = fixture();
    const first = await f.audit.append(view(1));
    // As if the thread had died: the next append must not hang or fork the chain.
    await (f.audit as unknown as { writerThread: { close(): Promise<void> } }).writerThread.close();
    const second = await f.audit.append(view(2));
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
    expect((await f.audit.verify()).intact).toBe(true);
  });
});
