import type { AuditTrail } from './audit/audit-trail';
import type { AccessPolicy } from './auth/access-policy';
import type { AuthService } from './auth/auth-service';
import type { UserService } from './auth/user-service';
import type { DemoSite } from './demo/demo-site';
import type { EventBus } from './events/event-bus';
import type { HealthService } from './health/health-service';
import type { LiveService } from './media/live';
import type { PreferencesService } from './preferences/preferences-service';
import type { RegisterService } from './register/register-service';
import type { SettingsService } from './settings/settings-service';
import type { Db } from './store/database';
import type { WallService } from './wall/wall-service';


/** Everything the API handlers may use, built once by the composition root (core.ts). */
export interface CoreServices {
  version: string;
  shell: 'electron' | 'serve';
  dataDir: string;
  databaseFile: string;
  ffmpegPath: string | null;
  db: Db;
  events: EventBus;
  settings: SettingsService;
  auth: AuthService;
  users: UserService;
  access: AccessPolicy;
  audit: AuditTrail;
  register: RegisterService;
  wall: WallService;
  preferences: PreferencesService;
  health: HealthService;
  live: LiveService;
  demo: DemoSite;
}
