// The contract's entries for the camera network register beyond the wall's tree: lists, editors,
// effective-dated area changes, history, statistics, compliance, duplicates, the connection test
// and imports. Spread into `api` (api.ts). Files (imports, exports, reports) do not go through the
// API socket: they use serve mode's /upload and /download routes (docs/register.md).
import { z } from 'zod';
import { method } from './method';
import * as r from './register';
import { area, cameraStatus, clientId, id } from './schemas';

const ok = z.object({ id });
const areaName = z.string().trim().min(1).max(200);

export const registerApi = {
  'register.cameras': method({
    summary:
      'One page of the camera table: filtered (areas with sub-areas, status, ownership, transmission, category, purpose, words without diacritics), in Vietnamese order.',
    permission: 'register.view',
    audit: 'none',
    input: z.object({
      filter: r.cameraFilter.default(r.cameraFilter.parse({})),
      sort: z.enum(r.CAMERA_SORTS).default('name'),
      descending: z.boolean().default(false),
      offset: z.number().int().min(0).max(10_000_000).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: r.cameraPage,
  }),
  'register.camera': method({
    summary: 'One camera with every register field (never its password).',
    permission: 'register.view',
    audit: 'none',
    targets: { id: 'camera' },
    input: z.object({ id }),
    output: r.cameraRecord,
  }),
  'register.updateCamera': method({
    summary: 'Change a camera (the whole record as the editor shows it); the change goes to its history.',
    permission: 'register.manage',
    audit: 'write',
    targets: { id: 'camera', pointId: 'point' },
    input: r.cameraUpdateInput,
    output: r.cameraRecord,
  }),
  'register.setDisabled': method({
    summary: 'Disable (take off the wall, keep in the register) or enable an area, point or camera.',
    permission: 'register.manage',
    audit: 'write',
    input: z.object({ kind: z.enum(['area', 'point', 'camera']), id, disabled: z.boolean() }),
    output: ok,
  }),
  'register.delete': method({
    summary: 'Delete an area, point or camera (its history is kept). Refused while it still holds points, cameras or sub-areas.',
    permission: 'register.manage',
    audit: 'write',
    input: z.object({ kind: z.enum(['area', 'point', 'camera']), id }),
    output: ok,
  }),
  'register.cameraIds': method({
    summary: 'Every camera a filter lists (their ids, in table order): "select all" before a change to all of them at once.',
    permission: 'register.manage',
    audit: 'none',
    input: z.object({ filter: r.cameraFilter.default(r.cameraFilter.parse({})) }),
    output: z.object({ ids: z.array(id).max(100_000) }),
  }),
  'register.bulkStatus': method({
    summary: 'Set the status of many cameras at once (e.g. awaiting repair after a storm).',
    permission: 'register.manage',
    audit: 'write',
    input: z.object({ ids: z.array(id).min(1).max(100_000), status: cameraStatus }),
    output: z.object({ changed: z.number() }),
  }),
  'register.bulkMove': method({
    summary: 'Move many cameras to another point.',
    permission: 'register.manage',
    audit: 'write',
    targets: { pointId: 'point' },
    input: z.object({ ids: z.array(id).min(1).max(100_000), pointId: id }),
    output: z.object({ changed: z.number() }),
  }),
  'register.points': method({
    summary: 'Points (mounting locations), filtered by area (with sub-areas) and words without diacritics.',
    permission: 'register.view',
    audit: 'none',
    input: z.object({
      areaId: id.nullable().default(null),
      query: z.string().max(200).default(''),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(200),
    }),
    output: z.object({ total: z.number(), rows: z.array(r.pointRecord) }),
  }),
  'register.point': method({
    summary: 'One point with every field.',
    permission: 'register.view',
    audit: 'none',
    targets: { id: 'point' },
    input: z.object({ id }),
    output: r.pointRecord,
  }),
  'register.savePoint': method({
    summary: 'Create (with a client-chosen id, safe to retry) or change a point; changes go to its history.',
    permission: 'register.manage',
    audit: 'write',
    targets: { areaId: 'area' },
    input: r.pointShape.extend({ id: clientId, create: z.boolean() }).superRefine(r.checkCoordinates),
    output: r.pointRecord,
  }),
  'register.areas': method({
    summary: 'Every area the user may see, retired ones included (with when and into what), for the tree editor.',
    permission: 'register.view',
    audit: 'none',
    input: z.object({}),
    output: z.array(r.areaRecord),
  }),
  'register.updateArea': method({
    summary: 'Correct an area’s name or kind (no date: a typing error, not a change in the world).',
    permission: 'register.manage',
    audit: 'write',
    targets: { id: 'area' },
    input: z.object({ id, name: areaName, kind: area.shape.kind }),
    output: r.areaRecord,
  }),
  'register.renameArea': method({
    summary: 'Rename an area from a date on; reports as of an earlier date keep the old name.',
    permission: 'register.manage',
    audit: 'write',
    targets: { id: 'area' },
    input: z.object({ id, name: areaName, from: r.day }),
    output: r.areaRecord,
  }),
  'register.moveArea': method({
    summary: 'Put an area under another parent from a date on (null: top level).',
    permission: 'register.manage',
    audit: 'write',
    targets: { id: 'area', parentId: 'area' },
    input: z.object({ id, parentId: id.nullable(), from: r.day }),
    output: r.areaRecord,
  }),
  'register.mergeAreas': method({
    summary: 'Merge areas into one (an existing area, or a new one) from a date on: their points, sub-areas and users’ scopes follow.',
    permission: 'register.manage',
    audit: 'write',
    targets: { parentId: 'area' },
    input: z.object({
      sourceIds: z.array(id).min(1).max(100),
      into: z.union([z.object({ id }), z.object({ newId: clientId, name: areaName, kind: area.shape.kind })]),
      parentId: id.nullable().optional(),
      from: r.day,
    }),
    output: r.areaRecord,
  }),
  'register.splitArea': method({
    summary: 'Split an area into new ones from a date on: each part takes the points and sub-areas named; the source ends unless told to stay.',
    permission: 'register.manage',
    audit: 'write',
    targets: { id: 'area' },
    input: z.object({
      id,
      from: r.day,
      parts: z
        .array(
          z.object({ newId: clientId, name: areaName, kind: area.shape.kind, pointIds: z.array(id).max(100_000), areaIds: z.array(id).max(10_000) }),
        )
        .min(1)
        .max(50),
      keepSource: z.boolean().default(false),
    }),
    output: z.array(r.areaRecord),
  }),
  'register.categories': method({
    summary: 'Location categories (intersection, market, rental house…), built-in and the centre’s own.',
    permission: 'register.view',
    audit: 'none',
    input: z.object({}),
    output: z.array(r.category),
  }),
  'register.saveCategory': method({
    summary: 'Add or rename a location category of the centre’s own, or disable one.',
    permission: 'register.manage',
    audit: 'write',
    input: z.object({ id: clientId, name: z.string().trim().min(1).max(100), disabled: z.boolean().default(false) }),
    output: r.category,
  }),
  'register.history': method({
    summary: 'Every change of one area, point or camera: who, when, before → after.',
    permission: 'register.view',
    audit: 'none',
    input: z.object({ kind: z.enum(['area', 'point', 'camera']), id }),
    output: z.array(r.historyEntry),
  }),
  'register.stats': method({
    summary: 'The table a ward sends up, per area with roll-up, as of a date (the areas of that date).',
    permission: 'register.view',
    audit: 'read',
    input: z.object({ asOf: r.day.nullable().default(null) }),
    output: r.statsReport,
  }),
  'register.compliance': method({
    summary: 'Residential groups and rental houses in an area, with or without a camera.',
    permission: 'register.view',
    audit: 'none',
    targets: { areaId: 'area' },
    input: z.object({ areaId: id.nullable().default(null), list: z.enum(['residential_groups', 'rental_houses']), covered: z.boolean() }),
    output: z.array(z.object({ id, name: z.string(), areaName: z.string(), cameras: z.number() })),
  }),
  'register.duplicates': method({
    summary: 'Cameras within a distance of each other facing the same way, for review.',
    permission: 'register.view',
    audit: 'none',
    input: z.object({
      metres: z.number().min(0).max(1000).default(15),
      degrees: z.number().min(0).max(180).default(30),
      limit: z.number().int().min(1).max(5000).default(500),
    }),
    output: z.object({ pairs: z.array(r.duplicatePair), more: z.boolean() }),
  }),
  'register.testConnection': method({
    summary: 'Before saving a camera: reach its stream and read codec and resolution, or say why not.',
    permission: 'register.manage',
    audit: 'read',
    input: z.object({
      rtspMain: z.string().max(10_000),
      username: z.string().max(200).nullable().default(null),
      password: z.string().max(200).nullable().default(null),
      /** An existing camera's stored password is used when none is typed. */
      cameraId: id.nullable().default(null),
      rtspTransport: z.enum(['tcp', 'udp']).default('tcp'),
    }),
    output: z.object({
      ok: z.boolean(),
      codec: z.string().nullable(),
      width: z.number().nullable(),
      height: z.number().nullable(),
      fps: z.number().nullable(),
      error: z.string().nullable(),
    }),
  }),
  'register.importPreview': method({
    summary: 'Read an uploaded CSV or XLSX (POST /upload/register-import) and list every bad row and why; nothing is written.',
    permission: 'register.manage',
    audit: 'read',
    input: z.object({ uploadId: id }),
    output: r.importPreview,
  }),
  'register.importCommit': method({
    summary: 'Import a previewed file with no bad rows: all or nothing, in one transaction, with progress events.',
    permission: 'register.manage',
    audit: 'write',
    input: z.object({ uploadId: id }),
    output: z.object({ createdCameras: z.number(), updatedCameras: z.number(), createdPoints: z.number(), unchanged: z.number() }),
  }),
  'register.importBoundaries': method({
    summary: 'Area boundaries from an uploaded GeoJSON FeatureCollection (each feature names its area by properties.id or properties.name).',
    permission: 'register.manage',
    audit: 'write',
    input: z.object({ uploadId: id }),
    output: z.object({ matched: z.number(), unmatched: z.array(z.string()) }),
  }),
} as const;
