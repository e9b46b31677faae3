// Plain SQL for the register's tree, kept apart from the service so a PostgreSQL store can follow.
import { randomUUID } from 'node:crypto';
import type { Area, Camera, Point } from '../../shared/contract';
import type { Db } from '../store/database';

interface CameraRow {
  id: string;
  point_id: string;
  name: string;
  status: Camera['status'];
  ptz: number;
  onvif_url: string | null;
  rtsp_main: string | null;
  rtsp_sub: string | null;
  username: string | null;
  password_box: string | null;
  rtsp_transport: Camera['rtspTransport'];
  preferred_stream: Camera['preferredStream'];
  transmission: Camera['transmission'];
  funding: Camera['funding'];
}

const toCamera = (r: CameraRow): Camera => ({
  id: r.id,
  pointId: r.point_id,
  name: r.name,
  status: r.status,
  ptz: r.ptz === 1,
  onvifUrl: r.onvif_url,
  rtspMain: r.rtsp_main,
  rtspSub: r.rtsp_sub,
  username: r.username,
  hasPassword: r.password_box !== null,
  rtspTransport: r.rtsp_transport,
  preferredStream: r.preferred_stream,
  transmission: r.transmission,
  funding: r.funding,
});

export interface NewCameraRow extends Omit<Camera, 'id' | 'hasPassword'> {
  passwordBox: string | null;
}

export class RegisterRepository {
  constructor(private readonly db: Db) {}

  areas(): Area[] {
    return (this.db.prepare('SELECT id, parent_id AS parentId, name, kind FROM areas ORDER BY name').all() as Area[]);
  }

  points(): Point[] {
    return this.db.prepare('SELECT id, area_id AS areaId, name, address, lat, lon FROM points ORDER BY name').all() as Point[];
  }

  cameras(): Camera[] {
    return (this.db.prepare('SELECT * FROM cameras ORDER BY name').all() as CameraRow[]).map(toCamera);
  }

  /** Every camera's id and status: what camera health needs, without the rest of the row. */
  cameraStatuses(): Pick<Camera, 'id' | 'status'>[] {
    return this.db.prepare('SELECT id, status FROM cameras').all() as Pick<Camera, 'id' | 'status'>[];
  }

  camera(id: string): Camera | null {
    const row = this.db.prepare('SELECT * FROM cameras WHERE id = ?').get(id) as CameraRow | undefined;
    return row ? toCamera(row) : null;
  }

  cameraPasswordBox(id: string): string | null {
    const row = this.db.prepare('SELECT password_box FROM cameras WHERE id = ?').get(id) as { password_box: string | null } | undefined;
    return row?.password_box ?? null;
  }

  setPreferredStream(id: string, stream: Camera['preferredStream']): void {
    this.db.prepare('UPDATE cameras SET preferred_stream = ? WHERE id = ?').run(stream, id);
  }

  areaExists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM areas WHERE id = ?').get(id) !== undefined;
  }

  pointExists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM points WHERE id = ?').get(id) !== undefined;
  }

  insertArea(a: Omit<Area, 'id'>): Area {
    const id = randomUUID();
    this.db.prepare('INSERT INTO areas(id, parent_id, name, kind, created_at) VALUES (?,?,?,?,?)').run(id, a.parentId, a.name, a.kind, Date.now());
    return { id, ...a };
  }

  insertPoint(p: Omit<Point, 'id'>): Point {
    const id = randomUUID();
    this.db
      .prepare('INSERT INTO points(id, area_id, name, address, lat, lon, created_at) VALUES (?,?,?,?,?,?,?)')
      .run(id, p.areaId, p.name, p.address, p.lat, p.lon, Date.now());
    return { id, ...p };
  }

  insertCamera(c: NewCameraRow): Camera {
    const id = randomUUID();
    this.db
      .prepare(
        `INSERT INTO cameras(id, point_id, name, status, ptz, onvif_url, rtsp_main, rtsp_sub, username, password_box,
           rtsp_transport, preferred_stream, transmission, funding, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      )
      .run(id, c.pointId, c.name, c.status, c.ptz ? 1 : 0, c.onvifUrl, c.rtspMain, c.rtspSub, c.username, c.passwordBox, c.rtspTransport, c.preferredStream, c.transmission, c.funding, Date.now());
    return this.camera(id)!;
  }
}
