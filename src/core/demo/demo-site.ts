// "Start demo site": runs the virtual camera lab inside the core and, the first time, fills the
// register (areas, points on the map, twelve cameras), two shared views and a tour. Later starts
// bring the same cameras back on the same ports with the same password, so the register stays valid.
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { preset as layoutPreset } from '../../shared/layouts';
import { BUILTIN_ROLE_DEFAULTS } from '../../shared/contract';
import type { UserService } from '../auth/user-service';
import type { Principal } from '../auth/principal';
import { createLogger } from '../log/logger';
import type { RegisterService } from '../register/register-service';
import type { SecretBox } from '../secrets/secret-box';
import type { Db } from '../store/database';
import type { WallService } from '../wall/wall-service';
import { DEMO_ACCOUNTS, DEMO_CAMERAS, DEMO_CITY, DEMO_PASSWORD, DEMO_POINTS, DEMO_WARDS, type DemoVariant } from './demo-data';

/** What the demo needs of the camera lab. The shells inject the lab (src/sim): the core never imports it. */
export interface DemoLab {
  readonly cameras: readonly { onvif: string; rtspMain: string; rtspSub: string; username: string; password: string; ptz: boolean }[];
  dispose(): Promise<void>;
}
export type StartDemoLab = (options: {
  cameras: { name: string; variant: DemoVariant; live: boolean }[];
  basePort: number;
  password: string;
  log: (line: string) => void;
}) => Promise<DemoLab>;

const log = createLogger('demo');
const STATE_KEY = 'demo.site';
/** ONVIF and RTSP port per camera: 2 × 12 ports from here. */
const DEFAULT_BASE_PORT = 18600;

interface DemoState {
  basePort: number;
  passwordBox: string;
}

export interface DemoStatus {
  running: boolean;
  cameras: number;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

async function findBasePort(count: number, from = DEFAULT_BASE_PORT): Promise<number> {
  for (let base = from; base < DEFAULT_BASE_PORT + 2000; base += 100) {
    let ok = true;
    for (let p = base; p < base + count * 2 && ok; p++) ok = await portFree(p);
    if (ok) return base;
  }
  throw new AppError('port_in_use', { port: DEFAULT_BASE_PORT, host: '127.0.0.1' });
}

export class DemoSite {
  private lab: DemoLab | null = null;
  private starting: Promise<DemoStatus> | null = null;

  constructor(
    private readonly db: Db,
    private readonly secrets: SecretBox,
    private readonly register: RegisterService,
    private readonly wall: WallService,
    private readonly users: UserService,
    /** Absent where no lab was injected (a packaged console without the lab): start says so. */
    private readonly startLab: StartDemoLab | null,
    /** Told about each demo camera as it is registered (the PTZ service learns the lab's lens). */
    private readonly cameraAdded: (cameraId: string, ptz: boolean) => void = () => undefined,
  ) {}

  /** The demo's accounts, listed on the sign-in screen while the demo site runs. */
  accounts(): { username: string; role: string; password: string }[] {
    if (!this.lab && !this.starting) return [];
    const existing = new Set(this.users.list().filter((a) => !a.disabled).map((a) => a.username));
    return DEMO_ACCOUNTS.filter((a) => existing.has(a.username)).map((a) => ({ username: a.username, role: a.role, password: DEMO_PASSWORD }));
  }

  /**
   * One account per role; names already taken are left alone (an administrator made them). The
   * ward account's scope is its ward, once the register has it.
   */
  async ensureAccounts(): Promise<void> {
    const taken = new Set(this.users.list().map((a) => a.username));
    const wards = new Map(this.register.tree().areas.map((a) => [a.name, a.id]));
    for (const a of DEMO_ACCOUNTS) {
      if (taken.has(a.username) || !(a.role in BUILTIN_ROLE_DEFAULTS)) continue;
      const ward = a.ward ? wards.get(a.ward) : undefined;
      if (a.ward && !ward) continue;
      await this.users.save({ username: a.username, displayName: a.displayName, role: a.role, scopes: ward ? [ward] : [], disabled: false, password: DEMO_PASSWORD });
    }
  }

  status(): DemoStatus {
    return { running: this.lab !== null, cameras: this.lab?.cameras.length ?? 0 };
  }

  start(user: Principal): Promise<DemoStatus> {
    if (this.lab) return Promise.resolve(this.status());
    if (!this.startLab) return Promise.reject(new AppError('demo_unavailable', { detail: 'no camera lab in this build' }));
    this.starting ??= this.doStart(user, this.startLab).finally(() => (this.starting = null));
    return this.starting;
  }

  private readState(): DemoState | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(STATE_KEY) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as DemoState) : null;
  }

  private async doStart(user: Principal, startLab: StartDemoLab): Promise<DemoStatus> {
    const existing = this.readState();
    const password = existing ? this.secrets.open(existing.passwordBox) : randomBytes(9).toString('base64url');
    let basePort = existing?.basePort ?? (await findBasePort(DEMO_CAMERAS.length));
    for (let attempt = 1; ; attempt++) {
      try {
        this.lab = await startLab({
          cameras: DEMO_CAMERAS.map((c) => ({ name: c.name, variant: c.variant, live: c.live ?? false })),
          basePort,
          password,
          log: (line) => log.debug(line),
        });
        break;
      } catch (err) {
        const detail = err instanceof Error ? err.message : String(err);
        // Another demo site (a second console on this machine) took the free ports between our look
        // and our bind: a new site moves on to the next free range. A site that exists keeps its
        // ports, which its registered cameras' addresses name.
        if (!existing && attempt < 5 && /cannot listen|EADDRINUSE/i.test(detail)) {
          basePort = await findBasePort(DEMO_CAMERAS.length, basePort + 100);
          continue;
        }
        log.error('demo site could not start', { detail });
        throw new AppError('demo_unavailable', { detail: detail.slice(0, 300) });
      }
    }
    if (!existing) {
      this.db
        .prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
        .run(STATE_KEY, JSON.stringify({ basePort, passwordBox: this.secrets.seal(password) } satisfies DemoState));
      this.populate(user);
    }
    await this.ensureAccounts();
    log.info('demo site running', { cameras: this.lab.cameras.length, basePort });
    return this.status();
  }

  /** The register, two shared views and a tour, created once. */
  private populate(user: Principal): void {
    const lab = this.lab!;
    const city = this.register.createArea({ parentId: null, name: DEMO_CITY, kind: 'city' });
    const wards = new Map(DEMO_WARDS.map((w) => [w, this.register.createArea({ parentId: city.id, name: w, kind: 'ward' }).id]));
    const points = new Map(
      DEMO_POINTS.map((p) => [p.name, this.register.createPoint({ areaId: wards.get(p.ward)!, name: p.name, address: p.address, lat: p.lat, lon: p.lon }).id]),
    );
    const ids = DEMO_CAMERAS.map((c, i) => {
      const sim = lab.cameras[i]!;
      return this.register.createCamera({
        pointId: points.get(c.point)!,
        name: c.name,
        status: c.status,
        ptz: sim.ptz,
        onvifUrl: sim.onvif,
        rtspMain: sim.rtspMain,
        rtspSub: sim.rtspSub,
        username: sim.username,
        password: sim.password,
        transmission: c.transmission,
        funding: c.funding,
        heading: c.heading,
        fieldOfView: c.fieldOfView,
      }).id;
    });
    ids.forEach((id, i) => this.cameraAdded(id, lab.cameras[i]!.ptz));
    // Shift+1 and Shift+2 for everyone: a centre agrees on its numbers, nobody's list order decides.
    const overview = this.wall.saveView(user, {
      name: 'Toàn cảnh trung tâm',
      shared: true,
      layout: layoutPreset('3x3'),
      tiles: ids.slice(0, 9).map((cameraId) => ({ cameraId, stream: 'auto' })),
      shortcut: 1,
    });
    const market = this.wall.saveView(user, {
      name: 'Chợ Bến Thành và Nguyễn Huệ',
      shared: true,
      layout: layoutPreset('1+5'),
      tiles: [0, 1, 2, 3, 6, 7].map((i) => ({ cameraId: ids[i]!, stream: 'auto' as const })),
      shortcut: 2,
    });
    this.wall.saveTour(user, {
      name: 'Tuần tra trung tâm',
      shared: true,
      dwellSeconds: 20,
      steps: [
        { kind: 'view', viewId: overview.id },
        { kind: 'view', viewId: market.id },
      ],
    });
  }

  async dispose(): Promise<void> {
    await this.starting?.catch(() => undefined);
    const lab = this.lab;
    this.lab = null;
    await lab?.dispose();
  }
}
