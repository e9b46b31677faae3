// Binds each contract method to the service that does the work. The `Handlers` type makes the
// compiler refuse a contract entry without an implementation. Permission, lock, scope targets and
// audit are the dispatcher's; what is left here is the call itself and filtering lists by scope.
import { AppError } from '../../shared/errors';
import type { CallContext, Handlers } from './dispatcher';
import type { CoreServices } from '../services';
import { backupDatabase } from '../store/backup';
import type { SignedIn } from '../auth/auth-service';
import { actorOf, registerHandlers } from './register-handlers';
import { createRecordingHandlers } from './recording-handlers';
import { incidentHandlers } from './incident-handlers';
import { mapHandlers } from './map-handlers';
import { healthHandlers } from './health-handlers';

/** Hands a new session to the transport (cookie or window token) and names it in the audit entry. */
function adopt(ctx: CallContext, signedIn: SignedIn): void {
  ctx.setSession!(signedIn.token);
  ctx.actor = { userId: signedIn.principal.user.id, username: signedIn.principal.user.username };
}

/** Drops absent fields, so optional query fields stay absent rather than `undefined`. */
function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function createHandlers(s: CoreServices): Handlers {
  return {
    'system.info': () => ({
      version: s.version,
      dataDir: s.dataDir,
      databaseFile: s.databaseFile,
      shell: s.shell,
      ffmpeg: s.ffmpegPath,
    }),
    'session.status': (_i, ctx) => ({
      version: s.version,
      signedIn: ctx.principal !== null,
      locked: ctx.principal?.locked ?? false,
      setupNeeded: s.auth.setupNeeded(),
      setupAllowedHere: ctx.source.local,
      demoAccounts: s.demo.accounts(),
    }),
    'session.setup': async (i, ctx) => {
      const signedIn = await s.auth.setup(i, ctx.source);
      adopt(ctx, signedIn);
      return s.auth.info(signedIn.principal);
    },
    'session.signIn': async (i, ctx) => {
      // A failed attempt is filed under the name that was tried.
      ctx.actor = { userId: null, username: i.username };
      const signedIn = await s.auth.signIn(i.username, i.password, ctx.source);
      adopt(ctx, signedIn);
      return s.auth.info(signedIn.principal);
    },
    'session.signOut': (_i, ctx) => {
      const signedOut = s.auth.signOut(ctx.principal?.sessionId ?? null);
      ctx.setSession!(null);
      return { signedOut };
    },
    'session.me': (_i, ctx) => s.auth.info(ctx.principal),
    'session.lock': (_i, ctx) => {
      s.auth.lock(ctx.principal);
      return { locked: true };
    },
    'session.unlock': async ({ password }, ctx) => {
      await s.auth.unlock(ctx.principal, password);
      return { locked: false };
    },
    'session.changePassword': async ({ current, next }, ctx) => {
      await s.auth.changePassword(ctx.principal, current, next);
      return { changed: true };
    },
    'users.list': () => s.users.list(),
    'users.save': (i) => s.users.save(i),
    'users.resetPassword': ({ id, password }) => s.users.resetPassword(id, password),
    'users.unlock': ({ id }) => s.users.unlock(id),
    'users.signOutEverywhere': ({ id }) => s.users.signOutEverywhere(id),
    'roles.list': () => s.users.roles(),
    'roles.save': (i) => s.users.saveRole(i),
    'roles.delete': ({ id }) => s.users.deleteRole(id),
    'audit.list': ({ beforeSeq, limit, action, username, outcome, from, to, text }) =>
      s.audit.list({ limit, ...defined({ beforeSeq, action, username, outcome, from, to, text }) }),
    'audit.verify': async () => {
      const r = await s.audit.verify();
      const latest = r.storedCheckpoints.latest;
      return {
        intact: r.intact,
        entries: r.entries,
        firstBroken: r.firstBroken ? { seq: r.firstBroken.seq, problem: r.firstBroken.problem } : null,
        checkpoint: latest ? { count: latest.count, at: Date.parse(latest.time) } : null,
        ms: Math.round(r.durationMs),
      };
    },
    'audit.checkpoint': async () => {
      const cp = await s.audit.checkpoint('on_demand');
      return {
        fileName: `watchfloor-audit-checkpoint-${cp.time.replace(/[:.]/g, '-')}.json`,
        content: s.audit.checkpointFile(cp),
        count: cp.count,
        fingerprint: cp.keyFingerprint,
      };
    },
    'settings.get': () => s.settings.get(),
    'settings.update': (patch) => {
      const next = s.settings.update(patch);
      s.events.publish({ type: 'settings.changed', settings: next });
      return next;
    },
    'system.backup': () => backupDatabase(s.db, s.dataDir),
    'register.tree': (_i, ctx) => s.access.filterTree(ctx.principal, s.register.tree()),
    'register.createArea': (i, ctx) => s.register.createArea(i, actorOf(ctx.principal)),
    'register.createPoint': (i, ctx) => s.register.createPoint(i, actorOf(ctx.principal)),
    'register.createCamera': (i, ctx) => s.register.createCamera(i, actorOf(ctx.principal)),
    'register.setPreferredStream': ({ cameraId, stream }, ctx) => s.register.setPreferredStream(cameraId, stream, actorOf(ctx.principal)),
    ...registerHandlers(s),
    ...mapHandlers(s),
    'views.list': (_i, ctx) => s.wall.views(ctx.principal),
    'views.save': (i, ctx) => s.wall.saveView(ctx.principal, i),
    'views.delete': ({ id }, ctx) => s.wall.deleteView(ctx.principal, id),
    'tours.list': (_i, ctx) => s.wall.tours(ctx.principal),
    'tours.save': (i, ctx) => s.wall.saveTour(ctx.principal, i),
    'tours.delete': ({ id }, ctx) => s.wall.deleteTour(ctx.principal, id),
    'workspace.get': (_i, ctx) => s.wall.workspace(ctx.principal),
    'workspace.saveWindow': ({ window, closed }, ctx) => s.wall.saveWindow(ctx.principal, window, closed),
    // ONVIF onboarding and the cameras' ONVIF facts.
    'onboarding.discover': (i, ctx) => ({ jobId: s.discovery.start(ctx.principal.user.id, i) }),
    'onboarding.job': ({ jobId }) => s.discovery.get(jobId),
    'onboarding.cancel': ({ jobId }) => s.discovery.cancel(jobId),
    'onboarding.inspect': (i) => s.onboarding.inspect(i),
    'onboarding.add': (i, ctx) => s.onboarding.add(ctx.principal, i),
    'onboarding.bulkAdd': (i, ctx) => s.onboarding.bulkAdd(ctx.principal, i),
    'devices.list': (_i, ctx) => s.devices.list(ctx.principal),
    'devices.checkClock': ({ cameraId }, ctx) => s.devices.checkClock(cameraId, { userId: ctx.principal.user.id, username: ctx.principal.user.username }),
    'devices.setFov': ({ cameraId, fov }) => s.devices.setFov(cameraId, fov),
    // PTZ: the dispatcher has checked the permission and the camera's scope; the lock is the service's.
    'ptz.state': ({ cameraId }) => s.ptz.state(cameraId),
    'ptz.move': async ({ cameraId, velocity }, ctx) => ({ lock: await s.ptz.move(ctx.principal, cameraId, velocity) }),
    'ptz.hold': ({ cameraId }, ctx) => ({ moving: s.ptz.hold(ctx.principal, cameraId) }),
    'ptz.stop': async ({ cameraId }, ctx) => ({ stopped: await s.ptz.stop(ctx.principal, cameraId) }),
    'ptz.centre': ({ cameraId, target }, ctx) => s.ptz.aim(ctx.principal, cameraId, target, false),
    'ptz.zoomBox': ({ cameraId, box }, ctx) => s.ptz.aim(ctx.principal, cameraId, box, true),
    'ptz.home': ({ cameraId }, ctx) => s.ptz.home(ctx.principal, cameraId),
    'ptz.presets': ({ cameraId }) => s.ptz.presets(cameraId),
    'ptz.gotoPreset': ({ cameraId, token }, ctx) => s.ptz.gotoPreset(ctx.principal, cameraId, token),
    'ptz.savePreset': ({ cameraId, name, token }, ctx) => s.ptz.savePreset(ctx.principal, cameraId, name, token),
    'ptz.renamePreset': ({ cameraId, token, name }) => s.ptz.renamePreset(cameraId, token, name),
    'ptz.deletePreset': ({ cameraId, token }, ctx) => s.ptz.deletePreset(ctx.principal, cameraId, token),
    'ptz.release': ({ cameraId }, ctx) => s.ptz.release(ctx.principal, cameraId),
    'ptz.patrols': ({ cameraId }) => s.ptz.patrolList(cameraId),
    'ptz.savePatrol': (i, ctx) => s.ptz.savePatrol(ctx.principal, i),
    'ptz.deletePatrol': ({ cameraId, patrolId }) => s.ptz.deletePatrol(cameraId, patrolId),
    'ptz.startPatrol': ({ cameraId, patrolId }, ctx) => s.ptz.startPatrol(ctx.principal, cameraId, patrolId),
    'ptz.stopPatrol': ({ cameraId }, ctx) => s.ptz.stopPatrol(ctx.principal, cameraId),
    'workspace.wall': ({ window }, ctx) => s.wall.wallState(ctx.principal, window),
    'workspace.saveWall': ({ window, state }, ctx) => s.wall.saveWallState(ctx.principal, window, state),
    'preferences.get': (_i, ctx) => s.preferences.get(ctx.principal),
    'preferences.update': (patch, ctx) => s.preferences.update(ctx.principal, patch),
    'health.cameras': (_i, ctx) => {
      const p = ctx.principal;
      // One pass over the filtered tree rather than a scope lookup per camera.
      const visible = p.scope.length === 0 ? null : new Set(s.access.filterTree(p, s.register.tree()).cameras.map((c) => c.id));
      return { cameras: s.health.snapshot((id) => visible === null || visible.has(id)), at: Date.now() };
    },
    'demo.status': () => s.demo.status(),
    'demo.start': async (_i, ctx) => {
      if (ctx.principal.scope.length > 0) throw new AppError('permission_denied', { permission: 'register.manage' });
      return s.demo.start(ctx.principal);
    },
    ...createRecordingHandlers(s),
    ...incidentHandlers(s),
    ...healthHandlers(s),
  };
}
