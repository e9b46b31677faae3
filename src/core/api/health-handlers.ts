// Handlers of the health dashboard, repair tickets and maintenance (contract/health-api.ts).
import { AppError } from '../../shared/errors';
import type { Principal } from '../auth/principal';
import type { CoreServices } from '../services';
import type { Handlers } from './dispatcher';

type HealthHandlers = Pick<
  Handlers,
  | 'health.dashboard'
  | 'health.history'
  | 'health.probeNow'
  | 'repair.list'
  | 'repair.get'
  | 'repair.open'
  | 'repair.update'
  | 'repair.close'
  | 'repair.addPhoto'
  | 'repair.assignees'
  | 'repair.saveAssignee'
  | 'maintenance.list'
  | 'maintenance.save'
  | 'maintenance.done'
>;

/** Whether a ticket is the caller's to see: a camera or point in their areas (or no scope at all). */
export function ticketVisible(s: CoreServices, p: Principal, t: { cameraId: string | null; pointId: string | null }): boolean {
  if (p.scope.length === 0) return true;
  const tree = s.access.filterTree(p, s.register.tree());
  return t.cameraId ? tree.cameras.some((c) => c.id === t.cameraId) : tree.points.some((x) => x.id === t.pointId);
}

export function healthHandlers(s: CoreServices): HealthHandlers {
  /** The caller's cameras (null: the whole centre). */
  const visibleCameras = (p: Principal): ((id: string) => boolean) | null => {
    if (p.scope.length === 0) return null;
    const ids = new Set(s.access.filterTree(p, s.register.tree()).cameras.map((c) => c.id));
    return (id) => ids.has(id);
  };
  const visibleTicket = (p: Principal, t: { cameraId: string | null; pointId: string | null }) => ticketVisible(s, p, t);
  const ticket = (p: Principal, id: string) => {
    const t = s.repair.get(id);
    if (!visibleTicket(p, t)) throw new AppError('not_found', { kind: 'ticket', id });
    return t;
  };
  return {
    'health.dashboard': (_i, ctx) => s.healthDashboard.build(visibleCameras(ctx.principal)),
    'health.history': ({ cameraId }) => ({ changes: s.healthRepo.changes(cameraId), tickets: s.repair.history(cameraId) }),
    'health.probeNow': async ({ cameraId }) => (s.monitor ? s.monitor.probeNow(cameraId) : { ok: false, reason: null }),
    'repair.list': ({ status, limit }, ctx) => {
      const list = s.repair.list(status, limit);
      return ctx.principal.scope.length === 0 ? list : list.filter((t) => visibleTicket(ctx.principal, t));
    },
    'repair.get': ({ id }, ctx) => ticket(ctx.principal, id),
    'repair.open': (i, ctx) => s.repair.open(ctx.principal, i),
    'repair.update': (i, ctx) => {
      ticket(ctx.principal, i.id);
      return s.repair.update(ctx.principal, i);
    },
    'repair.close': ({ id, note }, ctx) => {
      ticket(ctx.principal, id);
      return s.repair.close(ctx.principal, id, note);
    },
    'repair.addPhoto': ({ ticketId, uploadId, name }, ctx) => {
      ticket(ctx.principal, ticketId);
      return s.repair.addPhoto(ctx.principal, ticketId, uploadId, name);
    },
    'repair.assignees': () => s.repair.assignees(),
    'repair.saveAssignee': (i) => s.repair.saveAssignee(i),
    'maintenance.list': (_i, ctx) => {
      const plans = s.repair.plans();
      if (ctx.principal.scope.length === 0) return plans;
      const points = new Set(s.access.filterTree(ctx.principal, s.register.tree()).points.map((p) => p.id));
      return plans.filter((p) => points.has(p.pointId));
    },
    'maintenance.save': ({ pointId, everyDays, assigneeId }) => s.repair.savePlan(pointId, everyDays, assigneeId),
    'maintenance.done': ({ pointId, day }) => s.repair.planDone(pointId, day),
  };
}
