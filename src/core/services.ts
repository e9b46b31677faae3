import type { AuditLog, ViewingRecorder } from './audit';
import type { AccessPolicy } from './auth/access-policy';
import type { AuthService } from './auth/auth-service';
import type { UserService } from './auth/user-service';
import type { DemoSite } from './demo/demo-site';
import type { EventBus } from './events/event-bus';
import type { LiveService } from './media/live';
import type { RegisterService } from './register/register-service';
import type { SettingsService } from './settings/settings-service';
import type { Db } from './store/database';
import type { WallService } from './wall/wall-service';
import type { AlarmService } from './alarms/alarm-service';
import type { PullPointManager } from './alarms/pullpoint-manager';
import type { IncidentFiles } from './incidents/incident-files';
import type { IncidentService } from './incidents/incident-service';
import type { SnapshotService } from './incidents/snapshot/snapshot-service';
import type { ChromiumPrinter } from './print/chromium-pdf';
import type { ShiftService } from './shift/shift-service';


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
  audit: AuditLog;
  /** Who watches which camera, from when to when (live now, playback later). */
  viewings: ViewingRecorder;
  register: RegisterService;
  wall: WallService;
  live: LiveService;
  demo: DemoSite;
  /** The incident log, its files and full-resolution snapshots. */
  incidents: IncidentService;
  incidentFiles: IncidentFiles;
  snapshots: SnapshotService;
  /** The alarm queue (also the AlarmSink every source raises through) and its ONVIF event subscriptions. */
  alarms: AlarmService;
  pullPoints: PullPointManager;
  shift: ShiftService;
  /** PDFs (the shift minute, incident lists), printed by Chromium. */
  printer: ChromiumPrinter;
}
