// Shapes of the alarm queue: what raised an alarm, how it was handled, and per-camera rules.
import { z } from 'zod';
import { id } from './schemas';

export const ALARM_KINDS = [
  'motion',
  'tampering',
  'video_loss',
  'camera_offline',
  'disk_full',
  'recording_failed',
  /** The camera's event subscription was lost for a while: events in that gap were not seen. */
  'events_gap',
] as const;
export const alarmKind = z.enum(ALARM_KINDS);
export type AlarmKind = z.infer<typeof alarmKind>;

/** Kinds a camera's ONVIF events raise (the pull-point manager subscribes when a rule wants one). */
export const ONVIF_ALARM_KINDS = ['motion', 'tampering', 'video_loss'] as const satisfies readonly AlarmKind[];

/** 1 is the most urgent. The queue sorts by it, then newest first. */
export const ALARM_PRIORITIES = ['critical', 'high', 'normal', 'low'] as const;
export const alarmPriority = z.enum(ALARM_PRIORITIES);
export type AlarmPriority = z.infer<typeof alarmPriority>;

export const DEFAULT_PRIORITY: Record<AlarmKind, AlarmPriority> = {
  motion: 'normal',
  tampering: 'high',
  video_loss: 'high',
  camera_offline: 'high',
  disk_full: 'critical',
  recording_failed: 'high',
  events_gap: 'low',
};

export const alarm = z.object({
  id,
  cameraId: id.nullable(),
  cameraName: z.string().nullable(),
  kind: alarmKind,
  priority: alarmPriority,
  source: z.enum(['onvif', 'relay', 'health', 'recorder', 'system']),
  detail: z.string().nullable(),
  firstAt: z.number(),
  lastAt: z.number(),
  /** Raised this many times while open: a storm is one row per camera and kind. */
  count: z.number().int(),
  /** The condition ended (the camera came back online). */
  clearedAt: z.number().nullable(),
  ackedAt: z.number().nullable(),
  ackedByName: z.string().nullable(),
  ackNote: z.string().nullable(),
  incidentId: id.nullable(),
  incidentNumber: z.string().nullable(),
});
export type Alarm = z.infer<typeof alarm>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/);

/** One stretch of the week in the console's time zone: days 0 (Sunday) … 6, from–to (to may pass midnight). */
export const weeklyWindow = z.object({ days: z.array(z.number().int().min(0).max(6)).min(1).max(7), from: hhmm, to: hhmm });
export type WeeklyWindow = z.infer<typeof weeklyWindow>;

export const alarmRule = z.object({
  /** Kinds this camera raises; absent kinds are ignored. */
  kinds: z.array(alarmKind).max(ALARM_KINDS.length),
  /** Empty = always. */
  hours: z.array(weeklyWindow).max(21),
  priorities: z.partialRecord(alarmKind, alarmPriority),
});
export type AlarmRule = z.infer<typeof alarmRule>;

export const DEFAULT_RULE: AlarmRule = { kinds: [...ALARM_KINDS], hours: [], priorities: {} };

export const cameraAlarmRule = z.object({ cameraId: id, rule: alarmRule, custom: z.boolean(), snoozedUntil: z.number().nullable() });

export const snooze = z.object({
  cameraId: id,
  until: z.number(),
  byName: z.string().nullable(),
  note: z.string().nullable(),
  suppressed: z.number().int(),
});
export type Snooze = z.infer<typeof snooze>;

export const alarmHistoryQuery = z.object({
  from: z.number().int().min(0).optional(),
  to: z.number().int().min(0).optional(),
  cameraId: id.optional(),
  kind: alarmKind.optional(),
  before: z.number().int().optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
