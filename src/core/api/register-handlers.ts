// The register's methods (contract/register-api.ts) bound to their services. Scope: every list is
// limited to the caller's areas through AccessPolicy; records named by a `kind` + `id` pair (which
// `targets` cannot declare) are checked here the same way, absent and out of scope alike not_found.
import type { TargetKind } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { Principal } from '../auth/principal';
import type { Actor } from '../register/history-repository';
import { testConnection } from '../register/connection-test';
import type { CoreServices } from '../services';
import type { Handlers } from './dispatcher';

type RegisterMethods = Extract<keyof Handlers, `register.${string}`>;
export const actorOf = (p: Principal): Actor => ({ id: p.user.id, name: p.user.displayName || p.user.username });

function mustSee(s: CoreServices, p: Principal, kind: TargetKind, id: string): void {
  if (!s.access.targetVisible(p, kind, id)) throw new AppError('not_found', { kind, id });
}

export function registerHandlers(
  s: CoreServices,
): Pick<
  Handlers,
  Exclude<RegisterMethods, 'register.tree' | 'register.createArea' | 'register.createPoint' | 'register.createCamera' | 'register.setPreferredStream'>
> {
  const q = s.registerQuery;
  return {
    'register.cameras': ({ filter, sort, descending, offset, limit }, ctx) =>
      q.cameras(q.toQuery(filter, s.access.listAreas(ctx.principal, filter.areaIds)), sort, descending, offset, limit),
    'register.cameraIds': ({ filter }, ctx) => ({ ids: q.cameraIds(q.toQuery(filter, s.access.listAreas(ctx.principal, filter.areaIds))) }),
    'register.camera': ({ id }) => s.register.cameraRecord(id),
    'register.updateCamera': (i, ctx) => s.register.updateCamera(i, actorOf(ctx.principal)),
    'register.setDisabled': ({ kind, id, disabled }, ctx) => {
      mustSee(s, ctx.principal, kind, id);
      s.register.setDisabled(kind, id, disabled, actorOf(ctx.principal));
      return { id };
    },
    'register.delete': ({ kind, id }, ctx) => {
      mustSee(s, ctx.principal, kind, id);
      s.register.delete(kind, id, actorOf(ctx.principal));
      return { id };
    },
    'register.bulkStatus': ({ ids, status }, ctx) => {
      const hidden = s.access.camerasVisible(ctx.principal, ids);
      if (hidden) throw new AppError('not_found', { kind: 'camera', id: hidden });
      return { changed: s.register.bulkStatus(ids, status, actorOf(ctx.principal)) };
    },
    'register.bulkMove': ({ ids, pointId }, ctx) => {
      const hidden = s.access.camerasVisible(ctx.principal, ids);
      if (hidden) throw new AppError('not_found', { kind: 'camera', id: hidden });
      return { changed: s.register.bulkMove(ids, pointId, actorOf(ctx.principal)) };
    },
    'register.points': ({ areaId, query, offset, limit }, ctx) => {
      if (areaId) mustSee(s, ctx.principal, 'area', areaId);
      return q.points(s.access.listAreas(ctx.principal, areaId ? [areaId] : []), query, offset, limit);
    },
    'register.point': ({ id }) => s.register.pointRecord(id),
    'register.savePoint': (i, ctx) => {
      if (!i.create) mustSee(s, ctx.principal, 'point', i.id);
      return s.register.savePoint(i, actorOf(ctx.principal));
    },
    'register.areas': (_i, ctx) => {
      const visible = s.access.visibleAreas(ctx.principal);
      return s.areas.records().filter((a) => !visible || visible.has(a.id));
    },
    'register.updateArea': ({ id, name, kind }, ctx) => s.areas.update(id, name, kind, actorOf(ctx.principal)),
    'register.renameArea': ({ id, name, from }, ctx) => s.areas.rename(id, name, from, actorOf(ctx.principal)),
    'register.moveArea': ({ id, parentId, from }, ctx) => s.areas.move(id, parentId, from, actorOf(ctx.principal)),
    'register.mergeAreas': (i, ctx) => {
      for (const id of i.sourceIds) mustSee(s, ctx.principal, 'area', id);
      if ('id' in i.into) mustSee(s, ctx.principal, 'area', i.into.id);
      // A new area at the top level is the whole centre's business, not a ward account's.
      if (!('id' in i.into) && i.parentId === null && ctx.principal.scope.length > 0) throw new AppError('not_found', { kind: 'area', id: '' });
      return s.areas.merge(i, actorOf(ctx.principal));
    },
    'register.splitArea': (i, ctx) => s.areas.split(i, actorOf(ctx.principal)),
    'register.categories': () => q.categories(),
    'register.saveCategory': ({ id, name, disabled }) => {
      const made = q.saveCategory(id, name, disabled);
      s.events.publish({ type: 'register.changed' });
      return made;
    },
    'register.history': ({ kind, id }, ctx) => {
      // A deleted record's history is for the whole centre's staff (its area may be gone too).
      if (ctx.principal.scope.length > 0) mustSee(s, ctx.principal, kind, id);
      return s.register.history(kind, id);
    },
    'register.stats': ({ asOf }, ctx) => s.stats.report(asOf, s.access.visibleAreas(ctx.principal)),
    'register.compliance': ({ areaId, list, covered }, ctx) => q.compliance(s.access.listAreas(ctx.principal, areaId ? [areaId] : []), list, covered),
    'register.duplicates': ({ metres, degrees, limit }, ctx) => q.duplicates(s.access.visibleAreas(ctx.principal), metres, degrees, limit),
    'register.testConnection': async ({ rtspMain, username, password, cameraId, rtspTransport }, ctx) => {
      let pw = password;
      let user = username;
      if (cameraId && !pw) {
        mustSee(s, ctx.principal, 'camera', cameraId);
        const stored = s.register.source(cameraId, 'main');
        pw = stored.password ?? null;
        user ??= stored.username ?? null;
      }
      return testConnection({ url: rtspMain.trim(), username: user, password: pw, transport: rtspTransport }, s.ffprobePath);
    },
    'register.importPreview': ({ uploadId }, ctx) => s.registerImport.preview(uploadId, ctx.principal),
    'register.importCommit': ({ uploadId }, ctx) => s.registerImport.commit(uploadId, ctx.principal),
    'register.importBoundaries': ({ uploadId }, ctx) => s.registerImport.boundaries(uploadId, actorOf(ctx.principal)),
  };
}
