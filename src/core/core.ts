// The composition root: builds every service once, in order, and returns one way to stop them.
// Both shells (Electron main and serve mode) call createCore; nothing here knows about either.
import path from 'node:path';
import { createDispatcher, type Dispatcher } from './api/dispatcher';
import { createHandlers } from './api/handlers';
import { actorOf } from './api/register-handlers';
import { AuditLog, ViewingRecorder } from './audit';
import { AccessPolicy } from './auth/access-policy';
import { AuthService, type SignInPolicy } from './auth/auth-service';
import { RoleRepository } from './auth/role-repository';
import { ScopeRepository } from './auth/scope-repository';
import { SessionRepository } from './auth/session-repository';
import { UserRepository } from './auth/user-repository';
import { UserService } from './auth/user-service';
import { DEMO_PTZ_FOV } from './demo/demo-data';
import { DemoSite, type StartDemoLab } from './demo/demo-site';
import { EventBus } from './events/event-bus';
import { coalesce } from './events/coalesce';
import { FrameRateWatch } from './health/frame-rate-watch';
import { HealthService, observationOf } from './health/health-service';
import { createLogger } from './log/logger';
import { LiveService } from './media/live';
import { locateFfmpeg } from './media/ffmpeg/locate';
import { AreaService } from './register/area-service';
import { ImportService } from './register/import/import-service';
import { UploadStore } from './register/import/uploads';
import { MAP_UPLOAD_LIMIT, MapRepository, MapService } from './maps';
import { workerWriter } from './register/import/writer';
import { RegisterQuery } from './register/register-query';
import { StatsService } from './register/stats-service';
import { registerStore } from './register/store';
import { RegisterService } from './register/register-service';
import { PreferencesService } from './preferences/preferences-service';
import { fileKeySecretBox, type SecretBox } from './secrets/secret-box';
import type { CoreServices } from './services';
import { SettingsService } from './settings/settings-service';
import { openDatabase } from './store/database';
import { APP_VERSION } from './version';
import { WallRepository } from './wall/wall-repository';
import { WallService } from './wall/wall-service';
import { loadOrCreateInstallationKey } from './secrets/installation-key';
import { DeviceRepository } from './devices/device-repository';
import { DeviceService } from './devices/device-service';
import { OnvifSessions } from './devices/sessions';
import { DiscoveryJobs, type DiscoveryDeps } from './onboarding/discovery-jobs';
import { OnboardingService, registeredIndex } from './onboarding/onboarding-service';
import { PatrolRepository } from './ptz/patrol-repository';
import type { PtzTiming } from './ptz/ptz-controller';
import { PtzService } from './ptz/ptz-service';
import { EvidenceService } from './evidence/evidence-service';
import { EvidenceLocks } from './evidence/locks';
import { findChromium } from './evidence/report';
import { Bookmarks } from './media/playback/bookmarks';
import { SegmentSource } from './media/playback/segment-source';
import { RecordingService, type RecordingServiceOptions } from './media/recorder/recording-service';
import { recorderAlarmBridge } from './alarms/sources';
import { incidentRecordings } from './incidents/recording-links';
import { startIncidentServices, type IncidentStartOptions } from './incidents/start';
import { HealthDashboardBuilder } from './health/dashboard';
import { HealthRepository } from './health/health-repository';
import { HealthMonitor, type MonitorOptions } from './health/monitor';
import { startUptimeSource } from './health/uptime-source';
import { RepairPhotos } from './repair/repair-photos';
import { RepairRepository } from './repair/repair-repository';
import { RepairService } from './repair/repair-service';

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
  /** ONVIF tuning for tests (shorter probes and timeouts); defaults are the issue's. */
  onvif?: { timeoutMs?: number; probeTimeoutMs?: number; ptzTiming?: Partial<PtzTiming> } & Pick<DiscoveryDeps, 'localNetworks'>;
  /** Recording knobs for tests (segment length, sweep period, disk reserve). */
  recording?: Partial<Pick<RecordingServiceOptions, 'segmentMs' | 'sweepMs' | 'reserveBytes' | 'syncMs'>>;
  /** Tests shorten the alarm queue's batching and the ONVIF event loop's waits. */
  alarms?: Pick<IncidentStartOptions, 'pullPointTiming' | 'alarmFlushMs' | 'uploadLimitBytes'>;
  /**
   * The health monitor: `false` starts the core without probes (tests of other features that want
   * statuses left alone); tests shorten the period, grace windows and probe timeout.
   */
  health?: false | (Partial<Pick<MonitorOptions, 'graceMs' | 'timeoutMs' | 'maxInFlight' | 'probe'>> & { periodMs?: number; repairSweepMs?: number });
  /** Tests lower the largest photo a repair ticket takes. */
  repair?: { photoLimitBytes?: number };
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
  let ffprobePath: string | null = null;
  try {
    ({ ffmpegPath, ffprobePath } = locateFfmpeg());
  } catch {
    log.warn('ffmpeg not found: live video will report ffmpeg_missing');
  }
  // 4a. The register: records, the effective-dated area tree, statistics, imports (written by a
  //     worker on its own connection; the core only reads and announces the change).
  const store = registerStore(db);
  // Camera health now: fed by the relays below and the register's statuses.
  const health = new HealthService({ cameras: () => store.records.cameraStatuses() });
  health.onChange((h) => events.publish({ type: 'camera.health', ...h }));
  const registerChanged = () => {
    access.invalidate();
    health.refresh();
    events.publish({ type: 'register.changed' });
  };
  // The monitor's working/offline is told to camera health at once (one camera) and to the clients'
  // register views at most every 2 s: a start-up round turns thousands of cameras at once, and each
  // register.changed makes every console reload its tree, table and map.
  const statusesChanged = coalesce(() => events.publish({ type: 'register.changed', statusesOnly: true }), 2000);
  const register = new RegisterService(store, secrets, registerChanged, (cameraId, status) => {
    health.setStatus(cameraId, status);
    statusesChanged.poke();
  });
  const areas = new AreaService({ store, onChange: registerChanged, onScopesChanged: () => auth.accountsChanged() });
  const uploads = new UploadStore(options.dataDir);
  const maps = new MapService(options.dataDir, new MapRepository(db), new UploadStore(options.dataDir, MAP_UPLOAD_LIMIT, 'map-uploads'));
  const registerImport = new ImportService({ store, uploads, secrets, access, events, areas, writer: workerWriter(file), onChange: registerChanged });
  // 5. ONVIF: one session per camera, opened on first use from the register (the sealed password
  //    opened only here), shared by PTZ and the relay's keyframe requests; the cameras' ONVIF facts.
  const deviceRepo = new DeviceRepository(db);
  const cameraName = (id: string) => (register.exists(id) ? register.camera(id).name : null);
  let devices: DeviceService | null = null;
  const sessions = new OnvifSessions({
    source: (cameraId) => {
      if (!register.exists(cameraId)) return null;
      const c = register.camera(cameraId);
      if (!c.onvifUrl) return null;
      const box = store.records.cameraPasswordBox(cameraId);
      return { address: c.onvifUrl, username: c.username ?? '', password: box ? secrets.open(box) : '' };
    },
    onConnected: (cameraId, cam) => devices?.connected(cameraId, cam),
    timeoutMs: options.onvif?.timeoutMs,
  });
  devices = new DeviceService({
    repo: deviceRepo,
    sessions,
    access,
    audit,
    events,
    clockSkewMs: () => settings.get().clockSkewSeconds * 1000,
    cameraName,
  });
  const deviceService = devices;
  const live = new LiveService({
    // The codec an ONVIF profile named lets ffmpeg skip probing (cold start).
    resolveSource: async (cameraId, stream) => {
      const source = register.source(cameraId, stream);
      const codec = deviceService.codecOf(cameraId, stream);
      return codec ? { ...source, codec } : source;
    },
    requestKeyframe: (cameraId, stream) => deviceService.requestKeyframe(cameraId, stream),
    runtimeDir: path.join(options.dataDir, 'run'),
    ...(ffmpegPath ? { ffmpegPath } : {}),
  });
  live.onState(({ cameraId, stream, state }) => health.observe(cameraId, stream, observationOf(state)));
  // Degraded by frame rate: a watched main stream well below the rate the register says it is set to.
  const frameRates = new FrameRateWatch({ configured: (id) => register.frameRate(id), observe: (id, stream, o) => health.observe(id, stream, o) });
  live.onState(({ cameraId, stream, state }) => frameRates.state(cameraId, stream, state));
  live.onSample(({ cameraId, stream, fps }) => frameRates.sample(cameraId, stream, fps));
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
  // 6. Recording: reconcile the index with the files first (after a crash), then every configured
  //    camera records, sharing the live relay's ffmpeg. Then playback and evidence on top of it.
  const installationKey = key;
  // The recorder starts before the alarm queue (reconcile first); its alarms reach the queue once it exists.
  let toAlarmQueue: ReturnType<typeof recorderAlarmBridge> | null = null;
  let exportFinished: ((incidentRef: string, exportId: string, name: string, by: { id: string | null; name: string | null }) => void) | null = null;
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
    onAlarm: (alarm) => {
      events.publish({ type: 'recording.alarm', cameraId: alarm.cameraId, alarm });
      toAlarmQueue?.(alarm);
    },
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
    publish: (job) => {
      events.publish({ type: 'export.progress', job });
      // An export made for an incident joins the incident's attachments when it is complete.
      if (job.state === 'done' && job.incidentId) {
        const by = job.createdBy ? users.displayName(job.createdBy) : null;
        exportFinished?.(job.incidentId, job.id, `${job.caseNumber} · ${job.reason}`.slice(0, 200), { id: job.createdBy, name: by });
      }
    },
  });
  // 7. The book of the shift: incidents, alarms (and their sources), the handover.
  const book = startIncidentServices({
    db,
    dataDir: options.dataDir,
    events,
    access,
    register,
    live,
    settings,
    audit,
    ffmpegPath,
    recordings: incidentRecordings({ locks, bookmarks, exportJob: (id) => evidence.job(id), access }),
    ...options.alarms,
  });
  toAlarmQueue = recorderAlarmBridge(book.services.alarms);
  exportFinished = (ref, exportId, name, by) => void book.services.incidents.linkExport(ref, exportId, name, by);
  // 7a. The health of the camera network: repair tickets, then the monitor that probes every camera
  //     and raises camera offline through the alarm queue, then the dashboard over both.
  const healthRepo = new HealthRepository(db);
  const repairRepo = new RepairRepository(db);
  const healthOptions = options.health === false ? null : (options.health ?? {});
  let monitor: HealthMonitor | null = null;
  const repairPhotos = new RepairPhotos({ repo: repairRepo, dataDir: options.dataDir, limit: options.repair?.photoLimitBytes });
  const repair = new RepairService({
    repo: repairRepo,
    photos: repairPhotos,
    register,
    health,
    events,
    autoHours: () => settings.get().repairAutoHours,
    probeSoon: (id) => monitor?.soon(id),
    ...(healthOptions?.repairSweepMs ? { sweepMs: healthOptions.repairSweepMs } : {}),
  });
  if (healthOptions) {
    const { periodMs, repairSweepMs: _sweep, ...tuning } = healthOptions;
    monitor = new HealthMonitor({
      repo: healthRepo,
      health,
      register,
      openPassword: (box) => secrets.open(box),
      sink: book.services.alarms,
      periodMs: () => periodMs ?? settings.get().healthProbeSeconds * 1000,
      clockSkewMs: () => settings.get().clockSkewSeconds * 1000,
      onProbe: (id, ok) => repair.probed(id, ok),
      ...tuning,
    });
  }
  const healthMonitor = monitor;
  const offRegisterForHealth = events.subscribe((e) => {
    // Its own status reports change no camera it probes: no new list of targets for them.
    if (e.type === 'register.changed' && !e.statusesOnly) healthMonitor?.registerChanged();
  });
  const uptime = startUptimeSource({ databaseFile: file, log });
  const healthDashboard = new HealthDashboardBuilder({ repo: healthRepo, repairRepo, repair, health, monitor, uptime });
  const services: CoreServices = {
    version: APP_VERSION,
    shell: options.shell,
    dataDir: options.dataDir,
    databaseFile: file,
    ffmpegPath,
    ffprobePath,
    db,
    events,
    settings,
    auth,
    users,
    access,
    audit,
    viewings,
    register,
    registerStore: store,
    registerQuery: new RegisterQuery(store),
    areas,
    stats: new StatsService(store),
    registerImport,
    uploads,
    maps,
    centreName: () => settings.get().centreName,
    wall,
    preferences: new PreferencesService(db, events),
    health,
    live,
    sessions,
    devices: deviceService,
    discovery: new DiscoveryJobs({
      events,
      registeredIndex: () => registeredIndex(deviceRepo),
      probeTimeoutMs: options.onvif?.probeTimeoutMs,
      ...(options.onvif?.localNetworks ? { localNetworks: options.onvif.localNetworks } : {}),
    }),
    onboarding: new OnboardingService({
      createCamera: (input, by) => register.createCamera(input, actorOf(by)),
      deviceRepo,
      devices: deviceService,
      audit,
      timeoutMs: options.onvif?.timeoutMs,
    }),
    ptz: new PtzService({
      sessions,
      devices: deviceService,
      deviceRepo,
      patrols: new PatrolRepository(db),
      camera: (id) => register.camera(id),
      events,
      audit,
      idleMs: () => settings.get().ptzIdleSeconds * 1000,
      timing: options.onvif?.ptzTiming,
    }),
    recording,
    playback,
    bookmarks,
    locks,
    evidence,
    installationKey,
    ...book.services,
    monitor,
    healthRepo,
    healthDashboard,
    uptime,
    repair,
    repairPhotos,
    // 8. The demo site last: it uses the register, the wall and accounts, and runs only when asked.
    demo: new DemoSite(db, secrets, register, wall, users, options.startDemoLab ?? null, (id, ptz) => ptz && deviceRepo.setFov(id, DEMO_PTZ_FOV)),
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
      offRegisterForHealth();
      statusesChanged.stop();
      monitor?.stop();
      await uptime.stop();
      repair.dispose();
      await book.dispose();
      await evidence.dispose();
      // Recorders close and index their open segments before the relays they read from stop.
      await recording.dispose();
      // PTZ first: a camera moving now is told to stop while its session still works.
      await services.ptz.dispose();
      await services.discovery.dispose();
      await live.dispose();
      await services.maps.dispose();
      await viewings.endAll('core_stopped');
      sessions.dispose();
      await audit.dispose();
      db.close();
      log.info('core stopped');
    },
  };
}
