import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_ROLE_DEFAULTS, DEFAULT_PREFERENCES, type CoreEvent } from '../../shared/contract';
import { systemPrincipal, type Principal } from '../auth/principal';
import { UserRepository } from '../auth/user-repository';
import { EventBus } from '../events/event-bus';
import { openDatabase, type Db } from '../store/database';
import { PreferencesService } from './preferences-service';

let dir: string;
let db: Db;
let prefs: PreferencesService;
let events: CoreEvent[];
let a: Principal;
let b: Principal;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wf-prefs-'));
  db = openDatabase({ dataDir: dir }).db;
  const users = new UserRepository(db);
  const as = (username: string) => {
    const u = users.insert({ username, displayName: username, role: 'officer', passwordHash: null });
    return systemPrincipal({ id: u.id, username, displayName: username, role: 'officer' }, BUILTIN_ROLE_DEFAULTS.officer.permissions);
  };
  a = as('trucban1');
  b = as('trucban2');
  const bus = new EventBus();
  events = [];
  bus.subscribe((e) => events.push(e));
  prefs = new PreferencesService(db, bus);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('preferences', () => {
  it('starts from the defaults, keeps each user’s own, and tells that user’s windows', () => {
    expect(prefs.get(a)).toEqual(DEFAULT_PREFERENCES);
    prefs.update(a, { uiScale: 150, highContrast: true, defaultViews: { main: 'v1' } });
    expect(prefs.get(a)).toEqual({ uiScale: 150, highContrast: true, operatorMode: false, defaultViews: { main: 'v1' } });
    expect(prefs.get(b)).toEqual(DEFAULT_PREFERENCES);
    expect(events).toEqual([{ type: 'preferences.changed', userId: a.user.id, preferences: prefs.get(a) }]);
  });

  it('falls back field by field when a stored value no longer fits', () => {
    prefs.update(a, { operatorMode: true });
    db.prepare('UPDATE user_preferences SET prefs = ? WHERE user_id = ?').run(JSON.stringify({ uiScale: 900, operatorMode: true }), a.user.id);
    expect(prefs.get(a)).toEqual({ ...DEFAULT_PREFERENCES, operatorMode: true });
  });
});
