// The incident log's, alarm queue's and shift handover's contract methods, bound to their services
// (spread into createHandlers). Permission, lock, scope targets and audit are the dispatcher's.
import type { alarmsApi, incidentsApi, shiftApi } from '../../shared/contract/incidents-api';
import type { CoreServices } from '../services';
import type { Handlers } from './dispatcher';

type Names = keyof typeof incidentsApi | keyof typeof alarmsApi | keyof typeof shiftApi;

/** Drops absent fields, so optional query fields stay absent rather than `undefined`. */
function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function incidentHandlers(s: CoreServices): Pick<Handlers, Names> {
  return {
    'incidents.categories': () => s.incidents.categories(),
    'incidents.saveCategory': (i) => s.incidents.saveCategory(i),
    'incidents.assignees': () => s.incidents.assignees(),
    'incidents.snapshot': async ({ cameraId }, ctx) => {
      const shot = await s.snapshots.take(cameraId);
      return s.incidentFiles.stageSnapshot(ctx.principal, cameraId, s.register.camera(cameraId).name, shot);
    },
    'incidents.create': (i, ctx) => s.incidents.create(ctx.principal, i),
    'incidents.get': ({ id }, ctx) => s.incidents.get(ctx.principal, id),
    'incidents.list': (i, ctx) => s.incidents.list(ctx.principal, i),
    'incidents.update': ({ id, version, patch }, ctx) => s.incidents.update(ctx.principal, id, version, patch),
    'incidents.setStatus': ({ id, version, status, note }, ctx) => s.incidents.setStatus(ctx.principal, id, version, status, note),
    'incidents.comment': ({ id, text, corrects }, ctx) => s.incidents.comment(ctx.principal, id, text, corrects),
    'incidents.attach': ({ id, staged, refs }, ctx) => s.incidents.attach(ctx.principal, id, staged, refs),
    'incidents.discardStaged': async ({ id }, ctx) => {
      await s.incidentFiles.discard(ctx.principal, id);
      return { id };
    },
    'incidents.filters': (_i, ctx) => s.incidents.filters(ctx.principal),
    'incidents.saveFilter': ({ name, query }, ctx) => s.incidents.saveFilter(ctx.principal, name, query),
    'incidents.deleteFilter': ({ id }, ctx) => s.incidents.deleteFilter(ctx.principal, id),

    'alarms.queue': (_i, ctx) => s.alarms.queue(ctx.principal),
    'alarms.history': ({ limit, ...q }, ctx) => s.alarms.history(ctx.principal, { limit, ...defined(q) }),
    'alarms.acknowledge': ({ ids, note }, ctx) => ({ acknowledged: s.alarms.acknowledge(ctx.principal, ids, note) }),
    'alarms.escalate': ({ alarmId, incident }, ctx) => s.alarms.escalate(ctx.principal, alarmId, incident),
    'alarms.snooze': ({ cameraId, minutes, note }, ctx) => s.alarms.snooze(ctx.principal, cameraId, minutes, note),
    'alarms.rule': ({ cameraId }) => s.alarms.rule(cameraId),
    'alarms.setRule': ({ cameraId, rule }, ctx) => s.alarms.setRule(ctx.principal, cameraId, rule),

    'shift.preview': ({ from }, ctx) => s.shift.preview(ctx.principal, from),
    'shift.signOff': ({ from, notes }, ctx) => s.shift.signOff(ctx.principal, from, notes),
    'shift.acknowledge': ({ id, note }, ctx) => s.shift.acknowledge(ctx.principal, id, note),
    'shift.addNote': ({ id, kind, text }, ctx) => s.shift.addNote(ctx.principal, id, kind, text),
    'shift.list': ({ before, limit }, ctx) => s.shift.list(ctx.principal, before, limit),
    'shift.get': ({ id }, ctx) => s.shift.get(ctx.principal, id),
  };
}
