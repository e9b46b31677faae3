// Handlers of the recording, playback and evidence methods (contract/recording-api.ts). The
// dispatcher has already checked permission and the camera ids the methods declare as targets;
// lists are filtered here to the caller's area scope.
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { Principal } from '../auth/principal';
import { cameraTimeline } from '../media/playback/timeline';
import type { CoreServices } from '../services';
import type { CallContext, Handlers } from './dispatcher';

type RecordingMethods =
  | 'recording.settings.list'
  | 'recording.settings.save'
  | 'recording.status'
  | 'recording.folders.save'
  | 'recording.reconcileReport'
  | 'playback.timeline'
  | 'bookmarks.list'
  | 'bookmarks.add'
  | 'bookmarks.delete'
  | 'evidence.locks'
  | 'evidence.unlock'
  | 'export.plan'
  | 'export.start'
  | 'export.cancel'
  | 'export.list'
  | 'evidence.verify'
  | 'evidence.key';

export function createRecordingHandlers(s: CoreServices): Pick<Handlers, RecordingMethods> {
  const visible = (p: Principal, cameraId: string | null) => cameraId === null || s.access.cameraVisible(p, cameraId);
  const folders = () =>
    s.recording
      .folders()
      .map(({ id, path, quotaBytes, enabled, usedBytes, diskFreeBytes, diskTotalBytes, writable, nearlyFull }) => ({
        id,
        path,
        quotaBytes,
        enabled,
        usedBytes,
        diskFreeBytes,
        diskTotalBytes,
        writable,
        nearlyFull,
      }));
  return {
    'recording.settings.list': (_i, ctx) => s.recording.listSettings().filter((x) => visible(ctx.principal, x.cameraId)),
    'recording.settings.save': (i) => s.recording.save(i),
    'recording.status': (_i, ctx) => ({
      cameras: s.recording.status().filter((x) => visible(ctx.principal, x.cameraId)),
      alarms: s.recording.alarms.list().filter((a) => visible(ctx.principal, a.cameraId)),
      folders: folders(),
    }),
    'recording.folders.save': async (i) => {
      const existing = i.id ? s.recording.repo.folders().find((f) => f.id === i.id) : undefined;
      if (i.id && !existing) throw new AppError('not_found', { kind: 'recording_folder', id: i.id });
      s.recording.repo.saveFolder({ id: i.id ?? randomUUID(), path: i.path, quotaBytes: i.quotaBytes, enabled: i.enabled });
      await s.recording.storage.refresh();
      return folders();
    },
    'recording.reconcileReport': () => s.recording.lastReconcile,
    'playback.timeline': ({ cameraIds, from, to }) =>
      cameraIds.map((cameraId) =>
        cameraTimeline(
          {
            repo: s.recording.repo,
            bookmarks: s.bookmarks,
            openSegment: (id) => s.recording.openSegment(id),
            locks: (id, a, b) => s.locks.activeFor(id, a, b),
          },
          cameraId,
          from,
          to,
        ),
      ),
    'bookmarks.list': ({ query, cameraIds, limit }, ctx) => {
      const ids = cameraIds ?? null;
      const scoped =
        ctx.principal.scope.length === 0
          ? ids
          : s.register
              .tree()
              .cameras.map((c) => c.id)
              .filter((id) => visible(ctx.principal, id) && (!ids || ids.includes(id)));
      return s.bookmarks.search(query, scoped, limit);
    },
    'bookmarks.add': (i, ctx) => s.bookmarks.add({ ...i, createdBy: ctx.principal.user.id }),
    'bookmarks.delete': ({ id }, ctx) => {
      const b = s.bookmarks.get(id);
      if (!b || !visible(ctx.principal, b.cameraId)) throw new AppError('not_found', { kind: 'bookmark', id });
      if (b.createdBy !== ctx.principal.user.id && !ctx.principal.permissions.has('users.manage'))
        throw new AppError('permission_denied', { permission: 'users.manage' });
      s.bookmarks.delete(id);
      return { id };
    },
    'evidence.locks': ({ includeReleased }, ctx) => s.locks.list(includeReleased).filter((l) => visible(ctx.principal, l.cameraId)),
    'evidence.unlock': ({ id, reason }, ctx: CallContext & { principal: Principal }) => {
      const lock = s.locks.get(id);
      if (!lock || !visible(ctx.principal, lock.cameraId)) throw new AppError('not_found', { kind: 'evidence_lock', id });
      return s.locks.release(id, ctx.principal.user.id, reason);
    },
    'export.plan': (i) => s.evidence.plan(i),
    'export.start': (i, ctx) => s.evidence.start(i, ctx.principal),
    'export.cancel': ({ id }, ctx) => {
      const job = s.evidence.list(200, () => true).find((j) => j.id === id);
      if (!job || (job.createdBy !== ctx.principal.user.id && ctx.principal.scope.length > 0))
        throw new AppError('not_found', { kind: 'export', id });
      return s.evidence.cancel(id);
    },
    'export.list': ({ limit }, ctx) => s.evidence.list(limit, (ids) => ids.every((id) => visible(ctx.principal, id))),
    'evidence.verify': ({ folder, password }) => s.evidence.verify(folder, password),
    'evidence.key': () => ({ fingerprint: s.installationKey.fingerprint, publicKeyPem: s.installationKey.publicKeyPem }),
  };
}
