import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../database';
import { LATEST_VERSION, MIGRATIONS } from './index';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wf-m010-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('migration 10: incidents, alarms, shift handover', () => {
  it('applies over a version-5 database, keeps the register, seeds the categories, and guards what must not change', () => {
    const db = new Database(path.join(dir, 'watchfloor.db'));
    try {
      migrate(
        db,
        MIGRATIONS.filter((m) => m.version <= 5),
      );
      db.prepare("INSERT INTO areas(id, parent_id, name, kind, created_at) VALUES ('a1', NULL, 'Phường Bến Nghé', 'ward', 0)").run();
      migrate(db);
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(db.prepare('SELECT name FROM areas').pluck().all()).toEqual(['Phường Bến Nghé']);
      expect(db.prepare('SELECT id FROM incident_categories WHERE builtin = 1 ORDER BY sort').pluck().all()).toEqual([
        'publicorder',
        'trafficaccident',
        'trafficviolation',
        'fire',
        'environment',
        'urbanorder',
        'adminviolation',
        'camerafault',
        'other',
      ]);
      // The contentless index deletes by rowid and walks newest first.
      const fts = db.prepare('INSERT INTO incidents_fts(rowid, body, facets) VALUES (?, ?, ?)');
      fts.run(1, 'nguyen hue', 'zsnew');
      fts.run(2, 'nguyen trai', 'zsclosed');
      db.prepare('DELETE FROM incidents_fts WHERE rowid = 1').run();
      expect(db.prepare("SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH 'body : nguyen' ORDER BY rowid DESC").pluck().all()).toEqual([2]);
      db.prepare("INSERT INTO shift_handovers VALUES ('h1', 0, 1, 'u', 'An', 1, '', '[]', '{}', 'x')").run();
      expect(() => db.prepare("UPDATE shift_handovers SET notes = 'x'").run()).toThrow(/cannot be changed/);
      expect(() => db.prepare('DELETE FROM shift_handovers').run()).toThrow(/cannot be deleted/);
    } finally {
      db.close();
    }
  });
});
