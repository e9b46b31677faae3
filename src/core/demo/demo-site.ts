// "Start demo site": runs the virtual camera lab inside the core and, the first time, fills the
// register (areas, points on the map, twelve cameras), two shared views and a tour. Later starts
// bring the same cameras back on the same ports with the same password, so the register stays valid.
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors';
import { preset as layoutPreset } from '../../shared/layouts';
import { startLab, type Lab } from '../../sim/lab';
import type { User } from '../../shared/contract';
import { createLogger } from '../log/logger';
import type { RegisterService } from '../register/register-service';
import type { SecretBox } from '../secrets/secret-box';
import type { Db } from '../store/database';
import type { WallService } from '../wall/wall-service';
import { DEMO_CAMERAS, DEMO_CITY, DEMO_POINTS, DEMO_WARDS } from './demo-data';

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

async function findBasePort(count: number): Promise<number> {
  for (let base = DEFAULT_BASE_PORT; base < DEFAULT_BASE_PORT + 2000; base += 100) {
    let ok = true;
    for (let p = base; p < base + count * 2 && ok; p++) ok = await portFree(p);
    if (ok) return base;
  }
  throw new AppError('port_in_use', { port: DEFAULT_BASE_PORT, host: '127.0.0.1' });
}

export class DemoSite {
  private lab: Lab | null = null;
  private starting: Promise<DemoStatus> | null = null;

  constructor(
    private readonly db: Db,
    private readonly secrets: SecretBox,
    private readonly register: RegisterService,
    private readonly wall: WallService,
  ) {}

  status(): DemoStatus {
    return { running: this.lab !== null, cameras: this.lab?.cameras.length ?? 0 };
  }

  start(user: User): Promise<DemoStatus> {
    if (this.lab) return Promise.resolve(this.status());
    this.starting ??= this.doStart(user).finally(() => (this.starting = null));
    return this.starting;
  }

  private readState(): DemoState | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(STATE_KEY) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as DemoState) : null;
  }

  private async doStart(user: User): Promise<DemoStatus> {
    const existing = this.readState();
    const password = existing ? this.secrets.open(existing.passwordBox) : randomBytes(9).toString('base64url');
    const basePort = existing?.basePort ?? (await findBasePort(DEMO_CAMERAS.length));
    try {
      this.lab = await startLab({
        cameras: DEMO_CAMERAS.map((c) => ({ name: c.name, variant: c.variant, live: c.live ?? false })),
        basePort,
        password,
        log: (line) => log.debug(line),
      });
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      log.error('demo site could not start', { detail });
      throw new AppError('demo_unavailable', { detail: detail.slice(0, 300) });
    }
    if (!existing) {
      this.db
        .prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
        .run(STATE_KEY, JSON.stringify({ basePort, passwordBox: this.secrets.seal(password) } satisfies DemoState));
      this.populate(user);
    }
    log.info('demo site running', { cameras: this.lab.cameras.length, basePort });
    return this.status();
  }

  /** The register, two shared views and a tour, created once. */
  private populate(user: User): void {
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
      }).id;
    });
    const overview = this.wall.saveView(user, { name: 'Toàn cảnh trung tâm', shared: true, layout: layoutPreset('3x3'), tiles: ids.slice(0, 9).map((cameraId) => ({ cameraId, stream: 'auto' })) });
    const market = this.wall.saveView(user, {
      name: 'Chợ Bến Thành và Nguyễn Huệ',
      shared: true,
      layout: layoutPreset('1+5'),
      tiles: [0, 1, 2, 3, 6, 7].map((i) => ({ cameraId: ids[i]!, stream: 'auto' as const })),
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
