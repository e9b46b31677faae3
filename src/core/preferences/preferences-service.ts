// Each user's own preferences (UI scale, high contrast, operator mode, default view per window),
// in the database like everything a user changes, so they follow the person to any console and a
// backup is still one file. A change reaches that user's other windows as preferences.changed.
import { DEFAULT_PREFERENCES, preferences as schema, type Preferences } from '../../shared/contract';
import type { Principal } from '../auth/principal';
import type { EventBus } from '../events/event-bus';
import type { Db } from '../store/database';

export class PreferencesService {
  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
  ) {}

  get(user: Principal): Preferences {
    const row = this.db.prepare('SELECT prefs FROM user_preferences WHERE user_id = ?').get(user.user.id) as { prefs: string } | undefined;
    if (!row) return { ...DEFAULT_PREFERENCES };
    // Stored fields that no longer validate fall back to their defaults one by one, not all at once.
    const stored = JSON.parse(row.prefs) as Record<string, unknown>;
    const out: Record<string, unknown> = { ...DEFAULT_PREFERENCES };
    for (const [k, field] of Object.entries(schema.shape)) {
      const parsed = field.safeParse(stored[k]);
      if (parsed.success) out[k] = parsed.data;
    }
    return out as Preferences;
  }

  update(user: Principal, patch: Partial<Preferences>): Preferences {
    const next: Preferences = { ...this.get(user) };
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) (next as Record<string, unknown>)[k] = v;
    this.db
      .prepare(
        `INSERT INTO user_preferences(user_id, prefs, updated_at) VALUES (?,?,?)
         ON CONFLICT(user_id) DO UPDATE SET prefs = excluded.prefs, updated_at = excluded.updated_at`,
      )
      .run(user.user.id, JSON.stringify(next), Date.now());
    this.events.publish({ type: 'preferences.changed', userId: user.user.id, preferences: next });
    return next;
  }
}
