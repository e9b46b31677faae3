// PTZ shapes: moves in ONVIF's generic spaces (pan/tilt -1..1, zoom 0..1, velocities -1..1), who
// holds a camera (the priority lock), presets, patrols and the field of view click-to-centre uses.
import { z } from 'zod';
import { id } from './schemas';

const unit = z.number().min(-1).max(1);
/** A fraction of the picture, 0 = left/top edge, 1 = right/bottom edge. */
const fraction = z.number().min(0).max(1);

export const ptzVelocity = z.object({ pan: unit.default(0), tilt: unit.default(0), zoom: unit.default(0) });
export type PtzVelocity = z.infer<typeof ptzVelocity>;

/**
 * Who steers a camera. Held by the last one who sent a command, until `expiresAt` (idle timeout),
 * a release, or a takeover by a higher PTZ rank. `patrol` names the patrol that holds it for them.
 */
export const ptzLock = z.object({
  userId: id,
  username: z.string(),
  displayName: z.string(),
  role: id,
  roleName: z.string(),
  /** Built-in roles are shown by their translated name (roles.<id>), custom ones by roleName. */
  roleBuiltin: z.boolean(),
  rank: z.number().int(),
  since: z.number(),
  expiresAt: z.number().nullable(),
  patrol: z.string().nullable(),
});
export type PtzLock = z.infer<typeof ptzLock>;

export const ptzPosition = z.object({ pan: z.number(), tilt: z.number(), zoom: z.number(), moving: z.boolean() });
export type PtzPosition = z.infer<typeof ptzPosition>;

export const ptzCapabilities = z.object({
  continuous: z.boolean(),
  relative: z.boolean(),
  absolute: z.boolean(),
  home: z.boolean(),
  presets: z.boolean(),
  maxPresets: z.number().int().nullable(),
});
export type PtzCapabilities = z.infer<typeof ptzCapabilities>;

/**
 * The picture's field of view, for click-to-centre and box zoom. Degrees as a camera's data sheet
 * gives them: horizontal field of view at the widest zoom and the optical zoom ratio; and how many
 * degrees ONVIF's generic pan and tilt ranges (-1..1) cover on this camera.
 */
export const ptzFov = z.object({
  hfovWideDeg: z.number().min(1).max(180),
  zoomRatio: z.number().min(1).max(100),
  panRangeDeg: z.number().min(1).max(720),
  tiltRangeDeg: z.number().min(1).max(360),
});
export type PtzFov = z.infer<typeof ptzFov>;

export const ptzPreset = z.object({
  token: z.string(),
  /** Our name for it (Vietnamese, any length) where the console named it; else the camera's. */
  name: z.string(),
  position: z.object({ pan: z.number(), tilt: z.number(), zoom: z.number() }).nullable(),
});
export type PtzPreset = z.infer<typeof ptzPreset>;

export const patrolStep = z.object({
  presetToken: z.string().min(1).max(64),
  dwellSeconds: z.number().int().min(2).max(3600),
});

export const patrol = z.object({
  id,
  cameraId: id,
  name: z.string(),
  steps: z.array(patrolStep),
});
export type Patrol = z.infer<typeof patrol>;

export const patrolInput = z.object({
  id: id.optional(),
  cameraId: id,
  name: z.string().trim().min(1).max(100),
  steps: z.array(patrolStep).min(1).max(64),
});

export const patrolRun = z.object({
  patrolId: id,
  name: z.string(),
  step: z.number().int(),
  steps: z.number().int(),
  startedBy: z.string(),
  startedAt: z.number(),
});
export type PatrolRun = z.infer<typeof patrolRun>;

export const ptzState = z.object({
  cameraId: id,
  capabilities: ptzCapabilities,
  lock: ptzLock.nullable(),
  patrol: patrolRun.nullable(),
  position: ptzPosition.nullable(),
  fov: ptzFov,
});
export type PtzState = z.infer<typeof ptzState>;

/** Where on the picture the operator clicked (centre) or the box they drew (zoom). */
export const pictureBox = z.object({
  x: fraction,
  y: fraction,
  w: fraction.default(0),
  h: fraction.default(0),
  /** Width / height of the picture as shown (the vertical field of view follows from it). */
  aspect: z.number().min(0.2).max(5).default(16 / 9),
});

/** Something the core noticed about a camera's PTZ that a person should know (the watchdog's). */
export const ptzAlert = z.enum(['stop_ignored', 'stop_failed', 'patrol_failed']);
