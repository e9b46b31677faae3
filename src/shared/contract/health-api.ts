// The contract's entries for the health of the camera network: the dashboard, repair tickets and
// the maintenance schedule. Spread into `api` (api.ts) so there is still one table of methods.
import { z } from 'zod';
import { method } from './method';
import { id } from './schemas';
import * as r from './repair';

export const healthApi = {
  'health.dashboard': method({
    summary: 'Counts by status per area, offline cameras and for how long, point outages, uptime over 7 and 30 days, wrong clocks, open tickets by assignee and age.',
    permission: 'register.view',
    audit: 'none',
    input: z.object({}),
    output: r.healthDashboard,
  }),
  'health.history': method({
    summary: "A camera's health changes (state and reason), newest first, and its repair tickets.",
    permission: 'register.view',
    audit: 'none',
    targets: { cameraId: 'camera' },
    input: z.object({ cameraId: id }),
    output: z.object({
      changes: z.array(z.object({ at: z.number(), state: z.string(), reason: z.string().nullable() })),
      tickets: z.array(r.repairTicket),
    }),
  }),
  'health.probeNow': method({
    summary: 'Probe one camera now (TCP, RTSP OPTIONS/DESCRIBE, ONVIF clock) rather than waiting for its turn.',
    permission: 'register.view',
    audit: 'none',
    targets: { cameraId: 'camera' },
    input: z.object({ cameraId: id }),
    output: z.object({ ok: z.boolean(), reason: z.string().nullable() }),
  }),
  'repair.list': method({
    summary: 'Repair tickets, open ones first (or those of one status).',
    permission: 'register.view',
    audit: 'none',
    input: z.object({ status: r.repairStatus.optional(), limit: z.number().int().min(1).max(500).default(200) }),
    output: z.array(r.repairTicket),
  }),
  'repair.get': method({
    summary: 'One ticket with its history.',
    permission: 'register.view',
    audit: 'none',
    input: z.object({ id }),
    output: r.repairTicketDetail,
  }),
  'repair.open': method({
    summary: "Open a ticket for a camera or a point; the camera(s) become awaiting repair; the point's custodian is copied onto it.",
    permission: 'register.manage',
    audit: 'write',
    targets: { cameraId: 'camera', pointId: 'point' },
    input: r.ticketOpenInput,
    output: r.repairTicketDetail,
  }),
  'repair.update': method({
    summary: 'Assign, set the due date, change the status or add a note.',
    permission: 'register.manage',
    audit: 'write',
    input: r.ticketUpdateInput,
    output: r.repairTicketDetail,
  }),
  'repair.close': method({
    summary: 'The repair is done: the ticket waits for a probe to succeed, which closes it and returns the camera to working.',
    permission: 'register.manage',
    audit: 'write',
    input: z.object({ id, note: z.string().trim().max(4000).optional() }),
    output: r.repairTicketDetail,
  }),
  'repair.addPhoto': method({
    summary:
      'Attach a photo (JPEG or PNG, checked by its bytes, at most PHOTO_MAX_BYTES) uploaded with POST /upload?for=repair to a ticket; a line of its history.',
    permission: 'register.manage',
    audit: 'write',
    input: z.object({ ticketId: id, uploadId: id, name: z.string().max(500).default('photo') }),
    output: r.repairTicketDetail,
  }),
  'repair.assignees': method({
    summary: 'Technicians and contractors a ticket may be assigned to (Viettel, VNPT, FPT, other…).',
    permission: 'register.view',
    audit: 'none',
    input: z.object({}),
    output: z.array(r.repairAssignee),
  }),
  'repair.saveAssignee': method({
    summary: 'Add or edit a technician or contractor (disable rather than delete: old tickets keep the name).',
    permission: 'register.manage',
    audit: 'write',
    input: r.repairAssignee.partial({ id: true, disabled: true }),
    output: z.array(r.repairAssignee),
  }),
  'maintenance.list': method({
    summary: 'Periodic checks per point, overdue first.',
    permission: 'register.view',
    audit: 'none',
    input: z.object({}),
    output: z.array(r.maintenancePlan),
  }),
  'maintenance.save': method({
    summary: "Set a point's check period (days) and who does it; `everyDays: null` removes the plan.",
    permission: 'register.manage',
    audit: 'write',
    targets: { pointId: 'point' },
    input: z.object({ pointId: id, everyDays: z.number().int().min(1).max(3650).nullable(), assigneeId: id.nullable().optional() }),
    output: z.array(r.maintenancePlan),
  }),
  'maintenance.done': method({
    summary: "Record a point's periodic check as done (today unless a day is given).",
    permission: 'register.manage',
    audit: 'write',
    targets: { pointId: 'point' },
    input: z.object({ pointId: id, day: z.iso.date().optional() }),
    output: z.array(r.maintenancePlan),
  }),
};
