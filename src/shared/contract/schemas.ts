// Data shapes shared by the contract's methods and events.
import { z } from 'zod';
import { ERROR_CODES } from '../errors';

export const id = z.string().min(1).max(64);

export const errorInfo = z.object({
  code: z.enum(ERROR_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});

export const language = z.enum(['vi', 'en']);
export const languageSetting = z.enum(['system', 'vi', 'en']);

export const settings = z.object({
  language: languageSetting,
  timeZone: z.string().min(1).max(64),
  /** Seconds a tour shows each view or camera unless the tour says otherwise. */
  tourDwellSeconds: z.number().int().min(3).max(3600),
  /** Minutes without keyboard or mouse input before a console locks itself; 0 = never. */
  idleLockMinutes: z.number().int().min(0).max(720),
});
export type Settings = z.infer<typeof settings>;

/** A signed-in person as every screen sees them; `role` is a role id (see contract/auth.ts). */
export const user = z.object({
  id,
  username: z.string(),
  displayName: z.string(),
  role: id,
});
export type User = z.infer<typeof user>;

/** The register's word on a camera (set by people); live knowledge is health.ts's. */
export const cameraStatus = z.enum(['unknown', 'working', 'awaiting_repair', 'offline', 'decommissioned']);
export const transmission = z.enum(['direct', 'fibre', 'residents_wifi', 'mobile', 'other']);
export const funding = z.enum(['state', 'police', 'socialised']);
export const streamKind = z.enum(['main', 'sub']);
export type StreamKind = z.infer<typeof streamKind>;

export const area = z.object({
  id,
  parentId: id.nullable(),
  name: z.string(),
  kind: z.enum(['city', 'district', 'ward', 'commune', 'township', 'residential_group', 'other']),
});
export type Area = z.infer<typeof area>;

export const point = z.object({
  id,
  areaId: id,
  name: z.string(),
  address: z.string(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
});
export type Point = z.infer<typeof point>;

export const camera = z.object({
  id,
  pointId: id,
  name: z.string(),
  status: cameraStatus,
  ptz: z.boolean(),
  onvifUrl: z.string().nullable(),
  rtspMain: z.string().nullable(),
  rtspSub: z.string().nullable(),
  username: z.string().nullable(),
  /** Never the password itself: only whether one is stored. */
  hasPassword: z.boolean(),
  rtspTransport: z.enum(['tcp', 'udp']),
  /** Which stream tiles take unless the tile says otherwise; 'auto' goes by tile size. */
  preferredStream: z.enum(['auto', 'main', 'sub']),
  transmission,
  funding,
});
export type Camera = z.infer<typeof camera>;

export const cameraInput = z.object({
  pointId: id,
  name: z.string().trim().min(1).max(200),
  status: cameraStatus.default('unknown'),
  ptz: z.boolean().default(false),
  onvifUrl: z.string().max(2000).nullable().default(null),
  rtspMain: z.string().max(2000).nullable().default(null),
  rtspSub: z.string().max(2000).nullable().default(null),
  username: z.string().max(200).nullable().default(null),
  password: z.string().max(200).nullable().default(null),
  rtspTransport: z.enum(['tcp', 'udp']).default('tcp'),
  preferredStream: z.enum(['auto', 'main', 'sub']).default('auto'),
  transmission: transmission.default('direct'),
  funding: funding.default('state'),
});
export type CameraInput = z.input<typeof cameraInput>;

export const registerTree = z.object({
  areas: z.array(area),
  points: z.array(point),
  cameras: z.array(camera),
});
export type RegisterTree = z.infer<typeof registerTree>;
