// The register's records: areas (created here; effective-dated changes in area-service.ts), points
// and cameras — create, edit, disable, delete, bulk changes — each change written with its history
// and search words in the same transaction. Also the live relay's way to a camera's stream.
import type {
  Area,
  Camera,
  CameraCreateInput,
  CameraRecord,
  CameraUpdateInput,
  Point,
  PointRecord,
  RegisterTree,
  StreamKind,
} from '../../shared/contract';
import { cameraUpdateInput, parseCameraUrl, pointFields, stripUrlCredentials, TECHNICIAN_STATUSES, type CameraUrlKind } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { vietnameseSortKey } from '../../shared/register/collation';
import { BEGINNING, vietnamDay } from '../../shared/register/dates';
import { createLogger } from '../log/logger';
import type { SecretBox } from '../secrets/secret-box';
import { cameraSnapshot, parseCamera, pointSnapshot, toCameraWrite, toPointWrite, type CheckedCamera } from './camera-write';
import { diff, type Actor, type RecordKind } from './history-repository';
import { toCameraRecord } from './register-repository';
import type { RegisterStore } from './store';
import type { z } from 'zod';

const log = createLogger('register');

/** Where the live relay finds a camera's stream; the password is opened only here. */
export interface CameraSource {
  url: string;
  username?: string;
  password?: string;
  transport: 'tcp' | 'udp';
}

/** The core acting on its own (start-up, the demo site, a health monitor). */
export const SYSTEM_ACTOR: Actor = { id: null, name: null };
/** Where a camera's ONVIF services are, with its credentials (alarms' events, snapshot URIs). */
export interface OnvifAccess {
  deviceUrl: string;
  username: string | null;
  password: string | null;
}

type UrlField = 'rtspMain' | 'rtspSub' | 'onvifUrl';
const URL_FIELDS: ReadonlyArray<readonly [UrlField, CameraUrlKind]> = [
  ['rtspMain', 'stream'],
  ['rtspSub', 'stream'],
  ['onvifUrl', 'device'],
];

/** What leaves the core: never a URL with credentials, whatever an old database holds. */
function publicUrls<T extends Camera>(c: T): T {
  return {
    ...c,
    onvifUrl: c.onvifUrl && stripUrlCredentials(c.onvifUrl),
    rtspMain: c.rtspMain && stripUrlCredentials(c.rtspMain),
    rtspSub: c.rtspSub && stripUrlCredentials(c.rtspSub),
  };
}

/** A write as the row it would make (for comparing a repeated create with what the first one made). */
function writeToRow(w: ReturnType<typeof toCameraWrite>) {
  return {
    point_id: w.pointId,
    name: w.name,
    status: w.status,
    ptz: w.ptz ? 1 : 0,
    onvif_url: w.onvifUrl,
    rtsp_main: w.rtspMain,
    rtsp_sub: w.rtspSub,
    username: w.username,
    rtsp_transport: w.rtspTransport,
    preferred_stream: w.preferredStream,
    transmission: w.transmission,
    make: w.make,
    model: w.model,
    serial: w.serial,
    heading: w.heading,
    field_of_view: w.fieldOfView,
    ownership: w.ownership,
    funding_source: w.fundingSource,
    isp: w.isp,
    install_date: w.installDate,
    warranty_end: w.warrantyEnd,
    notes: w.notes,
  };
}

const conflict = (kind: string, id: string) => new AppError('conflict', { kind, id });
const notFound = (kind: string, id: string) => new AppError('not_found', { kind, id });

/** How long health reports gather before the register announces they changed it. */
const HEALTH_NOTICE_MS = 2000;

export class RegisterService {
  constructor(
    private readonly store: RegisterStore,
    private readonly secrets: SecretBox,
    private readonly onChange: () => void,
  ) {
    // At every core start, before anyone reads the register: a database from before URLs were
    // checked may hold credentials inside them. Done here, not in a migration, because sealing the
    // password needs the SecretBox, which migrations do not have.
    this.moveCredentialsOutOfStoredUrls();
    // Sort keys and search words are computed in JS (Vietnamese order, folding), which migration 007
    // cannot do: rows from before it get theirs here, once.
    this.fillDerivedColumns();
  }

  private get repo() {
    return this.store.records;
  }

  /** Every list in Vietnamese alphabetical order (SQLite's ORDER BY puts "Cầu" after "Công"). */
  tree(): RegisterTree {
    return { areas: this.repo.areas(), points: this.repo.points(), cameras: this.repo.cameras().map(publicUrls) };
  }

  exists(cameraId: string): boolean {
    return this.repo.camera(cameraId) !== null;
  }

  camera(id: string): Camera {
    const c = this.repo.camera(id);
    if (!c) throw notFound('camera', id);
    return publicUrls(c);
  }

  cameraRecord(id: string): CameraRecord {
    const row = this.repo.cameraRow(id);
    if (!row) throw notFound('camera', id);
    return publicUrls(toCameraRecord(row));
  }

  pointRecord(id: string): PointRecord {
    const p = this.repo.pointRecord(id);
    if (!p) throw notFound('point', id);
    return p;
  }

  history(kind: RecordKind, id: string) {
    return this.store.history.list(kind, id);
  }

  // Creates take an optional client-chosen id: the same request again (a retry after a lost answer)
  // returns what the first one made; different content under that id is a conflict, never a second row.

  createArea(input: Omit<Area, 'id'> & { id?: string; from?: string }, actor: Actor = SYSTEM_ACTOR): Area {
    const { id, parentId, name, kind } = input;
    const from = input.from ?? BEGINNING;
    const made = this.repo.transaction(() => {
      const existing = id ? this.repo.area(id) : null;
      if (existing && id) {
        if (existing.parentId === parentId && existing.name === name && existing.kind === kind) return null;
        throw conflict('area', id);
      }
      if (id && this.repo.areaIdTaken(id)) throw conflict('area', id);
      if (parentId && !this.repo.areaExists(parentId)) throw notFound('area', parentId);
      const a = this.repo.insertArea({ parentId, name, kind, from, sortKey: vietnameseSortKey(name) }, id);
      this.store.history.append('area', a.id, actor, 'create', diff(null, { parentId, name, kind, from }));
      return a;
    });
    if (made) this.onChange();
    return made ?? this.repo.area(id!)!;
  }

  createPoint(raw: z.input<typeof pointFields> & { id?: string }, actor: Actor = SYSTEM_ACTOR): Point {
    const { id } = raw;
    const input = pointFields.parse(raw);
    const made = this.repo.transaction(() => {
      const existing = id ? this.repo.pointRecord(id) : null;
      if (existing && id) {
        if (JSON.stringify(pointSnapshot(existing)) === JSON.stringify(pointSnapshot({ ...existing, ...input }))) return null;
        throw conflict('point', id);
      }
      if (id && this.repo.pointIdTaken(id)) throw conflict('point', id);
      if (!this.repo.areaExists(input.areaId)) throw notFound('area', input.areaId);
      const pointId = id ?? crypto.randomUUID();
      this.repo.insertPoint(toPointWrite(input), BEGINNING, pointId);
      this.store.history.append('point', pointId, actor, 'create', diff(null, pointSnapshot(this.repo.pointRecord(pointId)!)));
      return pointId;
    });
    if (made) this.onChange();
    return this.repo.point(made ?? id!)!;
  }

  /** The point editor's save: a create (safe to retry) or a change of every field. */
  savePoint(raw: z.input<typeof pointFields> & { id: string; create: boolean }, actor: Actor): PointRecord {
    if (raw.create) {
      this.createPoint(raw, actor);
      return this.pointRecord(raw.id);
    }
    const input = pointFields.parse(raw);
    const changed = this.repo.transaction(() => {
      const before = this.repo.pointRecord(raw.id);
      if (!before) throw notFound('point', raw.id);
      if (!this.repo.areaExists(input.areaId)) throw notFound('area', input.areaId);
      this.repo.updatePoint(raw.id, toPointWrite(input));
      // Choosing another area in the editor corrects where the point is; a reorganisation (a date)
      // goes through the area tree's merge and split.
      if (before.areaId !== input.areaId) this.store.areas.correctPlacement(raw.id, input.areaId);
      const changes = diff(pointSnapshot(before), pointSnapshot(this.repo.pointRecord(raw.id)!));
      if (Object.keys(changes).length === 0) return false;
      this.store.history.append('point', raw.id, actor, 'update', changes);
      this.store.search.point(raw.id);
      return true;
    });
    if (changed) this.onChange();
    return this.pointRecord(raw.id);
  }

  createCamera(raw: CameraCreateInput, actor: Actor = SYSTEM_ACTOR): Camera {
    const { id, password, ...rest } = parseCamera(raw);
    const made = this.repo.transaction(() => {
      const existing = id ? this.repo.cameraRow(id) : null;
      if (existing && id) {
        if (this.sameCamera(toCameraRecord(existing), rest, password)) return null;
        throw conflict('camera', id);
      }
      if (id && this.repo.cameraIdTaken(id)) throw conflict('camera', id);
      return this.insertCamera(rest, password, actor, id);
    });
    if (made) this.onChange();
    return publicUrls(this.repo.camera(made ?? id!)!);
  }

  /** Inserts a checked camera with its history and search words; the caller holds the transaction. */
  insertCamera(
    rest: Omit<CheckedCamera, 'id' | 'password'>,
    password: string | null,
    actor: Actor,
    id: string = crypto.randomUUID(),
    action = 'create',
  ): string {
    if (!this.repo.pointExists(rest.pointId)) throw notFound('point', rest.pointId);
    this.repo.insertCamera(toCameraWrite(rest, password ? this.secrets.seal(password) : null), id);
    this.store.history.append('camera', id, actor, action, diff(null, cameraSnapshot(toCameraRecord(this.repo.cameraRow(id)!))));
    this.store.search.cameras([id]);
    return id;
  }

  private sameCamera(c: CameraRecord, input: Omit<CheckedCamera, 'id' | 'password'>, password: string | null): boolean {
    const a = cameraSnapshot(c);
    const b = cameraSnapshot({
      ...c,
      ...toCameraRecord({ ...this.repo.cameraRow(c.id)!, ...writeToRow(toCameraWrite(input, null)) }),
      hasPassword: c.hasPassword,
    });
    if (JSON.stringify(a) !== JSON.stringify(b)) return false;
    const box = this.repo.cameraPasswordBox(c.id);
    try {
      return (box ? this.secrets.open(box) : null) === password;
    } catch {
      return false; // a box we cannot open (key changed) is not "the same request"
    }
  }

  updateCamera(raw: CameraUpdateInput, actor: Actor): CameraRecord {
    const { id, password, keepPassword, ...rest } = cameraUpdateInput.parse(raw);
    this.repo.transaction(() => {
      const row = this.repo.cameraRow(id);
      if (!row) throw notFound('camera', id);
      if (!this.repo.pointExists(rest.pointId)) throw notFound('point', rest.pointId);
      const box = password ? this.secrets.seal(password) : keepPassword ? row.password_box : null;
      const before = toCameraRecord(row);
      const write = toCameraWrite(rest, box);
      this.repo.updateCamera(id, write);
      if (before.status !== write.status) this.repo.logStatus(id, write.status, Date.now());
      const after = toCameraRecord(this.repo.cameraRow(id)!);
      const changes = diff(cameraSnapshot(before), cameraSnapshot(after));
      if (password && row.password_box) changes.password = ['•••', '•••'];
      if (Object.keys(changes).length) this.store.history.append('camera', id, actor, 'update', changes);
      this.store.search.cameras([id]);
    });
    this.onChange();
    return this.cameraRecord(id);
  }

  setPreferredStream(cameraId: string, stream: Camera['preferredStream'], actor: Actor = SYSTEM_ACTOR): Camera {
    const before = this.camera(cameraId); // not_found if it is not there
    this.repo.transaction(() => {
      this.repo.setPreferredStream(cameraId, stream);
      if (before.preferredStream !== stream)
        this.store.history.append('camera', cameraId, actor, 'update', { preferredStream: [before.preferredStream, stream] });
    });
    this.onChange();
    return this.camera(cameraId);
  }

  setDisabled(kind: RecordKind, id: string, disabled: boolean, actor: Actor): void {
    const table = kind === 'area' ? 'areas' : kind === 'point' ? 'points' : 'cameras';
    this.repo.transaction(() => {
      if (!this.repo.setDisabled(table, id, disabled)) throw notFound(kind, id);
      this.store.history.append(kind, id, actor, disabled ? 'disable' : 'enable', { disabled: [!disabled, disabled] });
    });
    this.onChange();
  }

  /** Deletes a record (kept, marked deleted, with its history); refused while anything stands in it. */
  delete(kind: RecordKind, id: string, actor: Actor): void {
    const table = kind === 'area' ? 'areas' : kind === 'point' ? 'points' : 'cameras';
    const now = Date.now();
    this.repo.transaction(() => {
      const exists = kind === 'area' ? this.repo.area(id) : kind === 'point' ? this.repo.point(id) : this.repo.camera(id);
      if (!exists) throw notFound(kind, id);
      if (kind !== 'camera') {
        const n = this.repo.dependants(kind, id);
        if (n > 0) throw new AppError('in_use', { kind, id, count: n });
      }
      if (kind === 'camera') this.store.search.remove(id);
      if (kind === 'point') this.store.areas.endPlacement(id, vietnamDay(now));
      if (kind === 'area') this.store.areas.endVersions(id, vietnamDay(now));
      this.repo.markDeleted(table, id, now);
      this.store.history.append(kind, id, actor, 'delete', { deleted: [false, true] }, now);
    });
    this.onChange();
  }

  bulkStatus(ids: readonly string[], status: Camera['status'], actor: Actor): number {
    const now = Date.now();
    const changed = this.repo.transaction(() => {
      let n = 0;
      for (const id of ids) {
        const row = this.repo.cameraRow(id);
        if (!row || row.status === status) continue;
        this.repo.setCameraStatus(id, status, now);
        this.store.history.append('camera', id, actor, 'status', { status: [row.status, status] }, now);
        n++;
      }
      return n;
    });
    if (changed) this.onChange();
    return changed;
  }

  bulkMove(ids: readonly string[], pointId: string, actor: Actor): number {
    const changed = this.repo.transaction(() => {
      if (!this.repo.pointExists(pointId)) throw notFound('point', pointId);
      const moved: string[] = [];
      for (const id of ids) {
        const row = this.repo.cameraRow(id);
        if (!row || row.point_id === pointId) continue;
        this.repo.moveCamera(id, pointId);
        this.store.history.append('camera', id, actor, 'move', { pointId: [row.point_id, pointId] });
        moved.push(id);
      }
      this.store.search.cameras(moved);
      return moved.length;
    });
    if (changed) this.onChange();
    return changed;
  }

  /**
   * The seam for a health monitor (probes): it reports reachable or not. It sets working/offline and
   * last seen, but never overrides the technician's statuses (awaiting repair, decommissioned).
   */
  reportHealth(cameraId: string, reachable: boolean, at: number = Date.now()): void {
    const row = this.repo.cameraRow(cameraId);
    if (!row) return;
    const changed = this.repo.transaction(() => {
      if (reachable) this.repo.setLastSeen(cameraId, at);
      const next = reachable ? 'working' : 'offline';
      if ((TECHNICIAN_STATUSES as readonly string[]).includes(row.status) || row.status === next) return false;
      this.repo.setCameraStatus(cameraId, next, at);
      this.store.history.append('camera', cameraId, SYSTEM_ACTOR, 'health', { status: [row.status, next] }, at);
      return true;
    });
    if (changed) this.healthChanged();
  }

  /**
   * A change of status from the health monitor tells everyone at most every two seconds. Each "register
   * changed" re-reads every camera's status and makes every open camera table fetch its rows again:
   * a city's 100,000 cameras going offline one probe at a time (a network outage, a first start)
   * did that 100,000 times and held the core for minutes.
   */
  private healthChanged(): void {
    if (this.healthTimer) return;
    this.healthTimer = setTimeout(() => {
      this.healthTimer = null;
      this.onChange();
    }, HEALTH_NOTICE_MS);
    this.healthTimer.unref();
  }

  private healthTimer: NodeJS.Timeout | null = null;

  /** Stops the pending health notice (the core is closing: nobody is left to tell). */
  dispose(): void {
    if (this.healthTimer) clearTimeout(this.healthTimer);
    this.healthTimer = null;
  }

  private fillDerivedColumns(): void {
    const missing = this.repo.rowsMissingSortKeys();
    if (missing.areas.length + missing.points.length + missing.cameras.length === 0) return;
    this.repo.transaction(() => {
      for (const a of missing.areas) this.repo.setAreaSortKey(a.id, vietnameseSortKey(a.name));
      for (const p of missing.points) {
        const w = toPointWrite({ name: p.name, address: p.address, custodian: p.custodian } as Parameters<typeof toPointWrite>[0]);
        this.repo.setPointDerived(p.id, w.sortKey, w.search);
      }
      for (const id of missing.cameras) this.repo.setCameraSortKey(id, vietnameseSortKey(this.repo.cameraRow(id)?.name ?? ''));
      this.store.search.rebuild();
    });
    log.info('register sort keys and search words filled', {
      areas: missing.areas.length,
      points: missing.points.length,
      cameras: missing.cameras.length,
    });
  }

  /**
   * The RTSP source for a camera's main or sub stream (sub falls back to main). The URL is given as
   * stored: the relay checks it again before ffmpeg sees it, and refuses a bad one for that camera.
   */
  source(cameraId: string, stream: StreamKind): CameraSource {
    const c = this.repo.camera(cameraId);
    if (!c) throw notFound('camera', cameraId);
    const url = (stream === 'sub' ? (c.rtspSub ?? c.rtspMain) : (c.rtspMain ?? c.rtspSub)) ?? null;
    if (!url) throw new AppError('camera_stream_not_found', { camera: c.name });
    const box = this.repo.cameraPasswordBox(cameraId);
    return {
      url,
      transport: c.rtspTransport,
      ...(c.username ? { username: c.username } : {}),
      ...(box ? { password: this.secrets.open(box) } : {}),
    };
  }

  /** The camera's ONVIF device address and credentials (the password opened here only), or null. */
  onvifAccess(cameraId: string): OnvifAccess | null {
    const c = this.repo.camera(cameraId);
    if (!c?.onvifUrl) return null;
    const box = this.repo.cameraPasswordBox(cameraId);
    return { deviceUrl: c.onvifUrl, username: c.username, password: box ? this.secrets.open(box) : null };
  }

  /**
   * Stored URLs with credentials get them moved out: sealed into the camera's password, or dropped
   * when the camera has credentials of its own — the relay always put the camera's own over the
   * URL's (urlWithCredentials), so that is what the camera has really been using. A URL that does
   * not pass the checks is left as it is for a person to fix; the relay refuses it with a reason.
   */
  private moveCredentialsOutOfStoredUrls(): void {
    for (const row of this.store.records.camerasWithUrlCredentials()) {
      const stored: Record<UrlField, string | null> = { rtspMain: row.rtsp_main, rtspSub: row.rtsp_sub, onvifUrl: row.onvif_url };
      const next = { ...stored };
      const hasOwn = row.username !== null || row.password_box !== null;
      let username = row.username;
      let passwordBox = row.password_box;
      let changed = false;
      for (const [field, kind] of URL_FIELDS) {
        const raw = stored[field];
        if (!raw) continue;
        const parsed = parseCameraUrl(raw, kind);
        if (!parsed.ok) {
          log.warn('a stored camera URL does not pass the checks; left for a person to fix', {
            camera: row.id,
            name: row.name,
            field,
            problem: parsed.problem,
          });
          continue;
        }
        const { url, username: user, password } = parsed.value;
        if (user === null && password === null) continue;
        next[field] = url;
        changed = true;
        if (hasOwn) continue;
        if (username === null && user !== null) username = user;
        if (passwordBox === null && password !== null) passwordBox = this.secrets.seal(password);
      }
      if (!changed) continue;
      this.repo.updateCameraAccess(row.id, { ...next, username, passwordBox });
      log.warn('moved credentials out of a stored camera URL', { camera: row.id, name: row.name, kept: hasOwn ? 'the camera’s own' : 'the URL’s' });
    }
  }
}
