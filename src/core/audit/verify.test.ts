// Tampering as an attacker with the database file would do it: a raw connection, the triggers
// dropped, rows changed. Each case must be named precisely, at the first broken entry.
import Database from 'better-sqlite3';
import { generateKeyPairSync, sign } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { publicKeyFingerprint } from '../secrets/installation-key';
import { chainHash, GENESIS_HASH } from './chain';
import { makeCheckpoint, parseCheckpointFile } from './checkpoint';
import { AuditStore } from './audit-store';
import { prepareEntry } from './entry-input';
import { auditFixture, type AuditFixture } from './test-fixture';
import type { AuditEntryInput, KeptCheckpoint } from './types';
import { verifyChain } from './verify-chain';

const fixtures: AuditFixture[] = [];
afterEach(async () => {
  for (const f of fixtures.splice(0)) await f.cleanup();
});

const entry = (i: number): AuditEntryInput => ({
  actor: { userId: 'u-1', username: 'operator' },
  action: i % 3 === 0 ? 'ptz.command' : 'live.view',
  outcome: 'ok',
  target: { kind: 'camera', id: `cam-${i}`, name: `Camera ${i}` },
  details: { n: i },
  source: 'test',
  at: 1_700_000_000_000 + i,
});

async function logWith(n: number): Promise<AuditFixture> {
  const f = auditFixture();
  fixtures.push(f);
  await Promise.all(Array.from({ length: n }, (_, i) => f.audit.append(entry(i + 1))));
  return f;
}

/** The attacker's connection: append-only triggers dropped. */
function attacker(f: AuditFixture): Database.Database {
  const db = new Database(f.file);
  db.exec(
    'DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; DROP TRIGGER IF EXISTS audit_checkpoints_no_delete;',
  );
  return db;
}

async function keep(f: AuditFixture): Promise<KeptCheckpoint> {
  const cp = await f.audit.checkpoint();
  return parseCheckpointFile(f.audit.checkpointFile(cp), 'kept.json');
}

/** Re-hashes every entry from `fromSeq` on, as someone covering their tracks would. */
function rehashFrom(db: Database.Database, fromSeq: number): void {
  const rows = db.prepare('SELECT seq, entry FROM audit_log WHERE seq >= ? ORDER BY seq').all(fromSeq) as { seq: number; entry: string }[];
  let prev =
    (db
      .prepare('SELECT hash FROM audit_log WHERE seq = ?')
      .pluck()
      .get(fromSeq - 1) as string | undefined) ?? GENESIS_HASH;
  const upd = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?');
  for (const r of rows) {
    const h = chainHash(prev, r.entry);
    upd.run(prev, h, r.seq);
    prev = h;
  }
}

describe('verifying the chain', () => {
  it('finds an untouched log intact, with its head and progress', async () => {
    const f = await logWith(25);
    const progress: number[] = [];
    const direct = verifyChain(f.db, { onProgress: (done) => progress.push(done) });
    expect(direct).toMatchObject({ intact: true, entries: 25, checked: 25, firstBroken: null });
    expect(direct.head?.seq).toBe(25);
    expect(progress.at(-1)).toBe(25);
    expect(await f.audit.verify()).toMatchObject({ intact: true, entries: 25, head: direct.head });
  });

  it('finds an empty log intact', async () => {
    const f = await logWith(0);
    expect(await f.audit.verify()).toMatchObject({ intact: true, entries: 0, head: null, firstBroken: null });
  });

  it('names a row whose content was changed', async () => {
    const f = await logWith(20);
    const db = attacker(f);
    db.prepare('UPDATE audit_log SET entry = replace(entry, \'"operator"\', \'"someone"\') WHERE seq = 7').run();
    db.close();
    expect((await f.audit.verify()).firstBroken).toEqual({ seq: 7, problem: 'hash_mismatch', checkpoint: null });
  });

  it('names a row that was changed and given a matching hash of its own', async () => {
    const f = await logWith(20);
    const db = attacker(f);
    db.prepare('UPDATE audit_log SET entry = replace(entry, \'"ok"\', \'"denied"\') WHERE seq = 9').run();
    const row = db.prepare('SELECT entry, prev_hash FROM audit_log WHERE seq = 9').get() as { entry: string; prev_hash: string };
    db.prepare('UPDATE audit_log SET hash = ? WHERE seq = 9').run(chainHash(row.prev_hash, row.entry));
    db.close();
    expect((await f.audit.verify()).firstBroken).toEqual({ seq: 9, problem: 'hash_mismatch', checkpoint: null });
  });

  it('names a deleted row', async () => {
    const f = await logWith(20);
    const db = attacker(f);
    db.prepare('DELETE FROM audit_log WHERE seq = 12').run();
    db.close();
    const r = await f.audit.verify();
    expect(r).toMatchObject({ intact: false, entries: 19, checked: 11 });
    expect(r.firstBroken).toEqual({ seq: 12, problem: 'seq_gap', checkpoint: null });
  });

  it('names the first of two rows whose contents were swapped', async () => {
    const f = await logWith(20);
    const db = attacker(f);
    const a = db.prepare('SELECT entry, prev_hash, hash FROM audit_log WHERE seq = 5').get() as Record<string, string>;
    const b = db.prepare('SELECT entry, prev_hash, hash FROM audit_log WHERE seq = 11').get() as Record<string, string>;
    const put = db.prepare('UPDATE audit_log SET entry = ?, prev_hash = ?, hash = ? WHERE seq = ?');
    db.transaction(() => {
      put.run(b.entry, b.prev_hash, b.hash, 5);
      put.run(a.entry, a.prev_hash, a.hash, 11);
    })();
    db.close();
    expect((await f.audit.verify()).firstBroken).toEqual({ seq: 5, problem: 'prev_mismatch', checkpoint: null });
  });

  it('names a row moved to another place with its number rewritten and re-hashed alone', async () => {
    const f = await logWith(20);
    const db = attacker(f);
    // Entry 15 made to look like it happened as entry 6: renumbered and re-hashed on the old link.
    const moved = (db.prepare('SELECT entry FROM audit_log WHERE seq = 15').pluck().get() as string).replace(/^\[15,/, '[6,');
    const prev = db.prepare('SELECT hash FROM audit_log WHERE seq = 5').pluck().get() as string;
    db.prepare('UPDATE audit_log SET entry = ?, hash = ? WHERE seq = 6').run(moved, chainHash(prev, moved));
    db.close();
    expect((await f.audit.verify()).firstBroken).toEqual({ seq: 6, problem: 'hash_mismatch', checkpoint: null });
  });

  it('catches a truncated tail against a kept checkpoint, even with the stored checkpoints gone', async () => {
    const f = await logWith(30);
    const kept = await keep(f);
    await Promise.all([31, 32].map((i) => f.audit.append(entry(i))));
    const db = attacker(f);
    db.prepare('DELETE FROM audit_log WHERE seq > 24').run();
    db.prepare('DELETE FROM audit_checkpoints').run();
    db.close();
    // Without the checkpoint the shortened chain is consistent: that is what checkpoints are for.
    expect((await f.audit.verify()).intact).toBe(true);
    const r = await f.audit.verify({ checkpoint: kept });
    expect(r.intact).toBe(false);
    expect(r.firstBroken).toMatchObject({ seq: 25, problem: 'truncated', checkpoint: { source: 'kept', headSeq: 30, count: 30 } });
    expect(r.checkpoint).toMatchObject({ headSeq: 30, signatureValid: true, knownKey: true });
  });

  it('catches a truncated tail against the stored checkpoints', async () => {
    const f = await logWith(30);
    await f.audit.checkpoint();
    const db = attacker(f);
    db.prepare('DELETE FROM audit_log WHERE seq > 20').run();
    db.close();
    expect((await f.audit.verify()).firstBroken).toMatchObject({ seq: 21, problem: 'truncated', checkpoint: { source: 'stored', headSeq: 30 } });
  });

  it('catches a consistently rewritten tail against a kept checkpoint (rolled back)', async () => {
    const f = await logWith(30);
    const kept = await keep(f);
    const db = attacker(f);
    db.prepare('DELETE FROM audit_checkpoints').run();
    db.prepare('UPDATE audit_log SET entry = replace(entry, \'"live.view"\', \'"system.info"\') WHERE seq >= 18').run();
    rehashFrom(db, 18);
    db.close();
    expect((await f.audit.verify()).intact).toBe(true);
    const r = await f.audit.verify({ checkpoint: kept });
    expect(r.firstBroken).toMatchObject({ seq: 30, problem: 'rolled_back', checkpoint: { source: 'kept', headSeq: 30 } });
  });

  it('catches a log rolled back to an older state and grown again', async () => {
    const f = await logWith(10);
    const kept = await keep(f);
    const db = attacker(f);
    db.prepare('DELETE FROM audit_checkpoints').run();
    db.prepare('DELETE FROM audit_log WHERE seq > 6').run();
    db.close();
    await Promise.all([7, 8, 9, 10, 11].map((i) => f.audit.append({ ...entry(i), details: { n: i, rewritten: true } })));
    expect((await f.audit.verify({ checkpoint: kept })).firstBroken).toMatchObject({ seq: 10, problem: 'rolled_back' });
  });

  it('refuses a kept checkpoint whose signed content or signature was altered', async () => {
    const f = await logWith(10);
    const kept = await keep(f);
    const altered = { ...kept, signed: kept.signed.replace('count 10', 'count 11').replace('head-seq 10', 'head-seq 11'), count: 11, headSeq: 11 };
    const r = await f.audit.verify({ checkpoint: altered });
    expect(r.firstBroken).toMatchObject({ seq: 11, problem: 'bad_signature', checkpoint: { source: 'kept' } });
    expect(r.checkpoint).toMatchObject({ signatureValid: false });
    const badSig = Buffer.from(kept.signature, 'base64');
    badSig[0]! ^= 1;
    expect((await f.audit.verify({ checkpoint: { ...kept, signature: badSig.toString('base64') } })).firstBroken).toMatchObject({
      problem: 'bad_signature',
    });
  });

  it('refuses a checkpoint forged with another key, kept or stored', async () => {
    const f = await logWith(10);
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const head = f.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
    const forged = makeCheckpoint(
      { count: 10, headSeq: head.seq, headHash: head.hash, timeMs: Date.now(), keyFingerprint: publicKeyFingerprint(pem) },
      (t) => sign(null, Buffer.from(t), privateKey),
    );
    const r = await f.audit.verify({ checkpoint: { ...forged, publicKeyPem: pem } });
    expect(r.firstBroken).toMatchObject({ seq: 10, problem: 'unknown_key' });
    expect(r.checkpoint).toMatchObject({ signatureValid: true, knownKey: false });

    // A stored checkpoint claiming the installation's key with a signature that is not its own.
    const real = makeCheckpoint({ count: 10, headSeq: 10, headHash: head.hash, timeMs: Date.now(), keyFingerprint: f.key.fingerprint }, (t) =>
      sign(null, Buffer.from(t), privateKey),
    );
    f.db
      .prepare('INSERT INTO audit_checkpoints(head_seq, count, head_hash, at, signed, signature, key_fingerprint, reason) VALUES (?,?,?,?,?,?,?,?)')
      .run(real.headSeq, real.count, real.headHash, real.timeMs, real.signed, real.signature, real.keyFingerprint, 'on_demand');
    expect((await f.audit.verify()).firstBroken).toMatchObject({ seq: 10, problem: 'bad_signature', checkpoint: { source: 'stored' } });
  });

  it('pins checkpoints and names breaks on later pages of a long chain', async () => {
    const f = await logWith(0);
    const store = new AuditStore(f.db);
    for (let i = 0; i < 25_000; i += 5000) store.append(Array.from({ length: 5000 }, (_, k) => prepareEntry(entry(i + k + 1), 0)));
    const kept = await keep(f);
    expect((await f.audit.verify({ checkpoint: kept })).intact).toBe(true);
    const db = attacker(f);
    db.prepare('DELETE FROM audit_checkpoints').run();
    // A consistent rewrite from 12,345 on: only the checkpoint at 25,000 can tell.
    db.prepare('UPDATE audit_log SET entry = replace(entry, \'"live.view"\', \'"system.info"\') WHERE seq >= 12345').run();
    rehashFrom(db, 12_345);
    db.close();
    expect((await f.audit.verify({ checkpoint: kept })).firstBroken).toMatchObject({ seq: 25_000, problem: 'rolled_back' });
    const db2 = attacker(f);
    db2.prepare("UPDATE audit_log SET entry = replace(entry, 'Camera', 'Kamera') WHERE seq = 20001").run();
    db2.close();
    const r = await f.audit.verify({ checkpoint: kept });
    expect(r.firstBroken).toEqual({ seq: 20_001, problem: 'hash_mismatch', checkpoint: null });
    expect(r.checked).toBe(20_000);
  });

  // 25,000 entries in three stretches: 1–8,334, 8,335–16,668, 16,669–25,000. One test per case:
  // each starts three verifying threads, a few seconds apiece on a loaded machine.
  const splitCases: [string, (db: Database.Database) => void, { seq: number; problem: string } | null][] = [
    ['intact', () => undefined, null],
    ['last of a stretch deleted', (db) => db.prepare('DELETE FROM audit_log WHERE seq = 8334').run(), { seq: 8334, problem: 'seq_gap' }],
    ['first of a stretch deleted', (db) => db.prepare('DELETE FROM audit_log WHERE seq = 8335').run(), { seq: 8335, problem: 'seq_gap' }],
    [
      'last of a stretch changed and re-hashed',
      (db) => {
        db.prepare("UPDATE audit_log SET entry = replace(entry, 'operator', 'intruder') WHERE seq = 8334").run();
        const row = db.prepare('SELECT entry, prev_hash FROM audit_log WHERE seq = 8334').get() as { entry: string; prev_hash: string };
        db.prepare('UPDATE audit_log SET hash = ? WHERE seq = 8334').run(chainHash(row.prev_hash, row.entry));
      },
      { seq: 8334, problem: 'hash_mismatch' },
    ],
    [
      'rows swapped across a seam',
      (db) => {
        const a = db.prepare('SELECT entry, prev_hash, hash FROM audit_log WHERE seq = 16668').get() as Record<string, string>;
        const b = db.prepare('SELECT entry, prev_hash, hash FROM audit_log WHERE seq = 16669').get() as Record<string, string>;
        const put = db.prepare('UPDATE audit_log SET entry = ?, prev_hash = ?, hash = ? WHERE seq = ?');
        put.run(b.entry, b.prev_hash, b.hash, 16668);
        put.run(a.entry, a.prev_hash, a.hash, 16669);
      },
      { seq: 16668, problem: 'prev_mismatch' },
    ],
    ['tail cut inside the last stretch', (db) => db.prepare('DELETE FROM audit_log WHERE seq > 20000').run(), { seq: 20001, problem: 'truncated' }],
  ];
  it.each(splitCases)('finds the same as one walk when the chain is split between threads, at the seams too: %s', async (name, tamper, expected) => {
    const f = await logWith(0);
    const store = new AuditStore(f.db);
    for (let i = 0; i < 25_000; i += 5000) store.append(Array.from({ length: 5000 }, (_, k) => prepareEntry(entry(i + k + 1), 0)));
    const kept = await keep(f);
    const db = attacker(f);
    tamper(db);
    db.close();
    const one = verifyChain(f.db, { checkpoint: kept });
    const three = await f.audit.verify({ checkpoint: kept, threads: 3, minimumPerThread: 5000 });
    expect({ name, firstBroken: three.firstBroken, checked: three.checked, entries: three.entries }).toEqual({
      name,
      firstBroken: one.firstBroken,
      checked: one.checked,
      entries: one.entries,
    });
    expect(three.intact, name).toBe(expected === null);
    if (expected) expect(three.firstBroken, name).toMatchObject(expected);
  });

  it('names the earliest problem when there are several', async () => {
    const f = await logWith(30);
    const kept = await keep(f);
    const db = attacker(f);
    db.prepare('DELETE FROM audit_log WHERE seq > 25').run();
    db.prepare("UPDATE audit_log SET entry = replace(entry, 'Camera 4\"', 'Camera 44\"') WHERE seq = 4").run();
    db.close();
    expect((await f.audit.verify({ checkpoint: kept })).firstBroken).toMatchObject({ seq: 4, problem: 'hash_mismatch' });
  });
});
