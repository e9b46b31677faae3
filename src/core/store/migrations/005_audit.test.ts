import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditStore } from '../../audit/audit-store';
import { prepareEntry } from '../../audit/entry-input';
import { migrate } from '../database';
import { MIGRATIONS } from './index';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wf-m005-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('migration 5: the audit trail', () => {
  it('applies over a database from before it, keeps its data, and reads its columns from each entry', () => {
    const db = new Database(path.join(dir, 'watchfloor.db'));
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 3),
    );
    db.prepare("INSERT INTO settings(key, value) VALUES ('language', '\"vi\"')").run();
    // Up to this migration only: later ones (010 incidents…) have tests of their own.
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 5),
    );
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'language'").pluck().get()).toBe('"vi"');

    new AuditStore(db).append([
      prepareEntry(
        { actor: { userId: 'u-1', username: 'giám sát' }, action: 'ptz.takeover', outcome: 'denied', target: { kind: 'camera', id: 'c-1', name: 'Cầu Sài Gòn' }, details: { from: 'u-2' }, source: 'electron', at: 42 },
        0,
      ),
    ]);
    expect(db.prepare('SELECT seq, at, actor_id, actor_name, action, outcome, target_kind, target_id, target_name, details, source FROM audit_log').get()).toEqual({
      seq: 1,
      at: 42,
      actor_id: 'u-1',
      actor_name: 'giám sát',
      action: 'ptz.takeover',
      outcome: 'denied',
      target_kind: 'camera',
      target_id: 'c-1',
      target_name: 'Cầu Sài Gòn',
      details: '{"from":"u-2"}',
      source: 'electron',
    });
    // The filters of the administrator's screen use the indexes.
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT seq FROM audit_log WHERE actor_id = 'u-1' ORDER BY seq DESC LIMIT 50")).toContain('audit_log_actor');
    expect(plan("SELECT seq FROM audit_log WHERE target_kind = 'camera' AND target_id = 'c-1' ORDER BY seq DESC LIMIT 50")).toContain('audit_log_target');
    expect(plan("SELECT seq FROM audit_log WHERE action = 'ptz.takeover' ORDER BY seq DESC LIMIT 50")).toContain('audit_log_action');
    db.close();
  });
});
