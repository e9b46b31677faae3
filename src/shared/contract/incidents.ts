// Shapes of the incident log (the watch officer's book of the shift): incidents, their append-only
// timeline and attachments, list queries and saved filters, the editable category list.
import { z } from 'zod';
import { clientId, id } from './schemas';

export const INCIDENT_STATUSES = ['new', 'in_progress', 'resolved', 'closed'] as const;
export const incidentStatus = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof incidentStatus>;

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severity>;

/** Forward along new → in progress → resolved → closed (steps may be skipped); reopen goes back to in progress. */
export const STATUS_MOVES: Record<IncidentStatus, readonly IncidentStatus[]> = {
  new: ['in_progress', 'resolved', 'closed'],
  in_progress: ['resolved', 'closed'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

// Caps, said in the form and by the core (`text_too_long` beside the field): a description is a
// report, not a document — files go in as attachments.
export const MAX_TITLE = 200;
export const MAX_DESCRIPTION = 20_000;
export const MAX_PEOPLE = 4000;
export const MAX_COMMENT = 4000;
export const MAX_PLATES = 50;
export const MAX_UNITS = 30;
export const MAX_CAMERAS = 50;
/** Largest attachment file; the upload route refuses more with `upload_too_large`. */
export const MAX_ATTACHMENT_BYTES = 512 * 1024 * 1024;

const text = (max: number) => z.string().max(max, 'text_too_long');

/** Category ids are lower-case letters and digits: they also serve as search facet tokens. */
export const categoryId = z.string().regex(/^[a-z0-9]{1,40}$/);

export const incidentCategory = z.object({
  id: categoryId,
  nameVi: z.string(),
  nameEn: z.string(),
  builtin: z.boolean(),
  disabled: z.boolean(),
  sort: z.number().int(),
});
export type IncidentCategory = z.infer<typeof incidentCategory>;

export const categoryInput = z.object({
  id: categoryId.optional(),
  nameVi: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(100),
  disabled: z.boolean().default(false),
  sort: z.number().int().min(0).max(10_000).default(100),
});

/** A plate as typed (51F-123.45); searchable with or without its punctuation. */
const plate = z.string().trim().min(1).max(20);

/** The fields an officer edits. */
export const incidentFields = z.object({
  occurredAt: z.number().int().min(0),
  categoryId,
  severity,
  areaId: id.nullable(),
  pointId: id.nullable(),
  lat: z.number().min(-90).max(90).nullable(),
  lon: z.number().min(-180).max(180).nullable(),
  cameraIds: z.array(id).max(MAX_CAMERAS),
  title: z.string().trim().min(1).max(MAX_TITLE, 'text_too_long'),
  description: text(MAX_DESCRIPTION),
  people: text(MAX_PEOPLE),
  vehicles: z.array(plate).max(MAX_PLATES),
  assigneeId: id.nullable(),
  units: z.array(z.string().trim().min(1).max(100)).max(MAX_UNITS),
});
export type IncidentFields = z.infer<typeof incidentFields>;
export type IncidentField = keyof IncidentFields;
export const INCIDENT_FIELDS = Object.keys(incidentFields.shape) as IncidentField[];

export const incidentCreate = incidentFields.extend({
  /** Client-chosen: a retry after a lost answer finds the incident instead of logging it twice. */
  id: clientId.optional(),
  occurredAt: z.number().int().min(0).optional(),
  categoryId: categoryId.default('other'),
  severity: severity.default('medium'),
  areaId: id.nullable().default(null),
  pointId: id.nullable().default(null),
  lat: z.number().min(-90).max(90).nullable().default(null),
  lon: z.number().min(-180).max(180).nullable().default(null),
  cameraIds: z.array(id).max(MAX_CAMERAS).default([]),
  description: text(MAX_DESCRIPTION).default(''),
  people: text(MAX_PEOPLE).default(''),
  vehicles: z.array(plate).max(MAX_PLATES).default([]),
  assigneeId: id.nullable().default(null),
  units: z.array(z.string().trim().min(1).max(100)).max(MAX_UNITS).default([]),
  /** Staged files (a snapshot, uploads) to attach in the same transaction. */
  attachments: z.array(id).max(20).default([]),
});
export type IncidentCreateInput = z.output<typeof incidentCreate>;

export const incidentPatch = incidentFields.partial();
export type IncidentPatch = z.infer<typeof incidentPatch>;

export const incident = z.object({
  id,
  /** 2026-000123: per year, never reused. */
  number: z.string(),
  occurredAt: z.number(),
  loggedAt: z.number(),
  categoryId: z.string(),
  severity,
  areaId: id.nullable(),
  areaName: z.string().nullable(),
  pointId: id.nullable(),
  pointName: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  cameraIds: z.array(id),
  title: z.string(),
  description: z.string(),
  people: z.string(),
  vehicles: z.array(z.string()),
  status: incidentStatus,
  assigneeId: id.nullable(),
  assigneeName: z.string().nullable(),
  units: z.array(z.string()),
  createdByName: z.string().nullable(),
  updatedAt: z.number(),
  updatedByName: z.string().nullable(),
  /** Bumped by every save and status change; a save names the version it started from. */
  version: z.number().int(),
  closedAt: z.number().nullable(),
});
export type Incident = z.infer<typeof incident>;

export const incidentSummary = incident.pick({
  id: true,
  number: true,
  occurredAt: true,
  loggedAt: true,
  categoryId: true,
  severity: true,
  status: true,
  title: true,
  areaId: true,
  areaName: true,
  pointName: true,
  /** Where it happened, for the map (the point's, or set by hand). */
  lat: true,
  lon: true,
  cameraIds: true,
  assigneeName: true,
  updatedAt: true,
  version: true,
});
export type IncidentSummary = z.infer<typeof incidentSummary>;

/** A value as a diff shows it (names are resolved by the client). */
export const fieldValue = z.union([z.string(), z.number(), z.null(), z.array(z.string())]);
export type FieldValue = z.infer<typeof fieldValue>;

export const fieldChange = z.object({ field: z.string(), before: fieldValue, after: fieldValue });
export type FieldChange = z.infer<typeof fieldChange>;

/** What another console saved since the version a save started from. */
export const otherSave = z.object({ version: z.number().int(), at: z.number(), by: z.string().nullable(), changes: z.array(fieldChange) });

export const saveOutcome = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('saved'), incident }),
  // Nothing was written: the caller is shown the other saves and decides (save again on top of
  // the current version, or drop their edit). Never a silent overwrite.
  z.object({ outcome: z.literal('conflict'), incident, theirs: z.array(otherSave) }),
]);
export type SaveOutcome = z.infer<typeof saveOutcome>;

export const TIMELINE_KINDS = ['created', 'updated', 'status', 'comment', 'attachment', 'correction', 'alarm'] as const;
export const timelineEntry = z.object({
  seq: z.number().int(),
  at: z.number(),
  actorName: z.string().nullable(),
  kind: z.enum(TIMELINE_KINDS),
  version: z.number().int(),
  /** Comment or correction text; a status change's note. */
  text: z.string().nullable(),
  changes: z.array(fieldChange),
  /** The entry a correction corrects. */
  corrects: z.number().int().nullable(),
  attachmentId: id.nullable(),
  alarmId: id.nullable(),
});
export type TimelineEntry = z.infer<typeof timelineEntry>;

export const ATTACHMENT_KINDS = ['snapshot', 'file', 'bookmark', 'export'] as const;
export const attachment = z.object({
  id,
  incidentId: id,
  kind: z.enum(ATTACHMENT_KINDS),
  name: z.string(),
  /** Only image/jpeg and image/png (checked by their first bytes) are shown inline; all else downloads. */
  mime: z.string(),
  bytes: z.number().int(),
  sha256: z.string().nullable(),
  /** A bookmark's or an export's id in the recordings (kind bookmark / export). */
  ref: z.string().nullable(),
  cameraId: id.nullable(),
  takenAt: z.number().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  createdAt: z.number(),
  createdByName: z.string().nullable(),
});
export type Attachment = z.infer<typeof attachment>;

export const incidentDetail = z.object({ incident, timeline: z.array(timelineEntry), attachments: z.array(attachment) });
export type IncidentDetail = z.infer<typeof incidentDetail>;

/** A file waiting to be attached: a snapshot just taken or an upload, kept for its owner only. */
export const staged = z.object({
  id,
  kind: z.enum(['snapshot', 'file']),
  name: z.string(),
  mime: z.string(),
  bytes: z.number().int(),
  cameraId: id.nullable(),
  takenAt: z.number().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  /** How a snapshot was taken: from the relay's running main stream, the camera's snapshot URI, or one frame of RTSP. */
  source: z.enum(['relay', 'onvif', 'rtsp', 'upload']),
});
export type Staged = z.infer<typeof staged>;

export const incidentQuery = z.object({
  /** Words, typed with or without diacritics; every word must occur (the last may be a prefix). */
  text: z.string().max(200).default(''),
  /** When it happened, epoch ms. */
  from: z.number().int().min(0).optional(),
  to: z.number().int().min(0).optional(),
  categoryIds: z.array(categoryId).max(20).optional(),
  statuses: z.array(incidentStatus).max(4).optional(),
  severities: z.array(severity).max(4).optional(),
  /** This area and everything under it. */
  areaId: id.optional(),
  cameraId: id.optional(),
  /** An account id, or 'none' for unassigned. */
  assigneeId: id.optional(),
});
export type IncidentQuery = z.output<typeof incidentQuery>;

export const incidentListInput = incidentQuery.extend({
  /** Paging: the `next` of the previous page. */
  before: z.number().int().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const incidentPage = z.object({ items: z.array(incidentSummary), next: z.number().int().nullable() });

export const savedFilter = z.object({ id, name: z.string(), query: incidentQuery, createdAt: z.number() });
export type SavedFilter = z.infer<typeof savedFilter>;

export const assignee = z.object({ id, displayName: z.string(), username: z.string() });
