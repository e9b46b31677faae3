import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setLogLevel, setLogSink, type LogLevel } from '../log/logger';
import { openDatabase, type Db } from '../store/database';
import { DEFAULT_SETTINGS, SettingsService } from './settings-service';

let dir: string;
let db: Db;
let lines: string[];
let restoreLog: () => void;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wf-settings-'));
  db = openDatabase({ dataDir: dir }).db;
  lines = [];
  restoreLog = setLogSink((l) => lines.push(l));
  setLogLevel('warn');
});
afterEach(() => {
  restoreLog();
  setLogLevel((process.env.WATCHFLOOR_LOG as LogLevel | undefined) ?? 'info');
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const store = (key: string, raw: string) =>
  db.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, raw);

describe('SettingsService', () => {
  it('refuses a time zone Intl does not know, and normalises the case of one it does', () => {
    const s = new SettingsService(db);
    expect(() => s.update({ timeZone: 'Not/AZone' })).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ code: 'time_zone', path: ['timeZone'] })] }),
    );
    expect(s.get().timeZone).toBe(DEFAULT_SETTINGS.timeZone);
    expect(s.update({ timeZone: 'asia/bangkok' }).timeZone).toBe('Asia/Bangkok');
  });

  it('reads a bad stored value back as the default and logs it once', () => {
    store('timeZone', JSON.stringify('Not/AZone'));
    store('tourDwellSeconds', JSON.stringify(-5));
    store('language', '{not json');
    const s = new SettingsService(db);
    expect(s.get()).toEqual(DEFAULT_SETTINGS);
    expect(s.get()).toEqual(DEFAULT_SETTINGS);
    const warnings = lines.filter((l) => l.includes('a stored setting is not valid'));
    expect(warnings).toHaveLength(3);
    expect(warnings.join('\n')).toContain('Not/AZone');
    // Setting it again repairs it.
    expect(s.update({ timeZone: 'UTC' }).timeZone).toBe('UTC');
  });

  it('ignores other services’ rows and keys that only look like settings', () => {
    store('demo.site', JSON.stringify({ basePort: 1 }));
    store('constructor', JSON.stringify('x'));
    expect(new SettingsService(db).get()).toEqual(DEFAULT_SETTINGS);
  });
});
