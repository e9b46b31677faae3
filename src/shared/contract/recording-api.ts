// The contract's entries for recording, playback (the timeline and bookmarks; the video itself
// goes over /playback, see docs/recording-evidence.md) and evidence export. Spread into `api`
// (api.ts) so there is still one table of methods.
import { z } from 'zod';
import { method } from './method';
import * as r from './recording';
import { id } from './schemas';

export const recordingApi = {
  'recording.settings.list': method({
    summary: "Every recorded camera's settings (mode, stream, timetable, event triggers, retention) in the caller's scope.",
    permission: 'register.view',
    audit: 'none',
    input: z.object({}),
    output: z.array(r.recordingSettings),
  }),
  'recording.settings.save': method({
    summary:
      "Set a camera's recording: off, continuous, scheduled (weekly timetable in the console's zone) or on event; main or sub stream; retention in days.",
    permission: 'register.manage',
    audit: 'write',
    targets: { cameraId: 'camera' },
    input: r.recordingSettings,
    output: r.recordingSettings,
  }),
  'recording.status': method({
    summary: 'Which cameras are being written now, open alarms, and the recording folders with their disks.',
    permission: 'register.view',
    audit: 'none',
    input: z.object({}),
    output: z.object({ cameras: z.array(r.recordingCameraStatus), alarms: z.array(r.recordingAlarm), folders: z.array(r.recordingFolder) }),
  }),
  'recording.folders.save': method({
    summary: 'Add or change a recording folder (path on the core machine, quota in bytes or none, enabled).',
    permission: 'settings.manage',
    audit: 'write',
    input: r.recordingFolderInput,
    output: z.array(r.recordingFolder),
  }),
  'recording.reconcileReport': method({
    summary: 'What the last start found when it compared the index with the files (after a crash or power cut).',
    permission: 'register.manage',
    audit: 'read',
    input: z.object({}),
    output: r.reconcileReport.nullable(),
  }),
  'playback.timeline': method({
    summary: 'Per camera: recorded spans, gaps, events, bookmarks and evidence locks between two instants.',
    permission: 'playback.view',
    audit: 'none',
    targets: { cameraIds: 'camera' },
    input: r.timelineQuery,
    output: z.array(r.cameraTimeline),
  }),
  'bookmarks.list': method({
    summary: 'Bookmarks, newest first; the query ignores case and diacritics ("nguyen hue" finds "Nguyễn Huệ").',
    permission: 'playback.view',
    audit: 'none',
    input: z.object({
      query: z.string().max(200).default(''),
      cameraIds: z.array(id).max(500).optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.array(r.bookmark),
  }),
  'bookmarks.add': method({
    summary: 'Bookmark an instant of a camera, live or in playback, with a note. A client-chosen `id` makes a retry safe.',
    permission: 'playback.view',
    audit: 'write',
    targets: { cameraId: 'camera' },
    input: z.object({ id: z.uuid().optional(), cameraId: id, at: z.number().int().min(0), note: z.string().trim().max(1000).default('') }),
    output: r.bookmark,
  }),
  'bookmarks.delete': method({
    summary: "Delete a bookmark (one's own; an administrator of users any).",
    permission: 'playback.view',
    audit: 'write',
    input: z.object({ id }),
    output: z.object({ id }),
  }),
  'evidence.locks': method({
    summary: 'Evidence locks (held by an export or an incident) that keep recordings from deletion.',
    permission: 'export.create',
    audit: 'none',
    input: z.object({ includeReleased: z.boolean().default(false) }),
    output: z.array(r.evidenceLock),
  }),
  'evidence.unlock': method({
    summary: 'Lift an evidence lock (its own permission, audited with a reason): the recordings become deletable by retention again.',
    permission: 'evidence.unlock',
    audit: 'write',
    input: z.object({ id, reason: z.string().trim().min(1).max(500) }),
    output: r.evidenceLock,
  }),
  'export.plan': method({
    summary: 'Check an export before it starts: footage and gaps per camera, bytes needed, the destination (writable, free space, FAT32).',
    permission: 'export.create',
    audit: 'none',
    targets: { cameraIds: 'camera' },
    input: r.exportRequest,
    output: r.exportPlan,
  }),
  'export.start': method({
    summary:
      'Export evidence: per camera an MP4 (stream copy), hashes, a signed manifest and a report, into a new folder under the destination. Locks the segments used.',
    permission: 'export.create',
    audit: 'write',
    targets: { cameraIds: 'camera' },
    input: r.exportRequest,
    output: r.exportJob,
  }),
  'export.cancel': method({
    summary: 'Cancel a running export: nothing of it is left at the destination.',
    permission: 'export.create',
    audit: 'write',
    input: z.object({ id }),
    output: r.exportJob,
  }),
  'export.list': method({
    summary: 'Exports, newest first (running ones with their progress).',
    permission: 'export.create',
    audit: 'none',
    input: z.object({ limit: z.number().int().min(1).max(200).default(50) }),
    output: z.array(r.exportJob),
  }),
  'evidence.verify': method({
    summary: "Verify an evidence package in a folder: the signature, each file's SHA-256, the key against this installation's.",
    permission: 'export.create',
    audit: 'read',
    input: z.object({ folder: z.string().trim().min(1).max(1000), password: z.string().max(200).nullable().default(null) }),
    output: r.verifyReport,
  }),
  'evidence.key': method({
    summary: "This installation's signing key: its fingerprint and public key (PEM).",
    permission: 'session',
    audit: 'none',
    input: z.object({}),
    output: z.object({ fingerprint: z.string(), publicKeyPem: z.string() }),
  }),
} as const;
