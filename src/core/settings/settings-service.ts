// Console settings live in the database like everything a user changes (a backup is one file).
import type { Settings } from '../../shared/contract';
import type { Db } from '../store/database';

export const DEFAULT_SETTINGS: Settings = {
  language: 'system',
  timeZone: 'Asia/Ho_Chi_Minh',
  tourDwellSeconds: 20,
  // Long enough not to interrupt an officer who only watches; short enough for a console left alone.
  idleLockMinutes: 30,
  // The defaults: a PTZ hold lapses after 30 s idle; a clock off by more than 5 s is flagged.
  ptzIdleSeconds: 30,
  clockSkewSeconds: 5,
};

export class SettingsService {
  constructor(private readonly db: Db) {}

  get(): Settings {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    // The table also holds other services' state (e.g. demo.site): take only the settings' keys.
    const stored: Record<string, unknown> = {};
    for (const r of rows) if (r.key in DEFAULT_SETTINGS) stored[r.key] = JSON.parse(r.value);
    return { ...DEFAULT_SETTINGS, ...(stored as Partial<Settings>) };
  }

  update(patch: Partial<Settings>): Settings {
    const put = this.db.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => {
      for (const [k, v] of Object.entries(patch)) if (v !== undefined) put.run(k, JSON.stringify(v));
    })();
    return this.get();
  }
}
