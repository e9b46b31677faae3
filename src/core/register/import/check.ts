// Turns each spreadsheet row into the camera (and point) it describes, or says what is wrong with
// it: every bad row and why, named by row and column, before anything is written.
import type { z } from 'zod';
import type { ImportProblem } from '../../../shared/contract';
import { cameraCreateInput, parseCameraUrl, type CameraCreateInput } from '../../../shared/contract';
import { isDay } from '../../../shared/register/dates';
import { coordinateProblem } from '../../../shared/register/geo';
import { foldText } from '../../../shared/text';
import { columnOf, valueOf, type ColumnKey } from './columns';
import type { Cell } from './read';

export type Problem = ImportProblem['problem'];
export const foldName = (s: string) => foldText(s.normalize('NFC')).replace(/\s+/g, ' ').trim();

/** What a row says, by column; cells left empty are absent. */
export type RowValues = Partial<Record<ColumnKey, string>>;

export interface CheckedRow {
  line: number;
  values: RowValues;
  problems: ImportProblem[];
  /** Set when the row's own fields are good. */
  camera?: CameraCreateInput & { id?: string };
  /** `camera` as the contract parsed it (pointId still a placeholder). */
  parsedCamera?: z.output<typeof cameraCreateInput>;
  point?: {
    areaId: string;
    name: string;
    address?: string;
    lat?: number | null;
    lon?: number | null;
    categoryId?: string;
    purposes?: string[];
    custodian?: string;
    custodianContact?: string;
  };
}

export function headerMap(header: readonly string[]): { map: (ColumnKey | null)[]; missing: ColumnKey[] } {
  const map = header.map(columnOf);
  const missing = (['area', 'point', 'name'] as const).filter((k) => !map.includes(k));
  return { map, missing };
}

function text(cell: Cell): { value: string | null; formula: boolean } {
  if (cell === null) return { value: null, formula: false };
  if (typeof cell === 'object' && !(cell instanceof Date)) return { value: `=${cell.formula}`, formula: true };
  if (cell instanceof Date) return { value: cell.toISOString().slice(0, 10), formula: false };
  const v = String(cell).trim();
  return { value: v === '' ? null : v, formula: false };
}

/** 10.77, "10,77" (a decimal comma), " 10.77 " — or NaN. */
function number(v: string): number {
  const t = v.replace(/\s/g, '');
  const n = Number(/^-?\d+,\d+$/.test(t) ? t.replace(',', '.') : t);
  return t === '' ? NaN : n;
}

/** YYYY-MM-DD or DD/MM/YYYY (how Vietnamese sheets write dates) → YYYY-MM-DD, or null. */
function date(v: string): string | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : vn ? [vn[3], vn[2], vn[1]] : [];
  if (!y) return null;
  const out = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  return isDay(out) ? out : null;
}

export interface AreaResolver {
  (path: string): { id: string } | 'unknown' | 'ambiguous';
}

export interface RowContext {
  area: AreaResolver;
  category(text: string): string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function checkRow(line: number, cells: readonly Cell[], map: readonly (ColumnKey | null)[], ctx: RowContext): CheckedRow {
  const values: RowValues = {};
  const problems: ImportProblem[] = [];
  const problem = (column: string, p: Problem, value = '') => problems.push({ row: line, column, problem: p, value: value.slice(0, 200) });
  map.forEach((key, i) => {
    if (!key) return;
    const t = text(cells[i] ?? null);
    if (t.formula) problem(key, 'formula', t.value ?? '');
    else if (t.value !== null) {
      if (t.value.length > 2000) problem(key, 'too_long', t.value);
      else values[key] = t.value;
    }
  });
  for (const k of ['area', 'point', 'name'] as const) if (!values[k] && !problems.some((p) => p.column === k)) problem(k, 'missing_field');

  const enumOf = (key: ColumnKey, group: string) => {
    const v = values[key];
    if (v === undefined) return undefined;
    const k = valueOf(group, v);
    if (k === null) problem(key, 'bad_value', v);
    return k ?? undefined;
  };
  const num = (key: ColumnKey) => {
    const v = values[key];
    if (v === undefined) return null;
    const n = number(v);
    if (!Number.isFinite(n)) {
      problem(key, 'bad_number', v);
      return undefined;
    }
    return n;
  };
  const day = (key: ColumnKey) => {
    const v = values[key];
    if (v === undefined) return null;
    const d = date(v);
    if (!d) problem(key, 'bad_date', v);
    return d ?? undefined;
  };

  // Addresses checked by meaning here too, whatever else is wrong with the row.
  for (const [key, kind] of [
    ['rtspMain', 'stream'],
    ['rtspSub', 'stream'],
    ['onvifUrl', 'device'],
  ] as const) {
    const v = values[key];
    if (v !== undefined && !parseCameraUrl(v, kind).ok) problem(key, 'bad_url', v);
  }
  let areaId: string | null = null;
  if (values.area) {
    const a = ctx.area(values.area);
    if (a === 'unknown') problem('area', 'unknown_area', values.area);
    else if (a === 'ambiguous') problem('area', 'ambiguous_area', values.area);
    else areaId = a.id;
  }
  const lat = num('lat');
  const lon = num('lon');
  if (lat !== undefined && lon !== undefined) {
    const c = coordinateProblem(lat, lon);
    if (c) problem(c === 'coordinate_half' ? (lat === null ? 'lat' : 'lon') : 'lat', c, `${values.lat ?? ''}, ${values.lon ?? ''}`);
  }
  let categoryId: string | undefined;
  if (values.category) {
    categoryId = valueOf('category', values.category) ?? ctx.category(values.category) ?? undefined;
    if (!categoryId) problem('category', 'bad_value', values.category);
  }
  const purposes = values.purposes
    ?.split(/[;,\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => valueOf('purposes', s) ?? (problem('purposes', 'bad_value', s), null))
    .filter((s): s is string => s !== null);
  const ptz = enumOf('ptz', 'ptz');
  const status = enumOf('status', 'status');
  const ownership = enumOf('ownership', 'ownership');
  const transmission = enumOf('transmission', 'transmission');
  const isp = enumOf('isp', 'isp');
  const heading = num('heading');
  const fov = num('fieldOfView');
  const installDate = day('installDate');
  const warrantyEnd = day('warrantyEnd');
  if (values.id && !UUID.test(values.id)) problem('id', 'bad_value', values.id);

  const row: CheckedRow = { line, values, problems };
  if (problems.length > 0 || !areaId) return row;

  row.point = {
    areaId,
    name: values.point!,
    ...(values.address !== undefined ? { address: values.address } : {}),
    ...(lat !== null && lon !== null ? { lat: lat!, lon: lon! } : {}),
    ...(categoryId ? { categoryId } : {}),
    ...(purposes ? { purposes } : {}),
    ...(values.custodian !== undefined ? { custodian: values.custodian } : {}),
    ...(values.custodianContact !== undefined ? { custodianContact: values.custodianContact } : {}),
  };
  const camera = {
    ...(values.id ? { id: values.id.toLowerCase() } : {}),
    pointId: 'pending',
    name: values.name!,
    ...(status ? { status } : {}),
    ...(ptz ? { ptz: ptz === 'yes' } : {}),
    onvifUrl: values.onvifUrl ?? null,
    rtspMain: values.rtspMain ?? null,
    rtspSub: values.rtspSub ?? null,
    username: values.username ?? null,
    password: values.password ?? null,
    ...(transmission ? { transmission } : {}),
    make: values.make ?? '',
    model: values.model ?? '',
    serial: values.serial ?? '',
    heading: heading ?? null,
    fieldOfView: fov ?? null,
    ...(ownership ? { ownership } : {}),
    fundingSource: values.fundingSource ?? '',
    ...(isp ? { isp } : {}),
    installDate: installDate ?? null,
    warrantyEnd: warrantyEnd ?? null,
    notes: values.notes ?? '',
  } as CameraCreateInput & { id?: string };
  // The contract's own checks (URLs by meaning, ranges), so an import accepts exactly what the editor does.
  const parsed = cameraCreateInput.safeParse(camera);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = String(issue.path[0] ?? 'name');
      const p: Problem = column.startsWith('rtsp') || column === 'onvifUrl' ? 'bad_url' : issue.code === 'too_big' ? 'too_long' : 'bad_value';
      problem(column, p, String((values as Record<string, string>)[column] ?? ''));
    }
    return row;
  }
  row.camera = camera;
  row.parsedCamera = parsed.data;
  return row;
}
