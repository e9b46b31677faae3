// A register of its own for tests: a fresh database file in a temp folder and every register
// service wired as the composition root wires them (imports written in-process, not in a worker).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { AccessPolicy } from '../auth/access-policy';
import { systemPrincipal, type Principal } from '../auth/principal';
import { ScopeRepository } from '../auth/scope-repository';
import { EventBus } from '../events/event-bus';
import { fileKeySecretBox } from '../secrets/secret-box';
import { openDatabase, type Db } from '../store/database';
import { AreaService } from './area-service';
import { ImportService } from './import/import-service';
import { UploadStore } from './import/uploads';
import { inProcessWriter, type ImportWriter } from './import/writer';
import { RegisterQuery } from './register-query';
import { RegisterService } from './register-service';
import { StatsService } from './stats-service';
import { registerStore, type RegisterStore } from './store';

export interface TestRegister {
  dir: string;
  db: Db;
  file: string;
  store: RegisterStore;
  register: RegisterService;
  areas: AreaService;
  stats: StatsService;
  query: RegisterQuery;
  access: AccessPolicy;
  imports: ImportService;
  uploads: UploadStore;
  events: EventBus;
  admin: Principal;
  /** Saves bytes as an upload and returns its id (what POST /upload does). */
  upload(bytes: Buffer | string): Promise<string>;
  close(): void;
}

export function testRegister(opts: { today?: string; writer?: (store: RegisterStore, file: string) => ImportWriter } = {}): TestRegister {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wf-register-'));
  const { db, file } = openDatabase({ dataDir: dir });
  const secrets = fileKeySecretBox(dir);
  const store = registerStore(db);
  const events = new EventBus();
  const access = new AccessPolicy(new ScopeRepository(db));
  const changed = () => access.invalidate();
  const register = new RegisterService(store, secrets, changed);
  const areas = new AreaService({ store, onChange: changed, onScopesChanged: () => undefined, ...(opts.today ? { today: () => opts.today! } : {}) });
  const uploads = new UploadStore(dir);
  const writer = opts.writer ? opts.writer(store, file) : inProcessWriter(store);
  const imports = new ImportService({ store, uploads, secrets, access, events, areas, writer, onChange: changed });
  db.prepare("INSERT INTO users(id, username, display_name, role, created_at) VALUES ('u-admin', 'admin', 'Quản trị', 'admin', 0)").run();
  const admin = systemPrincipal({ id: 'u-admin', username: 'admin', displayName: 'Quản trị', role: 'admin' }, ['register.view', 'register.manage']);
  return {
    dir,
    db,
    file,
    store,
    register,
    areas,
    stats: new StatsService(store),
    query: new RegisterQuery(store),
    access,
    imports,
    uploads,
    events,
    admin,
    upload: async (bytes) => (await uploads.save(Readable.from([Buffer.from(bytes)]), null)).id,
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes a file into the test's folder (fixtures made by the test itself). */
export function writeTemp(t: TestRegister, name: string, bytes: Buffer | string): string {
  const f = path.join(t.dir, name);
  writeFileSync(f, bytes);
  return f;
}
