// Binds each contract method to the service that does the work. The `Handlers` type makes the
// compiler refuse a contract entry without an implementation.
import { ROLE_PERMISSIONS } from '../../shared/contract';
import type { Handlers } from './dispatcher';
import type { CoreServices } from '../services';
import { backupDatabase } from '../store/backup';

export function createHandlers(s: CoreServices): Handlers {
  return {
    'system.info': () => ({
      version: s.version,
      dataDir: s.dataDir,
      databaseFile: s.databaseFile,
      shell: s.shell,
      ffmpeg: s.ffmpegPath,
    }),
    'session.me': (_i, ctx) => ({ user: ctx.user, permissions: [...ROLE_PERMISSIONS[ctx.user.role]] }),
    'settings.get': () => s.settings.get(),
    'settings.update': (patch) => {
      const next = s.settings.update(patch);
      s.events.publish({ type: 'settings.changed', settings: next });
      return next;
    },
    'system.backup': () => backupDatabase(s.db, s.dataDir),
    'register.tree': () => s.register.tree(),
    'register.createArea': (i) => s.register.createArea(i),
    'register.createPoint': (i) => s.register.createPoint(i),
    'register.createCamera': (i) => s.register.createCamera(i),
    'register.setPreferredStream': ({ cameraId, stream }) => s.register.setPreferredStream(cameraId, stream),
    'views.list': (_i, ctx) => s.wall.views(ctx.user),
    'views.save': (i, ctx) => s.wall.saveView(ctx.user, i),
    'views.delete': ({ id }, ctx) => s.wall.deleteView(ctx.user, id),
    'tours.list': (_i, ctx) => s.wall.tours(ctx.user),
    'tours.save': (i, ctx) => s.wall.saveTour(ctx.user, i),
    'tours.delete': ({ id }, ctx) => s.wall.deleteTour(ctx.user, id),
    'workspace.get': (_i, ctx) => s.wall.workspace(ctx.user),
    'demo.status': () => s.demo.status(),
    'demo.start': (_i, ctx) => s.demo.start(ctx.user),
    'workspace.saveWindow': ({ window, closed }, ctx) => s.wall.saveWindow(ctx.user, window, closed),
  };
}
