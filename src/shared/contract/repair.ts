// Shapes of the camera network's health (the dashboard) and of repair tickets and maintenance.
// See docs/health-repair.md.
import { z } from 'zod';
import { id } from './schemas';

/** Why a probe says a camera is not working (translated as health.reason.<code>). */
export const OFFLINE_REASONS = ['unreachable', 'timeout', 'auth_failed', 'stream_not_found', 'bad_response', 'point_outage', 'clock_drift', 'low_fps'] as const;

const day = z.iso.date();

export const statusCounts = z.object({
  working: z.number(),
  degraded: z.number(),
  offline: z.number(),
  awaiting_repair: z.number(),
  decommissioned: z.number(),
  unknown: z.number(),
  total: z.number(),
});
export type StatusCounts = z.infer<typeof statusCounts>;

export const uptime = z.object({
  /** Share of the known time (0–1) the camera worked; null when nothing is known in the window. */
  d7: z.number().nullable(),
  d30: z.number().nullable(),
});

export const healthDashboard = z.object({
  at: z.number(),
  /** When the uptime figures were computed (they are refreshed every few minutes); null while the first are. */
  uptimeAt: z.number().nullable(),
  totals: statusCounts,
  /** The table centres report: one row per area that has cameras (the area the camera's point is in today). */
  areas: z.array(statusCounts.extend({ areaId: id, name: z.string(), uptime })),
  /** Offline now, longest first (at most 200). */
  offline: z.array(
    z.object({ cameraId: id, name: z.string(), pointId: id.nullable(), pointName: z.string(), since: z.number().nullable(), reason: z.string().nullable(), transmission: z.string() }),
  ),
  offlineCount: z.number(),
  /** Points whose every camera dropped at once: "link or power at the point". */
  outages: z.array(z.object({ pointId: id, name: z.string(), cameras: z.number(), since: z.number() })),
  /** The least available cameras over 30 days (at most 50). */
  uptimeCameras: z.array(z.object({ cameraId: id, name: z.string(), uptime })),
  /** Cameras whose clock a probe found off by more than the threshold. */
  clocks: z.array(z.object({ cameraId: id, name: z.string(), offsetMs: z.number(), at: z.number() })),
  tickets: z.array(z.object({ assigneeId: id.nullable(), name: z.string(), open: z.number(), under1d: z.number(), under7d: z.number(), older: z.number() })),
  maintenanceOverdue: z.number(),
});
export type HealthDashboard = z.infer<typeof healthDashboard>;

export const repairStatus = z.enum(['open', 'in_progress', 'verifying', 'closed', 'cancelled']);
export type RepairStatus = z.infer<typeof repairStatus>;

export const repairAssignee = z.object({ id, name: z.string().min(1).max(80), kind: z.enum(['technician', 'contractor']), disabled: z.boolean() });
export type Assignee = z.infer<typeof repairAssignee>;

export const ticketEvent = z.object({
  seq: z.number(),
  at: z.number(),
  actor: z.string().nullable(),
  /** opened, note, assigned, status, due, verified, probe_failed, photo */
  kind: z.string(),
  text: z.string(),
});

export const repairTicket = z.object({
  id,
  number: z.number(),
  cameraId: id.nullable(),
  cameraName: z.string().nullable(),
  pointId: id.nullable(),
  pointName: z.string().nullable(),
  title: z.string(),
  assigneeId: id.nullable(),
  assigneeName: z.string().nullable(),
  custodian: z.string(),
  custodianContact: z.string(),
  dueDate: day.nullable(),
  status: repairStatus,
  automatic: z.boolean(),
  openedAt: z.number(),
  openedBy: z.string().nullable(),
  closedAt: z.number().nullable(),
});
export type RepairTicket = z.infer<typeof repairTicket>;
/** Largest photo a technician may attach (said in the form; the upload route refuses more). */
export const PHOTO_MAX_BYTES = 15 * 1024 * 1024;

/** A photo on a ticket: JPEG or PNG recognised by its bytes; served at /repair/photo/<id> (and ?size=thumb). */
export const ticketPhoto = z.object({
  id,
  /** The name the file had, sanitised (no folders, no control characters); never a path. */
  name: z.string(),
  mime: z.enum(['image/jpeg', 'image/png']),
  bytes: z.number(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  createdAt: z.number(),
  createdBy: z.string().nullable(),
});
export type TicketPhoto = z.infer<typeof ticketPhoto>;

export const repairTicketDetail = repairTicket.extend({ events: z.array(ticketEvent), photos: z.array(ticketPhoto) });
export type RepairTicketDetail = z.infer<typeof repairTicketDetail>;

const text = (max: number) => z.string().trim().max(max);

export const ticketOpenInput = z
  .object({
    cameraId: id.optional(),
    pointId: id.optional(),
    title: text(200).optional(),
    assigneeId: id.nullable().optional(),
    dueDate: day.nullable().optional(),
    note: text(4000).optional(),
  })
  .refine((i) => i.cameraId !== undefined || i.pointId !== undefined, { message: 'camera_or_point' });

export const ticketUpdateInput = z.object({
  id,
  assigneeId: id.nullable().optional(),
  dueDate: day.nullable().optional(),
  status: z.enum(['open', 'in_progress', 'cancelled']).optional(),
  note: text(4000).optional(),
});

export const maintenancePlan = z.object({
  pointId: id,
  pointName: z.string(),
  everyDays: z.number().int().min(1).max(3650),
  lastDone: day.nullable(),
  nextDue: day,
  overdueDays: z.number(),
  assigneeId: id.nullable(),
});
export type MaintenancePlan = z.infer<typeof maintenancePlan>;
