// The composition root: builds every service once, in order, and returns one way to stop them.
// Both shells (Electron main and serve mode) call createCore; nothing here knows about either.
import path from 'node:path';
import { createDispatcher, type Dispatcher } from './api/dispatcher';
import { createHandlers } from './api/handlers';
import { AuditLog, ViewingRecorder } from './audit';
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
import { loadOrCreateInstallationKey } from './secrets/installation-key';
import { startIncidentServices, type IncidentStartOptions } from './incidents/start';

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
  /** Tests shorten the alarm queue's batching and the ONVIF event loop's waits. */
  alarms?: Pick<IncidentStartOptions, 'pullPointTiming' | 'alarmFlushMs' | 'uploadLimitBytes'>;
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
  // 3. Trust: the installation's signing key, the audit trail (its own durable connection in a
  //    worker, checkpoints signed every hour), accounts and sessions, area scopes.
  const { key, replacedFingerprint } = loadOrCreateInstallationKey(db, secrets, createLogger('secrets'));
  const settings = new SettingsService(db);
  const audit = new AuditLog({ databaseFile: file, key, log: createLogger('audit'), timeZone: settings.get().timeZone });
  if (replacedFingerprint) {
    // The old private key could not be opened (a different machine's keychain): say so in the trail.
    await audit.append({ actor: { userId: null, username: null }, action: 'system.key_replaced', outcome: 'ok', details: { old: replacedFingerprint, new: key.fingerprint }, source: 'system' });
  }
  const stopCheckpoints = audit.startHourlyCheckpoints();
  const viewings = new ViewingRecorder(audit);
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
  // 5. The book of the shift: incidents, alarms (and their sources), the handover.
  const book = startIncidentServices({ db, dataDir: options.dataDir, events, access, register, live, settings, audit, ffmpegPath, ...options.alarms });
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
    viewings,
    register,
    wall,
    live,
    ...book.services,
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
      stopCheckpoints();
      await services.demo.dispose();
      await book.dispose();
      await live.dispose();
      await viewings.endAll('core_stopped');
      await audit.dispose();
      db.close();
      log.info('core stopped');
    },
  };
}
