// Server-to-client events: one tagged union, declared once. Never topic strings plus a cast.
import { z } from 'zod';
import { cameraHealth } from './health';
import { preferences } from './preferences';
import { exportJob, recordingAlarm } from './recording';
import { alarm } from './alarms';
import type { Permission } from './permissions';
import { id, settings, streamKind } from './schemas';
import { discoveredDevice } from './onboarding';
import { patrolRun, ptzAlert, ptzLock } from './ptz';

/** Who holds a PTZ camera now (null: nobody), to every console that may see the camera. */
export const ptzLockEvent = z.object({ type: z.literal('ptz.lock'), cameraId: id, lock: ptzLock.nullable() });

/** A discovery job's progress; only consoles with register.manage hear it, and each keeps its own job. */
export const discoveryEvent = z.object({
  type: z.literal('discovery.progress'),
  jobId: id,
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  done: z.number().int(),
  total: z.number().int(),
  found: z.number().int(),
  elapsedMs: z.number(),
  etaMs: z.number().nullable(),
  /** Devices found since the last event. */
  devices: z.array(discoveredDevice),
});

export const liveStateEvent = z.object({
  type: z.literal('live.state'),
  cameraId: id,
  stream: streamKind,
  state: z.enum(['connecting', 'live', 'reconnecting', 'offline', 'stopped']),
  reason: z.string().nullable(),
  retryAt: z.number().nullable(),
});

/** An incident was logged or changed: clients refresh what they show (list row, open detail). */
export const incidentChangedEvent = z.object({
  type: z.literal('incident.changed'),
  incidentId: id,
  number: z.string(),
  version: z.number().int(),
  /** For the scope filter: reaches only those who may see this area (null: unscoped accounts only). */
  areaId: id.nullable(),
  change: z.enum(['created', 'updated', 'status', 'comment', 'attachment', 'correction']),
  byName: z.string().nullable(),
  at: z.number(),
});

/** An alarm row was raised, counted up, acknowledged, cleared or escalated (coalesced: at most one per row per flush). */
export const alarmChangedEvent = z.object({
  type: z.literal('alarm.changed'),
  /** For the scope filter; null (disk nearly full) reaches unscoped accounts only. */
  cameraId: id.nullable(),
  alarm,
  /** True the first time this row is published: the console sounds and flashes for new rows only. */
  isNew: z.boolean(),
});

export const alarmSnoozeEvent = z.object({ type: z.literal('alarm.snooze'), cameraId: id, until: z.number().nullable() });

export const shiftChangedEvent = z.object({ type: z.literal('shift.changed'), handoverId: id, change: z.enum(['signed', 'acknowledged', 'note']) });

export const event = z.discriminatedUnion('type', [
  z.object({ type: z.literal('settings.changed'), settings }),
  /** `statusesOnly`: only working/offline statuses changed (the health monitor), nothing else of the register. */
  z.object({ type: z.literal('register.changed'), statusesOnly: z.boolean().optional() }),
  z.object({ type: z.literal('views.changed') }),
  z.object({ type: z.literal('tours.changed') }),
  liveStateEvent,
  ptzLockEvent,
  z.object({ type: z.literal('ptz.patrol'), cameraId: id, patrol: patrolRun.nullable() }),
  z.object({ type: z.literal('ptz.alert'), cameraId: id, alert: ptzAlert, attempts: z.number().int() }),
  discoveryEvent,
  // An import's progress: parsing and checking the file, then writing it in one transaction.
  z.object({ type: z.literal('register.import'), uploadId: id, phase: z.enum(['reading', 'checking', 'writing', 'done', 'failed']), done: z.number(), total: z.number() }),
  /** What the core knows of a camera changed (see health.cameras); reaches only those who may see it. */
  cameraHealth.extend({ type: z.literal('camera.health') }),
  /** Reaches only the windows of the user it names. */
  z.object({ type: z.literal('preferences.changed'), userId: id, preferences }),
  // Recording: an alarm raised or cleared (a camera's, or a folder's with cameraId null), and a
  // segment closed (timelines refresh). Export progress reaches the user who started it.
  z.object({ type: z.literal('recording.alarm'), cameraId: id.nullable(), alarm: recordingAlarm }),
  z.object({ type: z.literal('recording.segment'), cameraId: id }),
  z.object({ type: z.literal('export.progress'), job: exportJob }),
  incidentChangedEvent,
  alarmChangedEvent,
  alarmSnoozeEvent,
  shiftChangedEvent,
  /** A repair ticket or maintenance plan changed (the dashboard and ticket lists refresh). */
  z.object({ type: z.literal('repair.changed'), ticketId: id.nullable() }),
]);

export type CoreEvent = z.infer<typeof event>;
export type CoreEventType = CoreEvent['type'];

/** Events only some roles may hear (the access policy checks it with the scope). */
export const EVENT_PERMISSION: Partial<Record<CoreEventType, Permission>> = {
  'incident.changed': 'incidents.view',
  'alarm.changed': 'alarms.handle',
  'alarm.snooze': 'alarms.handle',
  'shift.changed': 'shift.handover',
  'repair.changed': 'register.view',
};
