// The report of a shift, for the areas the officer may see: incidents opened, changed and closed
// (from the incident timeline), what the next shift inherits, alarms and how they were handled,
// cameras that went offline or came back, and from the audit trail PTZ takeovers, exports and
// snoozes. Every list is bounded (a storm or a seeded store must not make a 50 MB minute); counts
// cover everything.
import { ALARM_KINDS, type Alarm, type ShiftReport } from '../../shared/contract';
import type { AccessPolicy } from '../auth/access-policy';
import type { Principal } from '../auth/principal';
import type { AlarmRepository } from '../alarms/alarm-repository';
import type { IncidentRepository, StoredIncident } from '../incidents/incident-repository';
import type { RecordRepository } from '../incidents/record-repository';
import { matchExpression } from '../incidents/search-text';
import type { AuditLine, ShiftRepository } from './shift-repository';

const MAX_ROWS = 200;
const MAX_ENTRIES = 20_000;

/**
 * Audit actions the report quotes. `ptz.takeover` is written by the PTZ branch's controller and
 * `export.start` by the recording branch's evidence export: until they land these lists are empty.
 */
export const HANDOVER_AUDIT = {
  ptz: ['ptz.takeover'],
  exports: ['export.start', 'download.incidents.xlsx', 'download.incidents.pdf'],
  snoozes: ['alarms.snooze'],
} as const;

export interface ReportDeps {
  incidents: IncidentRepository;
  records: RecordRepository;
  alarms: AlarmRepository;
  shifts: ShiftRepository;
  access: AccessPolicy;
}

const reportIncident = (i: StoredIncident) => ({
  id: i.id,
  number: i.number,
  title: i.title,
  status: i.status,
  categoryId: i.categoryId,
  severity: i.severity,
  occurredAt: i.occurredAt,
  areaName: i.areaName,
});

const reportAlarm = (a: Alarm) => ({
  id: a.id,
  kind: a.kind,
  priority: a.priority,
  cameraName: a.cameraName,
  firstAt: a.firstAt,
  count: a.count,
  ackedByName: a.ackedByName,
  ackedAt: a.ackedAt,
  ackNote: a.ackNote,
  incidentNumber: a.incidentNumber,
});

function detailOf(l: AuditLine): string | null {
  const d = l.details;
  const parts: string[] = [];
  for (const k of ['from', 'minutes', 'note', 'rows', 'reason', 'cameraName']) {
    const v = d[k];
    if (v !== undefined && v !== null && v !== '') parts.push(`${k}: ${String(v).slice(0, 120)}`);
  }
  return parts.length ? parts.join('; ') : null;
}

export function buildShiftReport(d: ReportDeps, p: Principal, from: number, to: number): ShiftReport {
  let truncated = false;
  const cap = <T>(list: T[]): T[] => {
    if (list.length <= MAX_ROWS) return list;
    truncated = true;
    return list.slice(0, MAX_ROWS);
  };
  const visibleAreas = d.access.visibleAreas(p);

  // Incidents: what their timelines say happened in the shift.
  const entries = d.records.entriesBetween(from, to, MAX_ENTRIES);
  if (entries.length === MAX_ENTRIES) truncated = true;
  const touched = new Map(
    d.incidents
      .byIds([...new Set(entries.map((e) => e.incidentId))])
      .filter((i) => d.access.areaVisible(p, i.areaId))
      .map((i) => [i.id, i]),
  );
  const opened = new Set<string>();
  const closed = new Set<string>();
  const changed = new Set<string>();
  for (const e of entries) {
    if (!touched.has(e.incidentId)) continue;
    if (e.kind === 'created') opened.add(e.incidentId);
    else if (e.kind === 'status' && e.changes.some((c) => c.field === 'status' && c.after === 'closed')) closed.add(e.incidentId);
    else changed.add(e.incidentId);
  }
  const pick = (ids: Set<string>) => cap([...ids].map((id) => reportIncident(touched.get(id)!)).sort((a, b) => a.occurredAt - b.occurredAt));
  const carried = d.incidents.open(
    matchExpression({ text: '', statuses: ['new', 'in_progress', 'resolved'] }, visibleAreas ? [...visibleAreas] : null)!,
    MAX_ROWS + 1,
  );
  if (carried.length > MAX_ROWS) truncated = true;

  // Alarms raised in the shift, and every one still open.
  const visibleAlarm = (a: Alarm) => (a.cameraId ? d.access.cameraVisible(p, a.cameraId) : visibleAreas === null);
  const raised = d.alarms.history({ from, to }, MAX_ENTRIES).filter(visibleAlarm);
  if (raised.length === MAX_ENTRIES) truncated = true;
  const open = d.alarms.open().filter(visibleAlarm);
  const byKind = ALARM_KINDS.map((kind) => {
    const rows = raised.filter((a) => a.kind === kind);
    return {
      kind,
      rows: rows.length,
      raised: rows.reduce((n, a) => n + a.count, 0),
      acknowledged: rows.filter((a) => a.ackedAt !== null).length,
      escalated: rows.filter((a) => a.incidentId !== null).length,
      open: rows.filter((a) => a.ackedAt === null).length,
    };
  }).filter((k) => k.rows > 0);

  const cameras = d.alarms
    .offlineBetween(from, to, MAX_ROWS + 1)
    .filter(visibleAlarm)
    .map((a) => ({
      cameraId: a.cameraId!,
      cameraName: a.cameraName,
      offlineAt: a.firstAt,
      backAt: a.clearedAt !== null && a.clearedAt < to ? a.clearedAt : null,
      reason: a.detail,
    }));

  const names = new Map<string, string | null>();
  const cameraName = (id: string) => {
    if (!names.has(id)) names.set(id, d.incidents.names('cameras', [id]).get(id) ?? null);
    return names.get(id)!;
  };
  const lines = (actions: readonly string[]) =>
    cap(
      d.shifts
        .audit(actions, from, to, MAX_ROWS * 5)
        .filter((l) => {
          const camera = l.targetKind === 'camera' ? l.targetId : typeof l.details.cameraId === 'string' ? l.details.cameraId : null;
          return camera ? d.access.cameraVisible(p, camera) : visibleAreas === null;
        })
        .map((l) => {
          const camera = l.targetKind === 'camera' ? l.targetId : typeof l.details.cameraId === 'string' ? l.details.cameraId : null;
          const name = l.targetName ?? (camera ? cameraName(camera) : null);
          return { at: l.at, who: l.actorName, action: l.action, target: name, detail: detailOf(l) };
        }),
    );

  return {
    from,
    to,
    scope: p.scope.length ? [...d.incidents.names('areas', p.scope).values()] : [],
    incidents: { opened: pick(opened), changed: pick(changed), closed: pick(closed), carriedOver: carried.slice(0, MAX_ROWS).map(reportIncident) },
    alarms: {
      byKind,
      notable: cap(raised.filter((a) => a.priority === 'critical' || a.priority === 'high').map(reportAlarm)),
      open: cap(open.map(reportAlarm)),
    },
    cameras: cap(cameras),
    ptz: lines(HANDOVER_AUDIT.ptz),
    exports: lines(HANDOVER_AUDIT.exports),
    snoozes: lines(HANDOVER_AUDIT.snoozes),
    truncated,
  };
}
