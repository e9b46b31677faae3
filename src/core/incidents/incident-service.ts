// The incident log: numbering per year (in one transaction with the insert), fields and their
// place in the register, optimistic concurrency (a save names its version; a later save is told
// what the earlier changed and writes nothing), status moves, the append-only timeline, and every
// list and lookup limited to the caller's areas. Files are incident-files.ts's.
import { randomUUID } from 'node:crypto';
import {
  incidentSummary,
  STATUS_MOVES,
  type Incident,
  type IncidentCategory,
  type IncidentCreateInput,
  type IncidentDetail,
  type IncidentFields,
  type IncidentPatch,
  type IncidentQuery,
  type IncidentStatus,
  type IncidentSummary,
  type SaveOutcome,
  type TimelineEntry,
} from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { AccessPolicy } from '../auth/access-policy';
import type { Principal } from '../auth/principal';
import type { EventBus } from '../events/event-bus';
import { changesOf, fieldsOf, otherSaves } from './changes';
import type { IncidentFiles } from './incident-files';
import type { IncidentRepository, IncidentWrite, StoredIncident } from './incident-repository';
import type { RecordRepository, TimelineData } from './record-repository';
import { matchExpression, ridCeil, ridFloor, type IndexedFields } from './search-text';

export interface IncidentServiceDeps {
  incidents: IncidentRepository;
  records: RecordRepository;
  files: IncidentFiles;
  access: AccessPolicy;
  events: EventBus;
  /** The console's zone: an incident's number takes the year it was logged in, there. */
  timeZone: () => string;
  /** The recordings an incident rests on (absent where the log runs without a recorder). */
  recordings?: IncidentRecordings;
  now?: () => number;
}

/** What the incident log asks of the recorder (recording-links.ts builds it). */
export interface IncidentRecordings {
  /** The name of a bookmark or export the caller may see; null when there is none for them. */
  refName(p: Principal, kind: 'bookmark' | 'export', ref: string): string | null;
  /** Keeps each camera's video around the time the incident happened from deletion. */
  hold(i: Pick<Incident, 'id' | 'number' | 'occurredAt' | 'cameraIds'>, byUserId: string | null): void;
}

const years = new Map<string, Intl.DateTimeFormat>();
export function yearIn(ms: number, timeZone: string): number {
  let f = years.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' });
    } catch {
      f = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' });
    }
    years.set(timeZone, f);
  }
  return Number(f.format(ms));
}

/** What leaves the core: the stored row without its storage keys. */
export function publicIncident(s: StoredIncident): Incident {
  const { rid: _r, year: _y, seq: _s, createdBy: _c, ...rest } = s;
  return rest;
}

// The summary's fields are the contract's: one list, so a field added there is carried here too.
const SUMMARY_KEYS = Object.keys(incidentSummary.shape) as (keyof IncidentSummary)[];

function summary(s: StoredIncident): IncidentSummary {
  return Object.fromEntries(SUMMARY_KEYS.map((k) => [k, s[k]])) as IncidentSummary;
}

const actor = (p: Principal) => ({ actorId: p.user.id, actorName: p.user.displayName });

export class IncidentService {
  private readonly now: () => number;

  constructor(private readonly d: IncidentServiceDeps) {
    this.now = d.now ?? Date.now;
  }

  // ---- reference data -------------------------------------------------------------------------

  categories(): IncidentCategory[] {
    return this.d.incidents.categories();
  }

  saveCategory(input: { id?: string; nameVi: string; nameEn: string; disabled: boolean; sort: number }): IncidentCategory {
    const existing = input.id ? this.d.incidents.category(input.id) : null;
    // A new category's id is made from its English name (letters and digits: it is a search facet).
    const id = existing?.id ?? input.id ?? this.newCategoryId(input.nameEn);
    this.d.incidents.saveCategory({ id, nameVi: input.nameVi, nameEn: input.nameEn, disabled: input.disabled, sort: input.sort });
    return this.d.incidents.category(id)!;
  }

  private newCategoryId(nameEn: string): string {
    const base = (nameEn.toLowerCase().replace(/[^a-z0-9]/g, '') || 'category').slice(0, 30);
    for (let n = 0; ; n++) {
      const id = n === 0 ? base : `${base}${n + 1}`;
      if (!this.d.incidents.category(id)) return id;
    }
  }

  assignees(): { id: string; displayName: string; username: string }[] {
    return this.d.incidents.usersWithPermission('incidents.manage');
  }

  cameraNames(ids: readonly string[]): Map<string, string> {
    return this.d.incidents.names('cameras', ids);
  }

  // ---- scope ----------------------------------------------------------------------------------

  private visible(p: Principal, i: StoredIncident): boolean {
    return this.d.access.areaVisible(p, i.areaId);
  }

  /** The incident if it exists and the caller may see it; `not_found` either way otherwise. */
  private load(p: Principal, id: string): StoredIncident {
    const i = this.d.incidents.get(id);
    if (!i || !this.visible(p, i)) throw new AppError('not_found', { kind: 'incident', id });
    return i;
  }

  /**
   * Fills point and area from the cameras and the point, checks each against the caller's scope
   * (out of scope reads as not_found, like a record that does not exist), and collects the names
   * the search index holds.
   */
  private place(p: Principal, f: IncidentFields): { fields: IncidentFields; names: string[] } {
    const names: string[] = [];
    let { areaId, pointId, lat, lon } = f;
    for (const cameraId of f.cameraIds) {
      const cam = this.d.incidents.cameraPlace(cameraId);
      if (!cam || !this.d.access.cameraVisible(p, cameraId)) throw new AppError('not_found', { kind: 'camera', id: cameraId });
      names.push(cam.name);
      pointId ??= cam.pointId;
    }
    if (pointId) {
      const pt = this.d.incidents.point(pointId);
      if (!pt || !this.d.access.pointVisible(p, pointId)) throw new AppError('not_found', { kind: 'point', id: pointId });
      // The point decides the area: an incident at a point of ward A is ward A's.
      areaId = pt.areaId;
      lat ??= pt.lat;
      lon ??= pt.lon;
      names.push(pt.name);
    }
    if (!this.d.access.areaVisible(p, areaId)) throw new AppError('not_found', { kind: 'area', id: areaId ?? '' });
    if (areaId) names.push(...this.d.incidents.names('areas', [areaId]).values());
    if (!this.d.incidents.category(f.categoryId)) throw new AppError('not_found', { kind: 'category', id: f.categoryId });
    if (f.assigneeId && !this.d.incidents.userExists(f.assigneeId)) throw new AppError('not_found', { kind: 'user', id: f.assigneeId });
    return { fields: { ...f, areaId, pointId, lat, lon, cameraIds: [...new Set(f.cameraIds)] }, names };
  }

  private indexed(w: IncidentWrite, number: string, names: string[]): IndexedFields {
    return { ...w, number, placeNames: names };
  }

  // ---- create ---------------------------------------------------------------------------------

  async create(p: Principal, input: IncidentCreateInput, link: { alarmId?: string } = {}): Promise<Incident> {
    if (input.id) {
      const existing = this.d.incidents.get(input.id);
      if (existing) {
        // The same request again (its answer was lost): the first one's incident, not a second.
        if (existing.createdBy === p.user.id && this.visible(p, existing)) return publicIncident(existing);
        throw new AppError('conflict', { kind: 'incident', id: input.id });
      }
    }
    const { attachments: stagedIds, id: clientId, ...rest } = input;
    const now = this.now();
    const { fields, names } = this.place(p, { ...rest, occurredAt: rest.occurredAt ?? now });
    const category = this.d.incidents.category(fields.categoryId)!;
    if (category.disabled) throw new AppError('bad_request', { field: 'categoryId', problem: 'disabled' });
    const staged = this.d.files.ownStaged(p, stagedIds);
    const id = clientId ?? randomUUID();
    const year = yearIn(now, this.d.timeZone());
    const moved = await this.d.files.moveIn(staged, now);
    try {
      const made = this.d.incidents.transaction(() => {
        const seq = this.d.incidents.nextSeq(year);
        const w: IncidentWrite = {
          ...fields,
          rid: this.d.incidents.freeRid(fields.occurredAt),
          id,
          year,
          seq,
          loggedAt: now,
          status: 'new',
          createdBy: p.user.id,
          createdByName: p.user.displayName,
          updatedAt: now,
          updatedByName: p.user.displayName,
          version: 1,
          closedAt: null,
        };
        this.d.incidents.insert(w, this.indexed(w, `${year}-${String(seq).padStart(6, '0')}`, names));
        this.d.records.append(id, { ...actor(p), at: now, kind: 'created', version: 1, data: {} });
        if (link.alarmId) this.d.records.append(id, { ...actor(p), at: now, kind: 'alarm', version: 1, data: { alarmId: link.alarmId } });
        this.d.files.record(p, id, moved, now);
        return this.d.incidents.get(id)!;
      });
      this.publish(made, 'created', p);
      this.d.recordings?.hold(made, p.user.id);
      return publicIncident(made);
    } catch (err) {
      await this.d.files.moveBack(moved);
      throw err;
    }
  }

  // ---- read -----------------------------------------------------------------------------------

  get(p: Principal, id: string): IncidentDetail {
    const i = this.load(p, id);
    return { incident: publicIncident(i), timeline: this.d.records.timeline(id), attachments: this.d.files.list(id) };
  }

  /** The areas a list may show: under the chosen area, within the scope; null = no limit. */
  private listAreas(p: Principal, areaId: string | undefined): string[] | null {
    if (areaId) return this.d.access.areasUnder(p, areaId);
    const visible = this.d.access.visibleAreas(p);
    return visible ? [...visible] : null;
  }

  list(p: Principal, q: IncidentQuery & { before?: number; limit: number }): { items: IncidentSummary[]; next: number | null } {
    const rows = this.page(p, q, q.before, q.limit);
    return { items: rows.items.map(summary), next: rows.next };
  }

  /** One page of stored rows (lists and exports). */
  page(p: Principal, q: IncidentQuery, before: number | undefined, limit: number): { items: StoredIncident[]; next: number | null } {
    const match = matchExpression(q, this.listAreas(p, q.areaId));
    const max = Math.min(q.to !== undefined ? ridCeil(q.to) : Number.MAX_SAFE_INTEGER, before !== undefined ? before - 1 : Number.MAX_SAFE_INTEGER);
    const rids = this.d.incidents.searchRids(
      match,
      { min: q.from !== undefined ? ridFloor(q.from) : null, max: max === Number.MAX_SAFE_INTEGER ? null : max },
      limit + 1,
    );
    const items = this.d.incidents.byRids(rids.slice(0, limit));
    return { items, next: rids.length > limit ? rids[limit - 1]! : null };
  }

  // ---- change ---------------------------------------------------------------------------------

  private conflict(current: StoredIncident, version: number): SaveOutcome {
    return { outcome: 'conflict', incident: publicIncident(current), theirs: otherSaves(this.d.records.savesAfter(current.id, version)) };
  }

  update(p: Principal, id: string, version: number, patch: IncidentPatch): SaveOutcome {
    const current = this.load(p, id);
    if (current.version !== version) return this.conflict(current, version);
    const before = fieldsOf(current);
    const wanted: IncidentFields = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    // A new point moves the incident: its area and (unless given) its location follow the point.
    if (patch.pointId && patch.pointId !== before.pointId) {
      if (patch.lat === undefined) wanted.lat = null;
      if (patch.lon === undefined) wanted.lon = null;
    }
    const { fields, names } = this.place(p, wanted);
    const changes = changesOf(before, fields);
    if (changes.length === 0) return { outcome: 'saved', incident: publicIncident(current) };
    return this.write(p, current, fields, current.status, changes, names, 'updated', null);
  }

  setStatus(p: Principal, id: string, version: number, status: IncidentStatus, note: string): SaveOutcome {
    const current = this.load(p, id);
    if (current.version !== version) return this.conflict(current, version);
    if (!STATUS_MOVES[current.status].includes(status)) throw new AppError('status_move', { from: current.status, to: status });
    const names = this.placeNames(current);
    return this.write(
      p,
      current,
      fieldsOf(current),
      status,
      [{ field: 'status', before: current.status, after: status }],
      names,
      'status',
      note.trim() || null,
    );
  }

  private placeNames(i: StoredIncident): string[] {
    return [...this.d.incidents.names('cameras', i.cameraIds).values(), ...(i.pointName ? [i.pointName] : []), ...(i.areaName ? [i.areaName] : [])];
  }

  private write(
    p: Principal,
    current: StoredIncident,
    fields: IncidentFields,
    status: IncidentStatus,
    changes: TimelineData['changes'] & object,
    names: string[],
    kind: 'updated' | 'status',
    text: string | null,
  ): SaveOutcome {
    const now = this.now();
    const version = current.version + 1;
    const outcome = this.d.incidents.transaction((): SaveOutcome => {
      const rid = fields.occurredAt === current.occurredAt ? current.rid : this.d.incidents.freeRid(fields.occurredAt);
      const w: IncidentWrite = {
        ...current,
        ...fields,
        rid,
        status,
        updatedAt: now,
        updatedByName: p.user.displayName,
        version,
        closedAt: status === 'closed' ? (current.status === 'closed' ? current.closedAt : now) : null,
      };
      if (!this.d.incidents.update(current.rid, w, this.indexed(w, current.number, names), current.version)) {
        // Another core on the same file got there between our read and our write.
        return this.conflict(this.d.incidents.get(current.id)!, current.version);
      }
      this.d.records.append(current.id, { ...actor(p), at: now, kind, version, data: { changes, ...(text ? { text } : {}) } });
      return { outcome: 'saved', incident: publicIncident(this.d.incidents.get(current.id)!) };
    });
    if (outcome.outcome === 'saved') {
      this.publish(outcome.incident, kind === 'status' ? 'status' : 'updated', p);
      // A camera added, or the time corrected: that video is kept too.
      this.d.recordings?.hold(outcome.incident, p.user.id);
    }
    return outcome;
  }

  comment(p: Principal, id: string, text: string, corrects?: number): TimelineEntry {
    const i = this.load(p, id);
    if (corrects !== undefined && !this.d.records.entryOf(id, corrects))
      throw new AppError('not_found', { kind: 'timeline_entry', id: String(corrects) });
    const entry = this.d.records.append(id, {
      ...actor(p),
      at: this.now(),
      kind: corrects !== undefined ? 'correction' : 'comment',
      version: i.version,
      data: { text, ...(corrects !== undefined ? { corrects } : {}) },
    });
    this.publish(i, corrects !== undefined ? 'correction' : 'comment', p);
    return entry;
  }

  /** Attaches staged files and references to an incident the caller may see. */
  async attach(p: Principal, id: string, stagedIds: string[], refs: { kind: 'bookmark' | 'export'; ref: string; name: string }[]) {
    const i = this.load(p, id);
    // A reference must name a bookmark or export the caller may see; its own name is the one kept.
    const recordings = this.d.recordings;
    if (refs.length && recordings) {
      refs = refs.map((r) => {
        const name = recordings.refName(p, r.kind, r.ref);
        if (name === null) throw new AppError('not_found', { kind: r.kind, id: r.ref });
        return { ...r, name };
      });
    }
    const staged = this.d.files.ownStaged(p, stagedIds);
    const now = this.now();
    const moved = await this.d.files.moveIn(staged, now);
    try {
      const made = this.d.incidents.transaction(() => [
        ...this.d.files.record(p, id, moved, now, i.version),
        ...this.d.files.recordRefs({ id: p.user.id, name: p.user.displayName }, id, refs, now, i.version),
      ]);
      this.publish(i, 'attachment', p);
      return made;
    } catch (err) {
      await this.d.files.moveBack(moved);
      throw err;
    }
  }

  /**
   * An export made for an incident (by its id or its number) is attached to it when it finishes,
   * under the clerk's name. Unknown references are left alone: the export's case field is free text.
   */
  linkExport(incidentRef: string, exportId: string, name: string, by: { id: string | null; name: string | null }): boolean {
    const i = this.d.incidents.get(incidentRef) ?? this.d.incidents.byNumber(incidentRef);
    if (!i) return false;
    if (this.d.files.list(i.id).some((a) => a.kind === 'export' && a.ref === exportId)) return true;
    this.d.incidents.transaction(() => this.d.files.recordRefs(by, i.id, [{ kind: 'export', ref: exportId, name }], this.now(), i.version));
    this.d.events.publish({ type: 'incident.changed', incidentId: i.id, number: i.number, version: i.version, areaId: i.areaId, change: 'attachment', byName: by.name, at: this.now() });
    return true;
  }

  filters(p: Principal) {
    return this.d.records.filters(p.user.id);
  }

  saveFilter(p: Principal, name: string, query: IncidentQuery) {
    return this.d.records.saveFilter(p.user.id, name, query);
  }

  deleteFilter(p: Principal, id: string): { id: string } {
    if (!this.d.records.deleteFilter(p.user.id, id)) throw new AppError('not_found', { kind: 'filter', id });
    return { id };
  }

  /** The incident an attachment belongs to, if the caller may see it (downloads check this). */
  visibleIncident(p: Principal, id: string): Incident {
    return publicIncident(this.load(p, id));
  }

  private publish(i: Incident, change: 'created' | 'updated' | 'status' | 'comment' | 'attachment' | 'correction', p: Principal): void {
    this.d.events.publish({
      type: 'incident.changed',
      incidentId: i.id,
      number: i.number,
      version: i.version,
      areaId: i.areaId,
      change,
      byName: p.user.displayName,
      at: this.now(),
    });
  }
}
