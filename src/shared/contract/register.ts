// Shapes of the camera network register: areas (an effective-dated tree), points (mounting
// locations), cameras (camera eyes) with what the wards report upward, and the register's lists,
// statistics, history and import. The register's methods are in register-api.ts.
import { z } from 'zod';
import { BEGINNING, isDay } from '../register/dates';
import { coordinateProblem } from '../register/geo';
import { addProblem } from './problems';
import { area, camera, cameraInputFields, cameraStatus, checkCameraUrls, id } from './schemas';

/** A calendar day, YYYY-MM-DD (an effective date or an "as of" date). */
export const day = z.string().refine(isDay, { message: 'date' });

export const AREA_KINDS = area.shape.kind.options;
export const CAMERA_STATUSES = cameraStatus.options;
/** Statuses that are the technician's to set; a health monitor sets only working / offline. */
export const TECHNICIAN_STATUSES = ['awaiting_repair', 'decommissioned'] as const;

export const OWNERSHIPS = ['state', 'police', 'business', 'household', 'rental_owner', 'socialised'] as const;
export const ownership = z.enum(OWNERSHIPS);
export type Ownership = z.infer<typeof ownership>;
/** The three funding groups the wards report (socialised = business, household, rental owner). */
export function fundingOf(o: Ownership): 'state' | 'police' | 'socialised' {
  return o === 'state' || o === 'police' ? o : 'socialised';
}

export const TRANSMISSIONS = ['direct', 'fibre', 'residents_wifi', 'mobile', 'other'] as const;
export const ISPS = ['viettel', 'vnpt', 'fpt', 'other'] as const;
export const isp = z.enum(ISPS);

/** Purposes, in the order of their bit in points.purposes. */
export const PURPOSES = ['public_order', 'traffic', 'fire', 'environment', 'urban_order', 'admin_violations'] as const;
export const purpose = z.enum(PURPOSES);
export type Purpose = z.infer<typeof purpose>;

/** The location categories a fresh register has; the centre may add its own (ids are then UUIDs). */
export const BUILTIN_CATEGORIES = [
  'intersection',
  'traffic_route',
  'station',
  'bus_station',
  'airport',
  'market',
  'supermarket',
  'hotel',
  'industrial_park',
  'bank',
  'school',
  'historic_site',
  'residential_group',
  'rental_house',
  'other',
] as const;

export const category = z.object({ id, name: z.string(), builtin: z.boolean(), disabled: z.boolean() });
export type Category = z.infer<typeof category>;

const name = z.string().trim().min(1).max(200);
const text = (max: number) => z.string().trim().max(max);
// Ranges are checkCoordinates' to judge, so that a swapped pair is named as such, not as "too big".
const lat = z.number().finite().nullable();
const lon = z.number().finite().nullable();

export const areaRecord = area.extend({
  /** The day this area's current name and place in the tree took effect. */
  since: z.string(),
  /** Set when a merge or split ended it; its points went to `successorIds`. */
  retiredOn: z.string().nullable(),
  successorIds: z.array(id),
  disabled: z.boolean(),
  hasBoundary: z.boolean(),
});
export type AreaRecord = z.infer<typeof areaRecord>;

export const pointRecord = z.object({
  id,
  areaId: id,
  name: z.string(),
  address: z.string(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  categoryId: id.nullable(),
  purposes: z.array(purpose),
  custodian: z.string(),
  custodianContact: z.string(),
  notes: z.string(),
  disabled: z.boolean(),
  cameras: z.number(),
});
export type PointRecord = z.infer<typeof pointRecord>;

/** A point's fields; coordinates must lie in Vietnam (swapped ones are named as such). */
export const pointShape = z.object({
  areaId: id,
  name,
  address: text(500).default(''),
  lat: lat.default(null),
  lon: lon.default(null),
  categoryId: id.nullable().default(null),
  purposes: z.array(purpose).max(PURPOSES.length).default([]),
  custodian: text(200).default(''),
  custodianContact: text(200).default(''),
  notes: text(2000).default(''),
});

/** Refuses coordinates outside Vietnam, naming swapped ones (zod 4 cannot extend a refined object, so this is applied last). */
export function checkCoordinates(p: { lat: number | null; lon: number | null }, ctx: z.RefinementCtx): void {
  const problem = coordinateProblem(p.lat, p.lon);
  if (problem) addProblem(ctx, problem, [p.lat === null || (problem === 'coordinate_range' && Math.abs(p.lat) <= 90) ? 'lon' : 'lat'], p.lat);
}
export const pointFields = pointShape.superRefine(checkCoordinates);

export const cameraRecord = camera.extend({
  make: z.string(),
  model: z.string(),
  serial: z.string(),
  heading: z.number().nullable(),
  fieldOfView: z.number().nullable(),
  ownership,
  fundingSource: z.string(),
  isp: isp.nullable(),
  installDate: z.string().nullable(),
  warrantyEnd: z.string().nullable(),
  lastSeen: z.number().nullable(),
  notes: z.string(),
  disabled: z.boolean(),
  /** The frame rate the main stream is set to send (fps); well below it while watched = degraded (low_fps). */
  frameRate: z.number().nullable(),
});
export type CameraRecord = z.infer<typeof cameraRecord>;

/** The register's fields of a camera beyond how to reach it (those are in schemas.cameraInput). */
export const cameraRegisterFields = z.object({
  make: text(100).default(''),
  model: text(100).default(''),
  serial: text(100).default(''),
  heading: z.number().min(0).max(360).nullable().default(null),
  fieldOfView: z.number().min(1).max(360).nullable().default(null),
  ownership: ownership.nullable().default(null),
  fundingSource: text(200).default(''),
  isp: isp.nullable().default(null),
  installDate: day.nullable().default(null),
  warrantyEnd: day.nullable().default(null),
  notes: text(2000).default(''),
  /** Frames per second the main stream is set to; absent = left as it is (imports do not carry it). */
  frameRate: z.number().gt(0).max(240).nullable().optional(),
});

/** One row of the camera table: the camera with where it is, already joined. */
export const cameraRow = z.object({
  id,
  name: z.string(),
  pointId: id,
  pointName: z.string(),
  areaId: id,
  areaName: z.string(),
  status: cameraStatus,
  ownership,
  transmission: camera.shape.transmission,
  isp: isp.nullable(),
  make: z.string(),
  model: z.string(),
  serial: z.string(),
  ptz: z.boolean(),
  categoryId: id.nullable(),
  purposes: z.array(purpose),
  installDate: z.string().nullable(),
  warrantyEnd: z.string().nullable(),
  lastSeen: z.number().nullable(),
  disabled: z.boolean(),
});
export type CameraRow = z.infer<typeof cameraRow>;

export const cameraFilter = z.object({
  /** Areas, each with everything under it. */
  areaIds: z.array(id).max(500).default([]),
  statuses: z.array(cameraStatus).default([]),
  ownerships: z.array(ownership).default([]),
  transmissions: z.array(camera.shape.transmission).default([]),
  categoryIds: z.array(id).max(200).default([]),
  purposes: z.array(purpose).default([]),
  /** Words without diacritics are enough: "nguyen hue" finds "Nguyễn Huệ". */
  query: z.string().max(200).default(''),
  includeDisabled: z.boolean().default(true),
});
export type CameraFilter = z.input<typeof cameraFilter>;

export const CAMERA_SORTS = ['name', 'point', 'area', 'status', 'installDate'] as const;

export const cameraPage = z.object({ total: z.number(), offset: z.number(), rows: z.array(cameraRow) });

export const historyEntry = z.object({
  at: z.number(),
  actor: z.string().nullable(),
  action: z.string(),
  /** field → [before, after]; values as shown in the record. */
  changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
});
export type HistoryEntry = z.infer<typeof historyEntry>;

export const STAT_KEYS = ['points', 'cameras', ...CAMERA_STATUSES] as const;

export const counts = z.object({
  points: z.number(),
  cameras: z.number(),
  status: z.record(cameraStatus, z.number()),
  ownership: z.record(ownership, z.number()),
  transmission: z.record(camera.shape.transmission, z.number()),
  purpose: z.record(purpose, z.number()),
  residentialGroups: z.number(),
  residentialGroupsCovered: z.number(),
  rentalHouses: z.number(),
  rentalHousesCovered: z.number(),
});
export type Counts = z.infer<typeof counts>;

export const statsRow = z.object({
  areaId: id,
  parentId: id.nullable(),
  name: z.string(),
  kind: area.shape.kind,
  depth: z.number(),
  /** This area and everything under it. */
  total: counts,
});
export type StatsRow = z.infer<typeof statsRow>;

export const statsReport = z.object({ asOf: z.string(), rows: z.array(statsRow), total: counts });
export type StatsReport = z.infer<typeof statsReport>;

export const IMPORT_PROBLEMS = [
  'missing_field',
  'bad_number',
  'bad_date',
  'bad_value',
  'coordinate_range',
  'coordinate_half',
  'lat_lon_swapped',
  'outside_vietnam',
  'unknown_area',
  'ambiguous_area',
  'duplicate_in_file',
  'duplicate_in_register',
  'formula',
  'bad_url',
  'too_long',
] as const;
export const importProblem = z.object({
  /** The row as the spreadsheet numbers it (header = row 1). */
  row: z.number(),
  column: z.string(),
  problem: z.enum(IMPORT_PROBLEMS),
  value: z.string(),
});
export type ImportProblem = z.infer<typeof importProblem>;

export const importPreview = z.object({
  uploadId: id,
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string(),
  rows: z.number(),
  newCameras: z.number(),
  changedCameras: z.number(),
  unchangedCameras: z.number(),
  newPoints: z.number(),
  problems: z.array(importProblem),
  /** More problems than listed (the list stops at 5,000). */
  moreProblems: z.number(),
});
export type ImportPreview = z.infer<typeof importPreview>;

export const duplicatePair = z.object({
  a: cameraRow,
  b: cameraRow,
  metres: z.number(),
  headingDifference: z.number().nullable(),
});

export { BEGINNING };

/** A camera as created by hand or by import: how to reach it and what the register keeps. */
export const cameraCreateInput = cameraInputFields.extend(cameraRegisterFields.shape).transform((i, ctx) => checkCameraUrls(i, ctx));
export type CameraCreateInput = z.input<typeof cameraCreateInput>;

/**
 * An edit sends the whole camera (what the editor shows), so history records every field that
 * changed. The password is never sent back to the UI: `password` null with `keepPassword` keeps it.
 */
export const cameraUpdateInput = cameraInputFields
  .omit({ id: true })
  .extend(cameraRegisterFields.shape)
  .extend({ id, keepPassword: z.boolean().default(true) })
  .transform((i, ctx) => checkCameraUrls(i, ctx));
export type CameraUpdateInput = z.input<typeof cameraUpdateInput>;
