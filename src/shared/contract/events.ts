// Server-to-client events: one tagged union, declared once. Never topic strings plus a cast.
import { z } from 'zod';
import { alarm } from './alarms';
import type { Permission } from './permissions';
import { id, settings, streamKind } from './schemas';

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
  z.object({ type: z.literal('register.changed') }),
  z.object({ type: z.literal('views.changed') }),
  z.object({ type: z.literal('tours.changed') }),
  liveStateEvent,
  incidentChangedEvent,
  alarmChangedEvent,
  alarmSnoozeEvent,
  shiftChangedEvent,
]);

export type CoreEvent = z.infer<typeof event>;
export type CoreEventType = CoreEvent['type'];

/** Events only some roles may hear (the access policy checks it with the scope). */
export const EVENT_PERMISSION: Partial<Record<CoreEventType, Permission>> = {
  'incident.changed': 'incidents.view',
  'alarm.changed': 'alarms.handle',
  'alarm.snooze': 'alarms.handle',
  'shift.changed': 'shift.handover',
};
