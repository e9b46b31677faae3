// The composition root: builds every service once, in order, and returns one way to stop them.
// Both shells (Electron main and serve mode) call createCore; nothing here knows about either.
import type { User } from '../shared/contract';
import { createDispatcher, type Dispatcher } from './api/dispatcher';
import { DemoSite } from './demo/demo-site';
import { createHandlers } from './api/handlers';
import { UserRepository } from './auth/users';
import { EventBus } from './events/event-bus';
import { createLogger } from './log/logger';
import { LiveService } from './media/live';
import { locateFfmpeg } from './media/ffmpeg/locate';
import path from 'node:path';
import { RegisterRepository } from './register/register-repository';
import { RegisterService } from './register/register-service';
import { fileKeySecretBox, type SecretBox } from './secrets/secret-box';
import type { CoreServices } from './services';
import { SettingsService } from './settings/settings-service';
import { openDatabase } from './store/database';
import { APP_VERSION } from './version';
import { WallRepository } from './wall/wall-repository';
import { WallService } from './wall/wall-service';

const log = createLogger('core');

export interface CoreOptions {
  dataDir: string;
  shell: 'electron' | 'serve';
  /** Electron passes one backed by safeStorage; serve mode uses a key file in the data dir. */
  secretBox?: SecretBox;
}

export interface Core {
  services: CoreServices;
  dispatcher: Dispatcher;
  /** Until sign-in exists (auth issue), every client acts as the local administrator. */
  localUser: User;
  dispose(): Promise<void>;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  // 1. The store first: if the database cannot be opened, nothing else should start.
  const { db, file } = openDatabase({ dataDir: options.dataDir });
  const events = new EventBus();
  // 2. Secrets before the register, which seals camera passwords with them.
  const secrets = options.secretBox ?? fileKeySecretBox(options.dataDir);
  const users = new UserRepository(db);
  const localUser = users.ensureLocalAdmin();
  // 3. Live video: one ffmpeg per camera-stream; sources come from the register (passwords opened
  //    only at spawn). Pid files in <data-dir>/run let a restarted core reap a crashed run's ffmpeg.
  let ffmpegPath: string | null = null;
  try {
    ffmpegPath = locateFfmpeg().ffmpegPath;
  } catch {
    log.warn('ffmpeg not found: live video will report ffmpeg_missing');
  }
  const register = new RegisterService(new RegisterRepository(db), secrets, () => events.publish({ type: 'register.changed' }));
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
  const wall = new WallService(new WallRepository(db), events);
  const services: CoreServices = {
    version: APP_VERSION,
    shell: options.shell,
    dataDir: options.dataDir,
    databaseFile: file,
    ffmpegPath,
    db,
    events,
    settings: new SettingsService(db),
    register,
    wall,
    live,
    // 4. The demo site last: it uses the register and the wall, and runs only when asked.
    demo: new DemoSite(db, secrets, register, wall),
  };
  const dispatcher = createDispatcher(createHandlers(services));
  log.info('core started', { dataDir: options.dataDir, shell: options.shell });

  let disposed = false;
  return {
    services,
    dispatcher,
    localUser,
    async dispose() {
      if (disposed) return;
      disposed = true;
      await services.demo.dispose();
      await live.dispose();
      db.close();
      log.info('core stopped');
    },
  };
}
