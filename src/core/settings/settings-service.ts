// Console settings live in the database like everything a user changes (a backup is one file).
// Every value is checked against what it means, on the way in and on the way out: a value stored
// before a check existed (or by another program) reads back as the default and is logged, rather
// than reaching every client — a stored `Not/AZone` once blanked the console everywhere.
import { settingsInput, settingsPatch, type Settings } from '../../shared/contract';
import { DEFAULT_TIME_ZONE } from '../../shared/time-zone';
import { createLogger } from '../log/logger';
import type { Db } from '../store/database';

const log = createLogger('settings');

export const DEFAULT_SETTINGS: Settings = {
  language: 'system',
  timeZone: DEFAULT_TIME_ZONE,
  tourDwellSeconds: 20,
  // Long enough not to interrupt an officer who only watches; short enough for a console left alone.
  idleLockMinutes: 30,
  // The issue's defaults: a PTZ hold lapses after 30 s idle; a clock off by more than 5 s is flagged.
  ptzIdleSeconds: 30,
  clockSkewSeconds: 5,
  // Until the administrator names it: what ward reports are headed with.
  centreName: 'Trung tâm giám sát',
  healthProbeSeconds: 60,
  repairAutoHours: 24,
};

const isSettingKey = (key: string): key is keyof Settings => Object.hasOwn(DEFAULT_SETTINGS, key);

export class SettingsService {
  /** Bad stored values already reported: settings.get runs on every client start. */
  private readonly reported = new Set<string>();

  constructor(private readonly db: Db) {}

  get(): Settings {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    // The table also holds other services' state (e.g. demo.site): take only the settings' keys.
    for (const r of rows) {
      if (!isSettingKey(r.key)) continue;
      let value: unknown;
      try {
        value = JSON.parse(r.value);
      } catch {
        this.reportBad(r.key, r.value, 'not_json');
        continue;
      }
      const parsed = settingsInput.shape[r.key].safeParse(value);
      if (parsed.success) out[r.key] = parsed.data;
      else this.reportBad(r.key, r.value, parsed.error.issues[0]?.code ?? 'invalid');
    }
    return out as Settings;
  }

  update(patch: Partial<Settings>): Settings {
    // Checked here too, not only by the dispatcher: the service is the last word on what is stored.
    const clean = settingsPatch.parse(patch);
    const put = this.db.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => {
      for (const [k, v] of Object.entries(clean)) if (v !== undefined) put.run(k, JSON.stringify(v));
    })();
    return this.get();
  }

  private reportBad(key: string, value: string, problem: string): void {
    const id = `${key}\u0000${value}`;
    if (this.reported.has(id)) return;
    this.reported.add(id);
    log.warn('a stored setting is not valid; using the default until it is set again', { key, value: value.slice(0, 100), problem });
  }
}
