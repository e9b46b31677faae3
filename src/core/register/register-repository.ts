// Plain SQL for the register's records (areas' current state, points, cameras), kept apart from the
// services so a PostgreSQL store can follow. Rows are validated into contract shapes on the way out.
import { randomUUID } from 'node:crypto';
import type { Area, Camera, CameraRecord, Point, PointRecord, Purpose } from '../../shared/contract';
import { fundingOf, PURPOSES } from '../../shared/contract';
import type { Db } from '../store/database';
import { statement } from '../store/statements';

export interface CameraDbRow {
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
  make: string;
  model: string;
  serial: string;
  heading: number | null;
  field_of_view: number | null;
  ownership: CameraRecord['ownership'];
  funding_source: string;
  isp: CameraRecord['isp'];
  install_date: string | null;
  warranty_end: string | null;
  last_seen: number | null;
  notes: string;
  disabled: number;
  search_rowid: number | null;
  /** Absent from rows built by hand (an import's plan): not known. */
  frame_rate?: number | null;
}

export const purposesFromBits = (bits: number): Purpose[] => PURPOSES.filter((_, i) => (bits & (1 << i)) !== 0);
export const purposesToBits = (list: readonly Purpose[]): number => list.reduce((b, p) => b | (1 << PURPOSES.indexOf(p)), 0);

export const toCameraRecord = (r: CameraDbRow): CameraRecord => ({
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
  funding: fundingOf(r.ownership),
  make: r.make,
  model: r.model,
  serial: r.serial,
  heading: r.heading,
  fieldOfView: r.field_of_view,
  ownership: r.ownership,
  fundingSource: r.funding_source,
  isp: r.isp,
  installDate: r.install_date,
  warrantyEnd: r.warranty_end,
  lastSeen: r.last_seen,
  notes: r.notes,
  disabled: r.disabled === 1,
  frameRate: r.frame_rate ?? null,
});

/** The wall's view of a camera: the fields it has always had. */
export const toCamera = (r: CameraDbRow): Camera => {
  const c = toCameraRecord(r);
  return {
    id: c.id,
    pointId: c.pointId,
    name: c.name,
    status: c.status,
    ptz: c.ptz,
    onvifUrl: c.onvifUrl,
    rtspMain: c.rtspMain,
    rtspSub: c.rtspSub,
    username: c.username,
    hasPassword: c.hasPassword,
    rtspTransport: c.rtspTransport,
    preferredStream: c.preferredStream,
    transmission: c.transmission,
    funding: c.funding,
  };
};

interface PointDbRow {
  id: string;
  area_id: string;
  name: string;
  address: string;
  lat: number | null;
  lon: number | null;
  category_id: string | null;
  purposes: number;
  custodian: string;
  custodian_contact: string;
  notes: string;
  disabled: number;
  cameras: number;
}

export const toPointRecord = (r: PointDbRow): PointRecord => ({
  id: r.id,
  areaId: r.area_id,
  name: r.name,
  address: r.address,
  lat: r.lat,
  lon: r.lon,
  categoryId: r.category_id,
  purposes: purposesFromBits(r.purposes),
  custodian: r.custodian,
  custodianContact: r.custodian_contact,
  notes: r.notes,
  disabled: r.disabled === 1,
  cameras: r.cameras,
});

/** What the repository writes for a camera (the password already sealed). */
export interface CameraWrite {
  pointId: string;
  name: string;
  status: Camera['status'];
  ptz: boolean;
  onvifUrl: string | null;
  rtspMain: string | null;
  rtspSub: string | null;
  username: string | null;
  passwordBox: string | null;
  rtspTransport: Camera['rtspTransport'];
  preferredStream: Camera['preferredStream'];
  transmission: Camera['transmission'];
  make: string;
  model: string;
  serial: string;
  heading: number | null;
  fieldOfView: number | null;
  ownership: CameraRecord['ownership'];
  fundingSource: string;
  isp: CameraRecord['isp'];
  installDate: string | null;
  warrantyEnd: string | null;
  notes: string;
  sortKey: string;
}

export interface PointWrite {
  areaId: string;
  name: string;
  address: string;
  lat: number | null;
  lon: number | null;
  categoryId: string | null;
  purposes: Purpose[];
  custodian: string;
  custodianContact: string;
  notes: string;
  sortKey: string;
  search: string;
}

const POINT_SELECT = `SELECT p.*, (SELECT count(*) FROM cameras c WHERE c.point_id = p.id AND c.deleted_at IS NULL) AS cameras FROM points p`;
const LIVE = 'deleted_at IS NULL';

/** The camera's written fields, in one order for both INSERT and UPDATE. */
const CAMERA_FIELDS: readonly [string, (c: CameraWrite) => unknown][] = [
  ['point_id', (c) => c.pointId],
  ['name', (c) => c.name],
  ['status', (c) => c.status],
  ['ptz', (c) => (c.ptz ? 1 : 0)],
  ['onvif_url', (c) => c.onvifUrl],
  ['rtsp_main', (c) => c.rtspMain],
  ['rtsp_sub', (c) => c.rtspSub],
  ['username', (c) => c.username],
  ['password_box', (c) => c.passwordBox],
  ['rtsp_transport', (c) => c.rtspTransport],
  ['preferred_stream', (c) => c.preferredStream],
  ['transmission', (c) => c.transmission],
  ['funding', (c) => fundingOf(c.ownership)],
  ['make', (c) => c.make],
  ['model', (c) => c.model],
  ['serial', (c) => c.serial],
  ['heading', (c) => c.heading],
  ['field_of_view', (c) => c.fieldOfView],
  ['ownership', (c) => c.ownership],
  ['funding_source', (c) => c.fundingSource],
  ['isp', (c) => c.isp],
  ['install_date', (c) => c.installDate],
  ['warranty_end', (c) => c.warrantyEnd],
  ['notes', (c) => c.notes],
];
const cameraValues = (c: CameraWrite) => CAMERA_FIELDS.map(([, v]) => v(c));

/** A point's written columns, in one list for INSERT and UPDATE (as CAMERA_FIELDS). */
const POINT_FIELDS: readonly [string, (p: PointWrite) => unknown][] = [
  ['area_id', (p) => p.areaId],
  ['name', (p) => p.name],
  ['address', (p) => p.address],
  ['lat', (p) => p.lat],
  ['lon', (p) => p.lon],
  ['category_id', (p) => p.categoryId],
  ['purposes', (p) => purposesToBits(p.purposes)],
  ['custodian', (p) => p.custodian],
  ['custodian_contact', (p) => p.custodianContact],
  ['notes', (p) => p.notes],
  ['sort_key', (p) => p.sortKey],
  ['search', (p) => p.search],
];
const pointValues = (p: PointWrite) => POINT_FIELDS.map(([, v]) => v(p));

export class RegisterRepository {
  constructor(private readonly db: Db) {}

  get database(): Db {
    return this.db;
  }

  area(id: string): Area | null {
    return (
      (statement(this.db, `SELECT id, parent_id AS parentId, name, kind FROM areas WHERE id = ? AND ${LIVE}`).get(id) as Area | undefined) ?? null
    );
  }

  point(id: string): Point | null {
    return (
      (statement(this.db, `SELECT id, area_id AS areaId, name, address, lat, lon FROM points WHERE id = ? AND ${LIVE}`).get(id) as
        Point | undefined) ?? null
    );
  }

  pointRecord(id: string): PointRecord | null {
    const row = statement(this.db, `${POINT_SELECT} WHERE p.id = ? AND p.deleted_at IS NULL`).get(id) as PointDbRow | undefined;
    return row ? toPointRecord(row) : null;
  }

  /** Points by area set (null = all) and folded words, in Vietnamese order. */
  pointRecords(areaIds: readonly string[] | null, words: readonly string[], offset: number, limit: number): { total: number; rows: PointRecord[] } {
    const where = ['p.deleted_at IS NULL'];
    const args: unknown[] = [];
    if (areaIds) {
      where.push('p.area_id IN (SELECT value FROM json_each(?))');
      args.push(JSON.stringify(areaIds));
    }
    for (const w of words) {
      where.push("(' ' || p.search) LIKE ?");
      args.push(`% ${w}%`);
    }
    const clause = where.join(' AND ');
    const total = (statement(this.db, `SELECT count(*) AS n FROM points p WHERE ${clause}`).get(...args) as { n: number }).n;
    const rows = statement(this.db, `${POINT_SELECT} WHERE ${clause} ORDER BY p.sort_key LIMIT ? OFFSET ?`).all(
      ...args,
      limit,
      offset,
    ) as PointDbRow[];
    return { total, rows: rows.map(toPointRecord) };
  }

  /** The wall's tree: areas in force, points and cameras not deleted or disabled. */
  areas(): Area[] {
    return statement(
      this.db,
      `SELECT id, parent_id AS parentId, name, kind FROM areas WHERE ${LIVE} AND retired_on IS NULL ORDER BY sort_key`,
    ).all() as Area[];
  }

  points(): Point[] {
    return statement(
      this.db,
      `SELECT id, area_id AS areaId, name, address, lat, lon FROM points WHERE ${LIVE} AND disabled = 0 ORDER BY sort_key`,
    ).all() as Point[];
  }

  cameras(): Camera[] {
    return (statement(this.db, `SELECT * FROM cameras WHERE ${LIVE} AND disabled = 0 ORDER BY sort_key`).all() as CameraDbRow[]).map(toCamera);
  }

  cameraRow(id: string): CameraDbRow | null {
    return (statement(this.db, `SELECT * FROM cameras WHERE id = ? AND ${LIVE}`).get(id) as CameraDbRow | undefined) ?? null;
  }

  /** Including deleted ones: an idempotent create must not reuse a deleted camera's id. */
  cameraIdTaken(id: string): boolean {
    return statement(this.db, 'SELECT 1 FROM cameras WHERE id = ?').get(id) !== undefined;
  }

  pointIdTaken(id: string): boolean {
    return statement(this.db, 'SELECT 1 FROM points WHERE id = ?').get(id) !== undefined;
  }

  areaIdTaken(id: string): boolean {
    return statement(this.db, 'SELECT 1 FROM areas WHERE id = ?').get(id) !== undefined;
  }

  /** Every camera's id and status: what camera health needs, without the rest of the row. */
  cameraStatuses(): Pick<Camera, 'id' | 'status'>[] {
    return this.db.prepare('SELECT id, status FROM cameras').all() as Pick<Camera, 'id' | 'status'>[];
  }

  camera(id: string): Camera | null {
    const row = this.cameraRow(id);
    return row ? toCamera(row) : null;
  }

  cameraPasswordBox(id: string): string | null {
    const row = statement(this.db, 'SELECT password_box FROM cameras WHERE id = ?').get(id) as { password_box: string | null } | undefined;
    return row?.password_box ?? null;
  }

  setPreferredStream(id: string, stream: Camera['preferredStream']): void {
    statement(this.db, 'UPDATE cameras SET preferred_stream = ? WHERE id = ?').run(stream, id);
  }

  areaExists(id: string): boolean {
    return statement(this.db, `SELECT 1 FROM areas WHERE id = ? AND ${LIVE} AND retired_on IS NULL`).get(id) !== undefined;
  }

  pointExists(id: string): boolean {
    return statement(this.db, `SELECT 1 FROM points WHERE id = ? AND ${LIVE}`).get(id) !== undefined;
  }

  /** Rows whose URLs may still hold credentials (typed in before they were moved out on save). */
  camerasWithUrlCredentials(): Array<Pick<CameraDbRow, 'id' | 'name' | 'onvif_url' | 'rtsp_main' | 'rtsp_sub' | 'username' | 'password_box'>> {
    return this.db
      .prepare(
        `SELECT id, name, onvif_url, rtsp_main, rtsp_sub, username, password_box FROM cameras
         WHERE instr(coalesce(onvif_url, ''), '@') > 0 OR instr(coalesce(rtsp_main, ''), '@') > 0 OR instr(coalesce(rtsp_sub, ''), '@') > 0`,
      )
      .all() as Array<Pick<CameraDbRow, 'id' | 'name' | 'onvif_url' | 'rtsp_main' | 'rtsp_sub' | 'username' | 'password_box'>>;
  }

  updateCameraAccess(
    id: string,
    c: { onvifUrl: string | null; rtspMain: string | null; rtspSub: string | null; username: string | null; passwordBox: string | null },
  ): void {
    this.db
      .prepare('UPDATE cameras SET onvif_url = ?, rtsp_main = ?, rtsp_sub = ?, username = ?, password_box = ? WHERE id = ?')
      .run(c.onvifUrl, c.rtspMain, c.rtspSub, c.username, c.passwordBox, id);
  }

  /** Runs `fn` in one transaction (check-then-insert of an idempotent create, history beside the change). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  insertArea(a: Omit<Area, 'id'> & { sortKey: string; from: string }, id: string = randomUUID()): Area {
    statement(this.db, 'INSERT INTO areas(id, parent_id, name, kind, created_at, sort_key) VALUES (?,?,?,?,?,?)').run(
      id,
      a.parentId,
      a.name,
      a.kind,
      Date.now(),
      a.sortKey,
    );
    statement(this.db, 'INSERT INTO area_versions(area_id, valid_from, valid_to, parent_id, name, kind) VALUES (?,?,NULL,?,?,?)').run(
      id,
      a.from,
      a.parentId,
      a.name,
      a.kind,
    );
    return { id, parentId: a.parentId, name: a.name, kind: a.kind };
  }

  insertPoint(p: PointWrite, from: string, id: string = randomUUID()): void {
    statement(
      this.db,
      `INSERT INTO points(id, ${POINT_FIELDS.map(([col]) => col).join(', ')}, created_at) VALUES (?, ${POINT_FIELDS.map(() => '?').join(', ')}, ?)`,
    ).run(id, ...pointValues(p), Date.now());
    statement(this.db, 'INSERT INTO point_placements(point_id, valid_from, valid_to, area_id) VALUES (?,?,NULL,?)').run(id, from, p.areaId);
  }

  updatePoint(id: string, p: PointWrite): void {
    statement(this.db, `UPDATE points SET ${POINT_FIELDS.map(([col]) => `${col} = ?`).join(', ')} WHERE id = ?`).run(...pointValues(p), id);
  }

  private nextSearchRowid(): number {
    return ((statement(this.db, 'SELECT max(search_rowid) AS m FROM cameras').get() as { m: number | null }).m ?? 0) + 1;
  }

  insertCamera(c: CameraWrite, id: string = randomUUID(), at: number = Date.now()): number {
    const rowid = this.nextSearchRowid();
    statement(
      this.db,
      `INSERT INTO cameras(id, ${CAMERA_FIELDS.map(([col]) => col).join(', ')}, sort_key, search_rowid, created_at, area_id, point_purposes)
         VALUES (?, ${CAMERA_FIELDS.map(() => '?').join(', ')}, ?, ?, ?, (SELECT area_id FROM points WHERE id = ?), (SELECT purposes FROM points WHERE id = ?))`,
    ).run(id, ...cameraValues(c), c.sortKey, rowid, at, c.pointId, c.pointId);
    this.logStatus(id, c.status, at);
    return rowid;
  }

  updateCamera(id: string, c: CameraWrite): void {
    statement(this.db, `UPDATE cameras SET ${CAMERA_FIELDS.map(([col]) => `${col} = ?`).join(', ')}, sort_key = ? WHERE id = ?`).run(...cameraValues(c), c.sortKey, id);
  }

  /** Kept apart from the camera's other fields: imports and older clients leave it as it is. */
  setFrameRate(id: string, fps: number | null): void {
    statement(this.db, 'UPDATE cameras SET frame_rate = ? WHERE id = ?').run(fps, id);
  }

  frameRate(id: string): number | null {
    return (statement(this.db, 'SELECT frame_rate AS f FROM cameras WHERE id = ?').get(id) as { f: number | null } | undefined)?.f ?? null;
  }

  setCameraStatus(id: string, status: Camera['status'], at: number): void {
    statement(this.db, 'UPDATE cameras SET status = ? WHERE id = ?').run(status, id);
    this.logStatus(id, status, at);
  }

  setLastSeen(id: string, at: number): void {
    statement(this.db, 'UPDATE cameras SET last_seen = ? WHERE id = ?').run(at, id);
  }

  logStatus(id: string, status: Camera['status'], at: number): void {
    statement(this.db, 'INSERT INTO camera_status_log(camera_id, at, status) VALUES (?,?,?)').run(id, at, status);
  }

  moveCamera(id: string, pointId: string): void {
    statement(this.db, 'UPDATE cameras SET point_id = ? WHERE id = ?').run(pointId, id);
  }

  setDisabled(table: 'areas' | 'points' | 'cameras', id: string, disabled: boolean): boolean {
    return statement(this.db, `UPDATE ${table} SET disabled = ? WHERE id = ? AND ${LIVE}`).run(disabled ? 1 : 0, id).changes > 0;
  }

  markDeleted(table: 'areas' | 'points' | 'cameras', id: string, at: number): void {
    statement(this.db, `UPDATE ${table} SET deleted_at = ? WHERE id = ?`).run(at, id);
  }

  /** What still stands in an area or at a point (a delete is refused while anything does). */
  dependants(kind: 'area' | 'point', id: string): number {
    if (kind === 'point') return (statement(this.db, `SELECT count(*) AS n FROM cameras WHERE point_id = ? AND ${LIVE}`).get(id) as { n: number }).n;
    const row = this.db
      .prepare(
        `SELECT (SELECT count(*) FROM points WHERE area_id = ? AND ${LIVE}) + (SELECT count(*) FROM areas WHERE parent_id = ? AND ${LIVE} AND retired_on IS NULL) AS n`,
      )
      .get(id, id) as { n: number };
    return row.n;
  }

  /** Cameras with the same serial (a serial names one device), other than `exceptId`. */
  serialTaken(serial: string, exceptId: string | null): boolean {
    return (
      statement(this.db, `SELECT 1 FROM cameras WHERE serial = ? AND serial <> '' AND id IS NOT ? AND ${LIVE}`).get(serial, exceptId) !== undefined
    );
  }

  /** Rows written before sort keys and the search index existed (migration 007 cannot compute them). */
  rowsMissingSortKeys(): {
    areas: { id: string; name: string }[];
    points: { id: string; name: string; address: string; custodian: string }[];
    cameras: string[];
  } {
    return {
      areas: statement(this.db, "SELECT id, name FROM areas WHERE sort_key = ''").all() as { id: string; name: string }[],
      points: statement(this.db, "SELECT id, name, address, custodian FROM points WHERE sort_key = ''").all() as {
        id: string;
        name: string;
        address: string;
        custodian: string;
      }[],
      cameras: (statement(this.db, "SELECT id FROM cameras WHERE sort_key = ''").all() as { id: string }[]).map((r) => r.id),
    };
  }

  setAreaSortKey(id: string, key: string): void {
    statement(this.db, 'UPDATE areas SET sort_key = ? WHERE id = ?').run(key, id);
  }

  setPointDerived(id: string, sortKey: string, search: string): void {
    statement(this.db, 'UPDATE points SET sort_key = ?, search = ? WHERE id = ?').run(sortKey, search, id);
  }

  setCameraSortKey(id: string, key: string): void {
    statement(this.db, 'UPDATE cameras SET sort_key = ? WHERE id = ?').run(key, id);
  }
}
