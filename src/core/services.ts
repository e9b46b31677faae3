import type { AuditTrail } from './audit/audit-trail';
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
import type { EvidenceService } from './evidence/evidence-service';
import type { EvidenceLocks } from './evidence/locks';
import type { Bookmarks } from './media/playback/bookmarks';
import type { SegmentSource } from './media/playback/segment-source';
import type { RecordingService } from './media/recorder/recording-service';
import type { InstallationKey } from './secrets/installation-key';


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
  live: LiveService;
  demo: DemoSite;
  recording: RecordingService;
  /** Recorded video for the /playback channel (segments and the open one). */
  playback: SegmentSource;
  bookmarks: Bookmarks;
  locks: EvidenceLocks;
  evidence: EvidenceService;
  /** The installation's Ed25519 key (also the audit checkpoints' signer). */
  installationKey: InstallationKey;
}
