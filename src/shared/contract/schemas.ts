// Data shapes shared by the contract's methods and events.
import { z } from 'zod';
import { ERROR_CODES } from '../errors';
import { canonicalTimeZone } from '../time-zone';
import { parseCameraUrl, type CameraUrlKind } from './camera-url';
import { addProblem, type ValidationProblem } from './problems';

export const id = z.string().min(1).max(64);

/**
 * An id the client chose for a record it creates, so that a retry after a lost answer finds the
 * record instead of making a second one (idempotent create).
 */
export const clientId = z.uuid();

export const errorInfo = z.object({
  code: z.enum(ERROR_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});

export const language = z.enum(['vi', 'en']);
export const languageSetting = z.enum(['system', 'vi', 'en']);

/** A zone `Intl` knows, spelled as it spells it (`asia/bangkok` → `Asia/Bangkok`). */
export const timeZone = z
  .string()
  .max(64)
  .transform((zone, ctx) => {
    const canonical = canonicalTimeZone(zone);
    if (canonical === null) {
      addProblem(ctx, 'time_zone', [], zone);
      return z.NEVER;
    }
    return canonical;
  });

/** Seconds a tour shows each view or camera unless the tour says otherwise. */
const tourDwellSeconds = z.number().int().min(3).max(3600);
/** The monitoring centre's name, heading its reports (ward statistics, evidence, handover minutes). */
const centreName = z.string().trim().min(1).max(120);
const idleLockMinutes = z.number().int().min(0).max(720);
const ptzIdleSeconds = z.number().int().min(5).max(600);
const clockSkewSeconds = z.number().int().min(1).max(3600);
/** How often the health monitor probes every camera (the probes are spread evenly over it). */
const healthProbeSeconds = z.number().int().min(10).max(3600);
/** Hours a camera stays offline before a repair ticket opens by itself; 0 = never. */
const repairAutoHours = z.number().int().min(0).max(720);

export const settings = z.object({
  language: languageSetting,
  timeZone: z.string().min(1).max(64),
  tourDwellSeconds,
  /** Minutes without keyboard or mouse input before a console locks itself; 0 = never. */
  idleLockMinutes,
  /** Seconds without a PTZ command after which a camera's hold lapses and others may steer it. */
  ptzIdleSeconds,
  /** A camera clock off by more than this is flagged: evidence timestamps depend on it. */
  clockSkewSeconds,
  centreName: z.string(),
  healthProbeSeconds,
  repairAutoHours,
});
export type Settings = z.infer<typeof settings>;

/** What a setting may be set to: each one checked against what it means, not only its type. */
export const settingsInput = z.object({ language: languageSetting, timeZone, tourDwellSeconds, idleLockMinutes, ptzIdleSeconds, clockSkewSeconds, centreName, healthProbeSeconds, repairAutoHours });
export const settingsPatch = settingsInput.partial();

/** A signed-in person as every screen sees them; `role` is a role id (see contract/auth.ts). */
export const user = z.object({
  id,
  username: z.string(),
  displayName: z.string(),
  role: id,
});
export type User = z.infer<typeof user>;

// working / offline come from probes (a health monitor, later); awaiting repair and decommissioned are
// the technician's (register/register-service.ts keeps that seam).
export const cameraStatus = z.enum(['unknown', 'working', 'offline', 'awaiting_repair', 'decommissioned']);
export const transmission = z.enum(['direct', 'fibre', 'residents_wifi', 'mobile', 'other']);
export const funding = z.enum(['state', 'police', 'socialised']);
export const streamKind = z.enum(['main', 'sub']);
export type StreamKind = z.infer<typeof streamKind>;

export const area = z.object({
  id,
  parentId: id.nullable(),
  name: z.string(),
  kind: z.enum(['province', 'city', 'district', 'ward', 'commune', 'township', 'residential_group', 'other']),
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

// Loose here; parseCameraUrl names the real problem (url_too_long, url_scheme …) below.
const cameraUrlText = z.string().max(10_000).nullable().default(null);

export const cameraInputFields = z.object({
  id: clientId.optional(),
  pointId: id,
  name: z.string().trim().min(1).max(200),
  status: cameraStatus.default('unknown'),
  ptz: z.boolean().default(false),
  onvifUrl: cameraUrlText,
  rtspMain: cameraUrlText,
  rtspSub: cameraUrlText,
  username: z.string().max(200).nullable().default(null),
  password: z.string().max(200).nullable().default(null),
  rtspTransport: z.enum(['tcp', 'udp']).default('tcp'),
  preferredStream: z.enum(['auto', 'main', 'sub']).default('auto'),
  transmission: transmission.default('direct'),
  funding: funding.default('state'),
});

const URL_FIELDS = [
  ['rtspMain', 'stream'],
  ['rtspSub', 'stream'],
  ['onvifUrl', 'device'],
] as const satisfies ReadonlyArray<readonly [string, CameraUrlKind]>;

/**
 * Every camera URL checked (scheme allow-list, host, port, no control characters), and credentials
 * typed into a URL moved into the camera's user name and password: a URL is never stored with them.
 * A URL whose credentials differ from the form's (or another URL's) is refused, not guessed at.
 */
export const cameraInput = cameraInputFields.transform((input, ctx) => checkCameraUrls(input, ctx));

/** The URL checks of cameraInput, for any object holding the camera's URL and credential fields. */
export function checkCameraUrls<T extends { onvifUrl?: string | null; rtspMain?: string | null; rtspSub?: string | null; username?: string | null; password?: string | null }>(
  input: T,
  ctx: z.RefinementCtx,
): T {
  const out = { ...input };
  if (input.username !== undefined) out.username = input.username || null;
  if (input.password !== undefined) out.password = input.password || null;
  let ok = true;
  const refuse = (problem: ValidationProblem, field: string, params: Record<string, string> = {}) => {
    addProblem(ctx, problem, [field], field, params);
    ok = false;
  };
  for (const [field, kind] of URL_FIELDS) {
    const raw = input[field];
    if (raw === undefined) continue;
    if (raw === null || raw.trim() === '') {
      out[field] = null;
      continue;
    }
    const r = parseCameraUrl(raw, kind);
    if (!r.ok) {
      refuse(r.problem, field, r.scheme ? { scheme: r.scheme } : {});
      continue;
    }
    out[field] = r.value.url;
    for (const part of ['username', 'password'] as const) {
      const found = r.value[part];
      if (found === null) continue;
      if (out[part] == null) out[part] = found;
      else if (out[part] !== found) refuse('url_credentials_conflict', field, { part });
    }
  }
  return ok ? out : (z.NEVER as T);
}
export type CameraInput = z.input<typeof cameraInput>;

export const registerTree = z.object({
  areas: z.array(area),
  points: z.array(point),
  cameras: z.array(camera),
});
export type RegisterTree = z.infer<typeof registerTree>;
