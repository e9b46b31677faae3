// Shapes of the shift handover (biên bản giao ca): a report built from the incident log, the alarm
// queue and the audit trail; the outgoing officer's sign-off with notes, the incoming officer's
// acknowledgement, and later notes or corrections. Nothing in a signed handover changes.
import { z } from 'zod';
import { alarmKind, alarmPriority } from './alarms';
import { incidentStatus, severity } from './incidents';
import { id } from './schemas';

export const reportIncident = z.object({
  id,
  number: z.string(),
  title: z.string(),
  status: incidentStatus,
  categoryId: z.string(),
  severity,
  occurredAt: z.number(),
  areaName: z.string().nullable(),
});

export const reportAlarm = z.object({
  id,
  kind: alarmKind,
  priority: alarmPriority,
  cameraName: z.string().nullable(),
  firstAt: z.number(),
  count: z.number().int(),
  ackedByName: z.string().nullable(),
  ackedAt: z.number().nullable(),
  ackNote: z.string().nullable(),
  incidentNumber: z.string().nullable(),
});

/** One line taken from the audit trail (PTZ takeovers, exports, snoozes). */
export const reportEvent = z.object({
  at: z.number(),
  who: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  detail: z.string().nullable(),
});

export const shiftReport = z.object({
  from: z.number(),
  to: z.number(),
  /** Names of the areas the report covers; empty = the whole centre. */
  scope: z.array(z.string()),
  incidents: z.object({
    opened: z.array(reportIncident),
    changed: z.array(reportIncident),
    closed: z.array(reportIncident),
    /** Not closed at the end of the shift: what the next shift inherits. */
    carriedOver: z.array(reportIncident),
  }),
  alarms: z.object({
    byKind: z.array(
      z.object({
        kind: alarmKind,
        rows: z.number().int(),
        raised: z.number().int(),
        acknowledged: z.number().int(),
        escalated: z.number().int(),
        open: z.number().int(),
      }),
    ),
    /** Critical and high ones raised in the shift, and every one still open at its end. */
    notable: z.array(reportAlarm),
    open: z.array(reportAlarm),
  }),
  cameras: z.array(
    z.object({
      cameraId: id,
      cameraName: z.string().nullable(),
      offlineAt: z.number(),
      backAt: z.number().nullable(),
      reason: z.string().nullable(),
    }),
  ),
  ptz: z.array(reportEvent),
  exports: z.array(reportEvent),
  snoozes: z.array(reportEvent),
  /** Lists longer than this many rows were cut (the counts above still cover everything). */
  truncated: z.boolean(),
});
export type ShiftReport = z.infer<typeof shiftReport>;

export const handoverEntry = z.object({
  seq: z.number().int(),
  at: z.number(),
  userName: z.string(),
  kind: z.enum(['note', 'correction']),
  text: z.string(),
});

export const handover = z.object({
  id,
  from: z.number(),
  to: z.number(),
  outgoingName: z.string(),
  signedAt: z.number(),
  notes: z.string(),
  report: shiftReport,
  /** SHA-256 of the report as signed: a printed minute can be checked against the stored one. */
  reportSha256: z.string(),
  incoming: z.object({ name: z.string(), at: z.number(), note: z.string() }).nullable(),
  entries: z.array(handoverEntry),
});
export type Handover = z.infer<typeof handover>;

export const handoverSummary = handover.pick({ id: true, from: true, to: true, outgoingName: true, signedAt: true, incoming: true });
export type HandoverSummary = z.infer<typeof handoverSummary>;

export const MAX_HANDOVER_NOTES = 8000;
