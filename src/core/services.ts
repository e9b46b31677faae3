import type { AuditLog, ViewingRecorder } from './audit';
import type { AccessPolicy } from './auth/access-policy';
import type { AuthService } from './auth/auth-service';
import type { UserService } from './auth/user-service';
import type { DemoSite } from './demo/demo-site';
import type { DeviceService } from './devices/device-service';
import type { OnvifSessions } from './devices/sessions';
import type { EventBus } from './events/event-bus';
import type { HealthService } from './health/health-service';
import type { LiveService } from './media/live';
import type { DiscoveryJobs } from './onboarding/discovery-jobs';
import type { OnboardingService } from './onboarding/onboarding-service';
import type { PtzService } from './ptz/ptz-service';
import type { AreaService } from './register/area-service';
import type { ImportService } from './register/import/import-service';
import type { RegisterQuery } from './register/register-query';
import type { PreferencesService } from './preferences/preferences-service';
import type { RegisterService } from './register/register-service';
import type { StatsService } from './register/stats-service';
import type { RegisterStore } from './register/store';
import type { UploadStore } from './register/import/uploads';
import type { MapService } from './maps';
import type { SettingsService } from './settings/settings-service';
import type { Db } from './store/database';
import type { WallService } from './wall/wall-service';
import type { EvidenceService } from './evidence/evidence-service';
import type { EvidenceLocks } from './evidence/locks';
import type { Bookmarks } from './media/playback/bookmarks';
import type { SegmentSource } from './media/playback/segment-source';
import type { RecordingService } from './media/recorder/recording-service';
import type { InstallationKey } from './secrets/installation-key';
import type { AlarmService } from './alarms/alarm-service';
import type { PullPointManager } from './alarms/pullpoint-manager';
import type { IncidentFiles } from './incidents/incident-files';
import type { IncidentService } from './incidents/incident-service';
import type { SnapshotService } from './incidents/snapshot/snapshot-service';
import type { ChromiumPrinter } from './print/chromium-pdf';
import type { ShiftService } from './shift/shift-service';
import type { HealthDashboardBuilder } from './health/dashboard';
import type { UptimeSource } from './health/uptime-source';
import type { HealthRepository } from './health/health-repository';
import type { HealthMonitor } from './health/monitor';
import type { RepairPhotos } from './repair/repair-photos';
import type { RepairService } from './repair/repair-service';


/** Everything the API handlers may use, built once by the composition root (core.ts). */
export interface CoreServices {
  version: string;
  shell: 'electron' | 'serve';
  dataDir: string;
  databaseFile: string;
  ffmpegPath: string | null;
  ffprobePath: string | null;
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
  registerStore: RegisterStore;
  registerQuery: RegisterQuery;
  areas: AreaService;
  stats: StatsService;
  registerImport: ImportService;
  uploads: UploadStore;
  /** Basemaps and image maps: their files, tiles, pins and hotspots. */
  maps: MapService;
  /** The centre's name for report headings (settings may carry it later). */
  centreName: () => string;
  wall: WallService;
  preferences: PreferencesService;
  health: HealthService;
  live: LiveService;
  demo: DemoSite;
  // ONVIF: one session per camera (PTZ, keyframes), the cameras' ONVIF facts, onboarding, PTZ.
  sessions: OnvifSessions;
  devices: DeviceService;
  discovery: DiscoveryJobs;
  onboarding: OnboardingService;
  ptz: PtzService;
  recording: RecordingService;
  /** Recorded video for the /playback channel (segments and the open one). */
  playback: SegmentSource;
  bookmarks: Bookmarks;
  locks: EvidenceLocks;
  evidence: EvidenceService;
  /** The installation's Ed25519 key (also the audit checkpoints' signer). */
  installationKey: InstallationKey;
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
  /** The health monitor's probes (null when the core was started without it), its log and the dashboard. */
  monitor: HealthMonitor | null;
  healthRepo: HealthRepository;
  healthDashboard: HealthDashboardBuilder;
  /** The dashboard's uptime figures, computed in a thread of their own every few minutes. */
  uptime: UptimeSource;
  /** Repair tickets and the maintenance schedule. */
  repair: RepairService;
  /** Photos on repair tickets: their upload store (POST /upload?for=repair) and files. */
  repairPhotos: RepairPhotos;
}
