// Shapes of recording, playback and evidence export, shared by the contract's methods and events.
// Times are UTC epoch milliseconds; the UI shows them in the console's zone.
import { z } from 'zod';
import { minutesOf } from '../recording-schedule';
import { id } from './schemas';

const epochMs = z.number().int().min(0).max(8_640_000_000_000);

export const scheduleSlot = z
  .object({ day: z.number().int().min(1).max(7), from: z.string(), to: z.string() })
  .refine((s) => minutesOf(s.from) !== null && minutesOf(s.to) !== null && minutesOf(s.from)! < minutesOf(s.to)!, { message: 'schedule_slot' });

export const recordingMode = z.enum(['off', 'continuous', 'scheduled', 'event']);
export const triggerKind = z.enum(['motion', 'tampering']);

export const recordingSettings = z.object({
  cameraId: id,
  mode: recordingMode,
  stream: z.enum(['main', 'sub']),
  schedule: z.array(scheduleSlot).max(100),
  eventKinds: z.array(triggerKind).max(2),
  preSeconds: z.number().int().min(0).max(30),
  postSeconds: z.number().int().min(0).max(600),
  retentionDays: z.number().int().min(1).max(3650),
});
export type RecordingSettings = z.infer<typeof recordingSettings>;

export const recordingFolder = z.object({
  id,
  path: z.string(),
  quotaBytes: z.number().nullable(),
  enabled: z.boolean(),
  usedBytes: z.number(),
  diskFreeBytes: z.number().nullable(),
  diskTotalBytes: z.number().nullable(),
  writable: z.boolean(),
  nearlyFull: z.boolean(),
});
export type RecordingFolder = z.infer<typeof recordingFolder>;

export const recordingFolderInput = z.object({
  id: id.optional(),
  path: z.string().trim().min(1).max(1000),
  quotaBytes: z
    .number()
    .int()
    .min(64 * 1024 * 1024)
    .nullable(),
  enabled: z.boolean().default(true),
});

export const recordingAlarm = z.object({
  id: z.number(),
  kind: z.enum(['recording_failed', 'disk_nearly_full', 'storage_exhausted', 'folder_unavailable', 'reconciled']),
  cameraId: id.nullable(),
  folderId: id.nullable(),
  detail: z.record(z.string(), z.union([z.string(), z.number()])),
  raisedAt: z.number(),
  clearedAt: z.number().nullable(),
});
export type RecordingAlarmInfo = z.infer<typeof recordingAlarm>;

export const recordingCameraStatus = z.object({
  cameraId: id,
  mode: recordingMode,
  writing: z.boolean(),
  since: z.number().nullable(),
  source: z.enum(['relay', 'copy']),
});

const reconcileEntry = z.object({
  folder: z.string(),
  path: z.string(),
  cameraId: z.string().optional(),
  bytes: z.number().optional(),
  detail: z.string().optional(),
});
export const reconcileReport = z.object({
  at: z.number(),
  ms: z.number(),
  folders: z.number(),
  filesSeen: z.number(),
  recoveredOpen: z.array(reconcileEntry),
  indexed: z.array(reconcileEntry),
  missing: z.array(reconcileEntry),
  changed: z.array(reconcileEntry),
  unreadable: z.array(reconcileEntry),
  removedEmpty: z.array(reconcileEntry),
});

export const timelineSpan = z.object({ from: z.number(), to: z.number(), status: z.enum(['recorded', 'recording', 'missing']) });
export const bookmark = z.object({
  id,
  cameraId: id,
  at: z.number(),
  note: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.number(),
});
export type Bookmark = z.infer<typeof bookmark>;

export const cameraTimeline = z.object({
  cameraId: id,
  spans: z.array(timelineSpan),
  events: z.array(z.object({ kind: z.string(), from: z.number(), to: z.number().nullable() })),
  bookmarks: z.array(bookmark),
  locks: z.array(z.object({ from: z.number(), to: z.number() })),
});
export type CameraTimeline = z.infer<typeof cameraTimeline>;

export const timelineQuery = z
  .object({ cameraIds: z.array(id).min(1).max(16), from: epochMs, to: epochMs })
  .refine((q) => q.to > q.from && q.to - q.from <= 31 * 86_400_000, { message: 'time_range' });

export const evidenceLock = z.object({
  id,
  holderKind: z.string(),
  holderId: z.string(),
  cameraId: id,
  from: z.number(),
  to: z.number(),
  reason: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.number(),
  releasedAt: z.number().nullable(),
  releasedBy: z.string().nullable(),
  releaseReason: z.string().nullable(),
});
export type EvidenceLockInfo = z.infer<typeof evidenceLock>;

export const exportRequest = z
  .object({
    id: z.uuid().optional(),
    cameraIds: z.array(id).min(1).max(16),
    from: epochMs,
    to: epochMs,
    reason: z.string().trim().min(1).max(1000),
    caseNumber: z.string().trim().min(1).max(100),
    incidentId: z.string().max(64).nullable().default(null),
    /** A folder on the core's machine (a removable drive's mount point, or below it). */
    destination: z.string().trim().min(1).max(1000),
    language: z.enum(['vi', 'en']).default('vi'),
    burnIn: z.boolean().default(false),
    /** Still pictures (PNG) at these instants, per camera. */
    stills: z.array(epochMs).max(20).default([]),
    /** Encrypt the media with a key derived from this password (never stored, never logged). */
    password: z.string().min(8).max(200).nullable().default(null),
    /** On a FAT32 drive a file over 4 GiB cannot be written: split it into parts, or refuse. */
    splitLargeFiles: z.boolean().default(true),
  })
  .refine((r) => r.to > r.from && r.to - r.from <= 7 * 86_400_000, { message: 'time_range' });
export type ExportRequest = z.input<typeof exportRequest>;

export const exportPhase = z.enum(['checking', 'copying', 'hashing', 'signing', 'report', 'done']);
export const exportJob = z.object({
  id,
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  caseNumber: z.string(),
  reason: z.string(),
  incidentId: z.string().nullable(),
  cameraIds: z.array(id),
  from: z.number(),
  to: z.number(),
  destination: z.string(),
  packageDir: z.string().nullable(),
  encrypted: z.boolean(),
  phase: exportPhase,
  bytesDone: z.number(),
  bytesTotal: z.number(),
  bytesPerSecond: z.number(),
  secondsLeft: z.number().nullable(),
  error: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.number(),
  finishedAt: z.number().nullable(),
});
export type ExportJobInfo = z.infer<typeof exportJob>;

export const exportPlan = z.object({
  cameras: z.array(
    z.object({
      cameraId: id,
      segments: z.number(),
      bytes: z.number(),
      covered: z.array(z.object({ from: z.number(), to: z.number() })),
      gaps: z.array(z.object({ from: z.number(), to: z.number() })),
    }),
  ),
  bytesNeeded: z.number(),
  destination: z.object({
    path: z.string(),
    freeBytes: z.number().nullable(),
    fsType: z.string().nullable(),
    writable: z.boolean(),
    fat32: z.boolean(),
  }),
  /** Why it cannot start, if it cannot: no_footage, destination_unwritable, destination_full, file_too_large_fat32. */
  refusal: z.string().nullable(),
  /** FAT32 with a file over 4 GiB: the file will be split into parts. */
  willSplit: z.boolean(),
});
export type ExportPlanInfo = z.infer<typeof exportPlan>;

export const verifyFile = z.object({
  name: z.string(),
  status: z.enum(['ok', 'changed', 'missing', 'extra']),
  bytes: z.number().nullable(),
});

export const verifyReport = z.object({
  folder: z.string(),
  status: z.enum(['verified', 'partial', 'not_signed', 'signature_invalid', 'not_a_package']),
  signatureValid: z.boolean(),
  fingerprint: z.string().nullable(),
  /** True/false when the installation's fingerprint is known to the verifier, null otherwise. */
  installationKey: z.boolean().nullable(),
  encrypted: z.boolean(),
  /** Encrypted media decrypted and checked against the plaintext hashes (password given). */
  decrypted: z.boolean().nullable(),
  files: z.array(verifyFile),
  summary: z
    .object({
      caseNumber: z.string(),
      reason: z.string(),
      operator: z.string(),
      createdAt: z.string(),
      cameras: z.array(z.string()),
      appVersion: z.string(),
    })
    .nullable(),
  problems: z.array(z.string()),
});
export type VerifyReportInfo = z.infer<typeof verifyReport>;
