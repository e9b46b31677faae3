// The composition root: builds every service once, in order, and returns one way to stop them.
// Both shells (Electron main and serve mode) call createCore; nothing here knows about either.
import path from 'node:path';
import { createDispatcher, type Dispatcher } from './api/dispatcher';
import { createHandlers } from './api/handlers';
import type { AuditTrail } from './audit/audit-trail';
import { AccessPolicy } from './auth/access-policy';
import { AuthService, type SignInPolicy } from './auth/auth-service';
import { RoleRepository } from './auth/role-repository';
import { ScopeRepository } from './auth/scope-repository';
import { SessionRepository } from './auth/session-repository';
import { UserRepository } from './auth/user-repository';
import { UserService } from './auth/user-service';
import { DemoSite, type StartDemoLab } from './demo/demo-site';
import { EventBus } from './events/event-bus';
import { createLogger } from './log/logger';
import { LiveService } from './media/live';
import { locateFfmpeg } from './media/ffmpeg/locate';
import { RegisterRepository } from './register/register-repository';
import { RegisterService } from './register/register-service';
import { fileKeySecretBox, type SecretBox } from './secrets/secret-box';
import type { CoreServices } from './services';
import { SettingsService } from './settings/settings-service';
import { openDatabase } from './store/database';
import { APP_VERSION } from './version';
import { WallRepository } from './wall/wall-repository';
import { WallService } from './wall/wall-service';
import { openAuditTrail } from './audit/open';
import { EvidenceService } from './evidence/evidence-service';
import { EvidenceLocks } from './evidence/locks';
import { findChromium } from './evidence/report';
import { Bookmarks } from './media/playback/bookmarks';
import { SegmentSource } from './media/playback/segment-source';
import { RecordingService, type RecordingServiceOptions } from './media/recorder/recording-service';
import { loadOrCreateInstallationKey } from './secrets/installation-key';

const log = createLogger('core');

export interface CoreOptions {
  dataDir: string;
  shell: 'electron' | 'serve';
  /** Electron passes one backed by safeStorage; serve mode uses a key file in the data dir. */
  secretBox?: SecretBox;
  /** The camera lab for "Start demo site", injected by the shell (the core never imports it). */
  startDemoLab?: StartDemoLab;
  /** An unattended install's first administrator (WATCHFLOOR_INIT_ADMIN), used only while nobody can sign in. */
  initialAdmin?: { username: string; password: string };
  /** Check every answer against the contract (tests and development). */
  checkOutputs?: boolean;
  signInPolicy?: Partial<SignInPolicy>;
  /** Recording knobs for tests (segment length, sweep period, disk reserve). */
  recording?: Partial<Pick<RecordingServiceOptions, 'segmentMs' | 'sweepMs' | 'reserveBytes' | 'syncMs'>>;
}

export interface Core {
  services: CoreServices;
  dispatcher: Dispatcher;
  dispose(): Promise<void>;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  // 1. The store first: if the database cannot be opened, nothing else should start.
  const { db, file } = openDatabase({ dataDir: options.dataDir });
  const events = new EventBus();
  // 2. Secrets before the register, which seals camera passwords with them.
  const secrets = options.secretBox ?? fileKeySecretBox(options.dataDir);
  // 3. Trust: the audit trail (its own durable connection), accounts and sessions, area scopes.
  const audit: AuditTrail = await openAuditTrail({ databaseFile: file, db, secrets });
  const settings = new SettingsService(db);
  const userRepo = new UserRepository(db);
  const roleRepo = new RoleRepository(db);
  const scopeRepo = new ScopeRepository(db);
  const auth = new AuthService(userRepo, roleRepo, new SessionRepository(db), scopeRepo, () => settings.get().idleLockMinutes, options.signInPolicy);
  if (options.initialAdmin) await auth.ensureInitialAdmin(options.initialAdmin.username, options.initialAdmin.password);
  const access = new AccessPolicy(scopeRepo);
  const users = new UserService({ users: userRepo, roles: roleRepo, auth, areaExists: (id) => scopeRepo.areaNames([id]).length > 0 });
  // 4. Live video: one ffmpeg per camera-stream; sources come from the register (passwords opened
  //    only at spawn). Pid files in <data-dir>/run let a restarted core reap a crashed run's ffmpeg.
  let ffmpegPath: string | null = null;
  try {
    ffmpegPath = locateFfmpeg().ffmpegPath;
  } catch {
    log.warn('ffmpeg not found: live video will report ffmpeg_missing');
  }
  const register = new RegisterService(new RegisterRepository(db), secrets, () => {
    access.invalidate();
    events.publish({ type: 'register.changed' });
  });
  const live = new LiveService({
    resolveSource: async (cameraId, stream) => register.source(cameraId, stream),
    runtimeDir: path.join(options.dataDir, 'run'),
    ...(ffmpegPath ? { ffmpegPath } : {}),
  });
  live.onState(({ cameraId, stream, state }) =>
    events.publish({
      type: 'live.state',
      cameraId,
      stream,
      state: state.state === 'idle' ? 'stopped' : state.state,
      reason: state.state === 'offline' || state.state === 'reconnecting' ? state.reason : null,
      retryAt: state.state === 'offline' || state.state === 'reconnecting' ? state.retryAt : null,
    }),
  );
  const wall = new WallService(new WallRepository(db), events, (p, cameraId) => access.cameraVisible(p, cameraId));
  // 5. Recording: reconcile the index with the files first (after a crash), then every configured
  //    camera records, sharing the live relay's ffmpeg. Then playback and evidence on top of it.
  const installationKey = loadOrCreateInstallationKey(db, secrets, log).key;
  const recording = new RecordingService({
    db,
    live,
    resolveSource: async (cameraId, stream) => register.source(cameraId, stream),
    device: (cameraId) => {
      try {
        const cam = register.camera(cameraId);
        const src = register.source(cameraId, 'main');
        return { onvifUrl: cam.onvifUrl, username: src.username, password: src.password };
      } catch {
        return null;
      }
    },
    ffmpegPath,
    runtimeDir: path.join(options.dataDir, 'run'),
    defaultFolder: path.join(options.dataDir, 'recordings'),
    timeZone: () => settings.get().timeZone,
    logger: createLogger('recording'),
    onAlarm: (alarm) => events.publish({ type: 'recording.alarm', cameraId: alarm.cameraId, alarm }),
    onSegmentClosed: (cameraId) => events.publish({ type: 'recording.segment', cameraId }),
    onReconciled: (report) =>
      void audit.append({
        actor: { userId: null, username: null },
        action: 'recording.reconcile',
        outcome: 'ok',
        details: {
          files: report.filesSeen,
          recoveredOpen: report.recoveredOpen.length,
          indexed: report.indexed.length,
          missing: report.missing.length,
          changed: report.changed.length,
          unreadable: report.unreadable.length,
          ms: report.ms,
        },
      }),
    ...options.recording,
  });
  await recording.start();
  const bookmarks = new Bookmarks(db);
  const locks = new EvidenceLocks(db);
  const playback = new SegmentSource({ repo: recording.repo, openSegment: (id) => recording.openSegment(id) });
  const evidence = new EvidenceService({
    db,
    repo: recording.repo,
    locks,
    signer: () => installationKey,
    ffmpegPath,
    tmpRoot: path.join(options.dataDir, 'tmp'),
    appVersion: APP_VERSION,
    timeZone: () => settings.get().timeZone,
    chromium: findChromium(),
    camera: (id) => {
      const tree = register.tree();
      const cam = tree.cameras.find((c) => c.id === id);
      const point = tree.points.find((p) => p.id === cam?.pointId);
      const area = tree.areas.find((a) => a.id === point?.areaId);
      return {
        name: cam?.name ?? id,
        point: { name: point?.name ?? '', address: point?.address ?? '', lat: point?.lat ?? null, lon: point?.lon ?? null },
        area: area?.name ?? null,
      };
    },
    audit,
    logger: createLogger('evidence'),
    publish: (job) => events.publish({ type: 'export.progress', job }),
  });
  const services: CoreServices = {
    version: APP_VERSION,
    shell: options.shell,
    dataDir: options.dataDir,
    databaseFile: file,
    ffmpegPath,
    db,
    events,
    settings,
    auth,
    users,
    access,
    audit,
    register,
    wall,
    live,
    recording,
    playback,
    bookmarks,
    locks,
    evidence,
    installationKey,
    // 6. The demo site last: it uses the register, the wall and accounts, and runs only when asked.
    demo: new DemoSite(db, secrets, register, wall, users, options.startDemoLab ?? null),
  };
  const dispatcher = createDispatcher({ handlers: createHandlers(services), access, audit, checkOutputs: options.checkOutputs ?? false });
  // Sessions idle past their limit leave the database as well as the cache.
  const sweeper = setInterval(() => auth.sweep(), 10 * 60_000);
  sweeper.unref();
  log.info('core started', { dataDir: options.dataDir, shell: options.shell });

  let disposed = false;
  return {
    services,
    dispatcher,
    async dispose() {
      if (disposed) return;
      disposed = true;
      clearInterval(sweeper);
      await services.demo.dispose();
      await evidence.dispose();
      // Recorders close and index their open segments before the relays they read from stop.
      await recording.dispose();
      await live.dispose();
      await audit.dispose();
      db.close();
      log.info('core stopped');
    },
  };
}
