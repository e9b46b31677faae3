// What a save changed, field by field: written to the timeline with every save, and shown to a
// console whose save came second (the other saves since the version it started from).
import {
  INCIDENT_FIELDS,
  type FieldChange,
  type FieldValue,
  type Incident,
  type IncidentFields,
  type IncidentPatch,
  type TimelineEntry,
} from '../../shared/contract';

export function fieldsOf(i: Incident): IncidentFields {
  return {
    occurredAt: i.occurredAt,
    categoryId: i.categoryId,
    severity: i.severity,
    areaId: i.areaId,
    pointId: i.pointId,
    lat: i.lat,
    lon: i.lon,
    cameraIds: i.cameraIds,
    title: i.title,
    description: i.description,
    people: i.people,
    vehicles: i.vehicles,
    assigneeId: i.assigneeId,
    units: i.units,
  };
}

const same = (a: FieldValue, b: FieldValue) =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x, i) => x === b[i]) : a === b;

/** The fields of `patch` whose value differs from `current`, in the contract's field order. */
export function changesOf(current: IncidentFields, patch: IncidentPatch): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of INCIDENT_FIELDS) {
    if (!(field in patch) || patch[field] === undefined) continue;
    const before = current[field] as FieldValue;
    const after = patch[field] as FieldValue;
    if (!same(before, after)) out.push({ field, before, after });
  }
  return out;
}

/** The timeline's saves as the conflict answer lists them. */
export function otherSaves(entries: TimelineEntry[]): { version: number; at: number; by: string | null; changes: FieldChange[] }[] {
  return entries.map((e) => ({ version: e.version, at: e.at, by: e.actorName, changes: e.changes }));
}
