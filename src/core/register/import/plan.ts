// From checked rows to what the import will write: new and changed points and cameras, each with
// its history, computed before the transaction so the transaction only writes. A cell left empty
// keeps what the register has; an export re-imported changes nothing.
import type { AreaRecord, CameraRecord, ImportProblem, PointRecord, Purpose } from '../../../shared/contract';
import { cameraCreateInput } from '../../../shared/contract';
import type { SecretBox } from '../../secrets/secret-box';
import { cameraSnapshot, pointSnapshot, toCameraWrite, toPointWrite } from '../camera-write';
import { diff, type Changes } from '../history-repository';
import type { CameraWrite, PointWrite } from '../register-repository';
import { toCameraRecord } from '../register-repository';
import type { RegisterStore } from '../store';
import { foldName, type CheckedRow } from './check';
import type { ColumnKey } from './columns';
import type { ImportLookups } from './import-repository';

export interface ImportPlan {
  newPoints: { id: string; write: PointWrite; snapshot: Record<string, unknown> }[];
  updatedPoints: { id: string; write: PointWrite; changes: Changes }[];
  newCameras: { id: string; write: CameraWrite; snapshot: Record<string, unknown> }[];
  updatedCameras: { id: string; write: CameraWrite; changes: Changes; statusChanged: boolean }[];
  unchanged: number;
}

/** Builds the area resolver: a name, or a path "City > Ward > Group", matched without diacritics. */
export function areaResolver(areas: readonly AreaRecord[]) {
  const inForce = areas.filter((a) => !a.retiredOn);
  const byId = new Map(inForce.map((a) => [a.id, a]));
  const byName = new Map<string, AreaRecord[]>();
  for (const a of inForce) byName.set(foldName(a.name), [...(byName.get(foldName(a.name)) ?? []), a]);
  // Rows name the same few areas again and again: each path is resolved once per file.
  const resolved = new Map<string, { id: string } | 'unknown' | 'ambiguous'>();
  return (path: string): { id: string } | 'unknown' | 'ambiguous' => {
    let r = resolved.get(path);
    if (r === undefined) resolved.set(path, (r = resolve(path)));
    return r;
  };
  function resolve(path: string): { id: string } | 'unknown' | 'ambiguous' {
    const parts = path
      .split(/\s*(?:>|›|\/|\\)\s*/)
      .map(foldName)
      .filter(Boolean);
    const last = parts.pop();
    let found = (last && byName.get(last)) || [];
    // Each earlier part must be an ancestor, in order (a path narrows a name used in two wards).
    found = found.filter((a) => {
      let i = parts.length - 1;
      for (let p = a.parentId ? byId.get(a.parentId) : undefined; p && i >= 0; p = p.parentId ? byId.get(p.parentId) : undefined)
        if (foldName(p.name) === parts[i]) i--;
      return i < 0;
    });
    return found.length === 1 ? { id: found[0]!.id } : found.length === 0 ? 'unknown' : 'ambiguous';
  }
}

const CAMERA_KEYS: ColumnKey[] = [
  'name',
  'make',
  'model',
  'serial',
  'rtspMain',
  'rtspSub',
  'onvifUrl',
  'username',
  'ptz',
  'heading',
  'fieldOfView',
  'ownership',
  'fundingSource',
  'transmission',
  'isp',
  'installDate',
  'warrantyEnd',
  'status',
  'notes',
];

export function buildPlan(
  rows: CheckedRow[],
  store: RegisterStore,
  lookups: ImportLookups,
  secrets: SecretBox,
  cameraVisible: (id: string) => boolean,
): { plan: ImportPlan; problems: ImportProblem[] } {
  const plan: ImportPlan = { newPoints: [], updatedPoints: [], newCameras: [], updatedCameras: [], unchanged: 0 };
  const problems: ImportProblem[] = rows.flatMap((r) => r.problems);
  const points = new Map<string, { id: string; record: PointRecord | null; fresh: boolean }>();
  const seenIds = new Set<string>();
  const seenSerials = new Set<string>();
  const seenNames = new Set<string>();
  const planned = new Map<string, ImportPlan['newPoints'][number] | ImportPlan['updatedPoints'][number]>();
  const problem = (row: CheckedRow, column: string, p: ImportProblem['problem'], value: string) =>
    problems.push({ row: row.line, column, problem: p, value });

  for (const row of rows) {
    if (!row.camera || !row.point) continue;
    const pt = row.point;
    const key = `${pt.areaId}|${foldName(pt.name)}`;
    let point = points.get(key);
    if (!point) {
      const existing = lookups.pointIn(pt.areaId, pt.name);
      point = existing
        ? { id: existing, record: store.records.pointRecord(existing), fresh: false }
        : { id: crypto.randomUUID(), record: null, fresh: true };
      points.set(key, point);
    }
    const cam = row.camera;
    // Duplicates: in the file, then in the register.
    const nameKey = `${point.id}|${foldName(cam.name)}`;
    if (cam.id && seenIds.has(cam.id)) problem(row, 'id', 'duplicate_in_file', cam.id);
    else if (cam.serial && seenSerials.has(cam.serial)) problem(row, 'serial', 'duplicate_in_file', cam.serial);
    else if (seenNames.has(nameKey)) problem(row, 'name', 'duplicate_in_file', cam.name);
    if (cam.id) seenIds.add(cam.id);
    if (cam.serial) seenSerials.add(cam.serial);
    seenNames.add(nameKey);
    const state = cam.id ? lookups.cameraState(cam.id) : null;
    if (cam.id && (state === 'deleted' || (state === 'live' && !cameraVisible(cam.id)))) problem(row, 'id', 'duplicate_in_register', cam.id);
    const serialOwner = cam.serial ? lookups.serialOwner(cam.serial) : null;
    if (serialOwner && serialOwner !== cam.id) problem(row, 'serial', 'duplicate_in_register', cam.serial ?? '');
    const namedOwner = point.fresh ? null : lookups.cameraNamedAt(point.id, cam.name);
    if (namedOwner && namedOwner !== cam.id) problem(row, 'name', 'duplicate_in_register', cam.name);
    if (problems.length > 0 && problems[problems.length - 1]!.row === row.line) continue;

    // The point: the first row that names it gives its fields; empty cells keep the register's.
    if (!planned.has(key)) {
      const base: PointRecord = point.record ?? {
        id: point.id,
        areaId: pt.areaId,
        name: pt.name,
        address: '',
        lat: null,
        lon: null,
        categoryId: null,
        purposes: [],
        custodian: '',
        custodianContact: '',
        notes: '',
        disabled: false,
        cameras: 0,
      };
      const next: PointRecord = {
        ...base,
        ...(pt.address !== undefined ? { address: pt.address } : {}),
        ...(pt.lat !== undefined ? { lat: pt.lat, lon: pt.lon ?? null } : {}),
        ...(pt.categoryId ? { categoryId: pt.categoryId } : {}),
        ...(pt.purposes ? { purposes: pt.purposes as Purpose[] } : {}),
        ...(pt.custodian !== undefined ? { custodian: pt.custodian } : {}),
        ...(pt.custodianContact !== undefined ? { custodianContact: pt.custodianContact } : {}),
      };
      const write = toPointWrite(next);
      if (point.fresh) {
        const entry = { id: point.id, write, snapshot: pointSnapshot(next) };
        plan.newPoints.push(entry);
        planned.set(key, entry);
      } else {
        const changes = diff(pointSnapshot(base), pointSnapshot(next));
        const entry = { id: point.id, write, changes };
        if (Object.keys(changes).length) plan.updatedPoints.push(entry);
        planned.set(key, entry);
      }
    }

    // The check parsed the row already; the point id is the only field it did not know.
    const checked = row.parsedCamera ? { ...row.parsedCamera, pointId: point.id } : cameraCreateInput.parse({ ...cam, pointId: point.id });
    const { id: _id, password, ...rest } = checked;
    if (state === 'live' && cam.id) {
      const row0 = store.records.cameraRow(cam.id)!;
      const before: CameraRecord = toCameraRecord(row0);
      const merged = { ...rest } as Record<string, unknown>;
      for (const k of CAMERA_KEYS) if (row.values[k] === undefined) merged[k] = (before as unknown as Record<string, unknown>)[k];
      merged.pointId = point.id;
      merged.preferredStream = before.preferredStream;
      merged.rtspTransport = before.rtspTransport;
      const write = toCameraWrite(merged as typeof rest, password ? secrets.seal(password) : row0.password_box);
      const after: CameraRecord = { ...before, ...toCameraRecordFields(write) };
      const changes = diff(cameraSnapshot(before), cameraSnapshot(after));
      if (password) changes.password = ['•••', '•••'];
      if (Object.keys(changes).length) plan.updatedCameras.push({ id: cam.id, write, changes, statusChanged: before.status !== write.status });
      else plan.unchanged++;
    } else {
      const id = cam.id ?? crypto.randomUUID();
      const write = toCameraWrite(rest, password ? secrets.seal(password) : null);
      plan.newCameras.push({
        id,
        write,
        snapshot: { ...cameraSnapshot({ ...emptyRecord(id), ...toCameraRecordFields(write) }), hasPassword: !!password },
      });
    }
  }
  return { plan, problems };
}

function toCameraRecordFields(w: CameraWrite): Partial<CameraRecord> {
  const { passwordBox, sortKey: _s, ...rest } = w;
  return { ...rest, hasPassword: passwordBox !== null };
}

function emptyRecord(id: string): CameraRecord {
  return toCameraRecord({
    id,
    point_id: '',
    name: '',
    status: 'unknown',
    ptz: 0,
    onvif_url: null,
    rtsp_main: null,
    rtsp_sub: null,
    username: null,
    password_box: null,
    rtsp_transport: 'tcp',
    preferred_stream: 'auto',
    transmission: 'direct',
    make: '',
    model: '',
    serial: '',
    heading: null,
    field_of_view: null,
    ownership: 'state',
    funding_source: '',
    isp: null,
    install_date: null,
    warranty_end: null,
    last_seen: null,
    notes: '',
    disabled: 0,
    search_rowid: null,
  });
}
