// The composition root: builds every service once, in order, and returns one way to stop them.
// Both shells (Electron main and serve mode) call createCore; nothing here knows about either.
import type { User } from '../shared/contract';
import { createDispatcher, type Dispatcher } from './api/dispatcher';
import { createHandlers } from './api/handlers';
import { UserRepository } from './auth/users';
import { EventBus } from './events/event-bus';
import { createLogger } from './log/logger';
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
  const services: CoreServices = {
    version: APP_VERSION,
    shell: options.shell,
    dataDir: options.dataDir,
    databaseFile: file,
    ffmpegPath: null,
    db,
    events,
    settings: new SettingsService(db),
    register: new RegisterService(new RegisterRepository(db), secrets, () => events.publish({ type: 'register.changed' })),
    wall: new WallService(new WallRepository(db), events),
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
      db.close();
      log.info('core stopped');
    },
  };
}
