// The contract's entries for the incident log, the alarm queue and the shift handover. Spread into
// `api` (api.ts) so there is still one table of methods. Every list and lookup follows the
// caller's area scope: ids a method names are declared as `targets`, incidents and alarms out of
// scope answer `not_found` like ones that do not exist.
import { z } from 'zod';
import * as al from './alarms';
import * as inc from './incidents';
import { method } from './method';
import { id } from './schemas';
import * as sh from './shift';

export const incidentsApi = {
  'incidents.categories': method({
    summary: 'The category list (built-in and the centre’s own), disabled ones included.',
    permission: 'incidents.view',
    audit: 'none',
    input: z.object({}),
    output: z.array(inc.incidentCategory),
  }),
  'incidents.saveCategory': method({
    summary: 'Add a category or rename/disable one (built-in categories keep their id).',
    permission: 'incidents.configure',
    audit: 'write',
    input: inc.categoryInput,
    output: inc.incidentCategory,
  }),
  'incidents.assignees': method({
    summary: 'Accounts an incident may be assigned to (those who may manage incidents).',
    permission: 'incidents.view',
    audit: 'none',
    input: z.object({}),
    output: z.array(inc.assignee),
  }),
  'incidents.snapshot': method({
    summary:
      "A full-resolution still of a camera (the relay's main stream if it runs, else the camera's ONVIF snapshot URI, else one RTSP frame), kept for the caller to attach.",
    permission: 'incidents.manage',
    audit: 'write',
    targets: { cameraId: 'camera' },
    input: z.object({ cameraId: id }),
    output: inc.staged,
  }),
  'incidents.create': method({
    summary:
      'Log an incident (numbered per year), with staged snapshots and files attached. Cameras, point and area are checked against the scope (not_found). A client-chosen `id` makes a retry safe.',
    permission: 'incidents.manage',
    audit: 'write',
    input: inc.incidentCreate,
    output: inc.incident,
  }),
  'incidents.get': method({
    summary: 'One incident with its timeline and attachments.',
    permission: 'incidents.view',
    audit: 'none',
    input: z.object({ id }),
    output: inc.incidentDetail,
  }),
  'incidents.list': method({
    summary: 'Incidents newest first (by when they happened), filtered, with full-text search that ignores diacritics; paged by `before`.',
    permission: 'incidents.view',
    audit: 'none',
    targets: { areaId: 'area', cameraId: 'camera' },
    input: inc.incidentListInput,
    output: inc.incidentPage,
  }),
  'incidents.update': method({
    summary: 'Save changed fields on top of `version`. Another console saved since? Nothing is written: the answer is `conflict` with their changes.',
    permission: 'incidents.manage',
    audit: 'write',
    input: z.object({ id, version: z.number().int(), patch: inc.incidentPatch }),
    output: inc.saveOutcome,
  }),
  'incidents.setStatus': method({
    summary: 'Move an incident along new → in progress → resolved → closed, or reopen it; versioned like a save.',
    permission: 'incidents.manage',
    audit: 'write',
    input: z.object({
      id,
      version: z.number().int(),
      status: inc.incidentStatus,
      note: z.string().max(inc.MAX_COMMENT, 'text_too_long').default(''),
    }),
    output: inc.saveOutcome,
  }),
  'incidents.comment': method({
    summary: 'Add a comment to the timeline, or a correction of an earlier entry (entries are never edited).',
    permission: 'incidents.manage',
    audit: 'write',
    input: z.object({ id, text: z.string().trim().min(1).max(inc.MAX_COMMENT, 'text_too_long'), corrects: z.number().int().optional() }),
    output: inc.timelineEntry,
  }),
  'incidents.attach': method({
    summary: 'Attach staged files (snapshots, uploads) or a recording bookmark/export by reference.',
    permission: 'incidents.manage',
    audit: 'write',
    input: z.object({
      id,
      staged: z.array(id).max(20).default([]),
      refs: z
        .array(z.object({ kind: z.enum(['bookmark', 'export']), ref: z.string().min(1).max(200), name: z.string().trim().min(1).max(200) }))
        .max(20)
        .default([]),
    }),
    output: z.array(inc.attachment),
  }),
  'incidents.discardStaged': method({
    summary: 'Drop a staged snapshot or upload that will not be attached.',
    permission: 'incidents.manage',
    audit: 'none',
    input: z.object({ id }),
    output: z.object({ id }),
  }),
  'incidents.filters': method({
    summary: "The caller's saved filters.",
    permission: 'incidents.view',
    audit: 'none',
    input: z.object({}),
    output: z.array(inc.savedFilter),
  }),
  'incidents.saveFilter': method({
    summary: 'Save the current filters under a name (replaces one of the same name).',
    permission: 'incidents.view',
    audit: 'none',
    input: z.object({ name: z.string().trim().min(1).max(100), query: inc.incidentQuery }),
    output: inc.savedFilter,
  }),
  'incidents.deleteFilter': method({
    summary: 'Delete one of the caller’s saved filters.',
    permission: 'incidents.view',
    audit: 'none',
    input: z.object({ id }),
    output: z.object({ id }),
  }),
} as const;

export const alarmsApi = {
  'alarms.queue': method({
    summary: 'Open alarms (not acknowledged), most urgent first; one row per camera and kind with a count.',
    permission: 'alarms.handle',
    audit: 'none',
    input: z.object({}),
    output: z.object({ alarms: z.array(al.alarm), snoozes: z.array(al.snooze) }),
  }),
  'alarms.history': method({
    summary: 'Alarms raised in a period, newest first, paged by `before`.',
    permission: 'alarms.handle',
    audit: 'none',
    targets: { cameraId: 'camera' },
    input: al.alarmHistoryQuery,
    output: z.object({ alarms: z.array(al.alarm), next: z.number().int().nullable() }),
  }),
  'alarms.acknowledge': method({
    summary: 'Acknowledge alarms (who, when, a note); the next one of that camera and kind opens a new row.',
    permission: 'alarms.handle',
    audit: 'write',
    input: z.object({ ids: z.array(id).min(1).max(500), note: z.string().max(1000, 'text_too_long').default('') }),
    output: z.object({ acknowledged: z.number().int() }),
  }),
  'alarms.escalate': method({
    summary: 'Turn an alarm into an incident (fields prefilled by the client, edited by the officer); the alarm is acknowledged and linked.',
    permission: 'incidents.manage',
    audit: 'write',
    input: z.object({ alarmId: id, incident: inc.incidentCreate }),
    output: inc.incident,
  }),
  'alarms.snooze': method({
    summary: "Silence one camera's alarms until a time (0 lifts it); what arrives meanwhile is counted, not queued.",
    permission: 'alarms.handle',
    audit: 'write',
    targets: { cameraId: 'camera' },
    input: z.object({
      cameraId: id,
      minutes: z
        .number()
        .int()
        .min(0)
        .max(7 * 24 * 60),
      note: z.string().max(500, 'text_too_long').default(''),
    }),
    output: z.object({ cameraId: id, until: z.number().nullable() }),
  }),
  'alarms.rule': method({
    summary: "A camera's alarm rule (the default when none was set) and its snooze.",
    permission: 'alarms.handle',
    audit: 'none',
    targets: { cameraId: 'camera' },
    input: z.object({ cameraId: id }),
    output: al.cameraAlarmRule,
  }),
  'alarms.setRule': method({
    summary: 'Set which events raise alarms for a camera, in which weekly hours and at what priority (`null` returns to the default).',
    permission: 'alarms.configure',
    audit: 'write',
    targets: { cameraId: 'camera' },
    input: z.object({ cameraId: id, rule: al.alarmRule.nullable() }),
    output: al.cameraAlarmRule,
  }),
} as const;

export const shiftApi = {
  'shift.preview': method({
    summary: 'The report of the shift so far (from the last handover, or the given time) for the caller’s areas.',
    permission: 'shift.handover',
    audit: 'none',
    input: z.object({ from: z.number().int().min(0).optional() }),
    output: sh.shiftReport,
  }),
  'shift.signOff': method({
    summary: 'Sign the shift off: the report is frozen with the outgoing officer’s notes and can no longer change.',
    permission: 'shift.handover',
    audit: 'write',
    input: z.object({ from: z.number().int().min(0), notes: z.string().max(sh.MAX_HANDOVER_NOTES, 'text_too_long').default('') }),
    output: sh.handover,
  }),
  'shift.acknowledge': method({
    summary: 'The incoming officer takes the shift over (someone other than who signed it off).',
    permission: 'shift.handover',
    audit: 'write',
    input: z.object({ id, note: z.string().max(2000, 'text_too_long').default('') }),
    output: sh.handover,
  }),
  'shift.addNote': method({
    summary: 'Add a note or a correction to a signed handover (a new entry; the handover itself never changes).',
    permission: 'shift.handover',
    audit: 'write',
    input: z.object({ id, kind: z.enum(['note', 'correction']), text: z.string().trim().min(1).max(4000, 'text_too_long') }),
    output: sh.handover,
  }),
  'shift.list': method({
    summary: 'Handovers, newest first.',
    permission: 'shift.handover',
    audit: 'none',
    input: z.object({ before: z.number().int().optional(), limit: z.number().int().min(1).max(100).default(30) }),
    output: z.array(sh.handoverSummary),
  }),
  'shift.get': method({
    summary: 'One handover with its report and later entries.',
    permission: 'shift.handover',
    audit: 'none',
    input: z.object({ id }),
    output: sh.handover,
  }),
} as const;
