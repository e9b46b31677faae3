// The map's contract methods. Pins and hotspots on image maps are the centre's, not a ward's: the
// camera a pin names is scope-checked by the dispatcher (targets), lists are filtered here.
import type { Handlers } from './dispatcher';
import type { CoreServices } from '../services';
import { actorOf } from './register-handlers';

type MapHandlers = Pick<Handlers, `maps.${string}` & keyof Handlers>;

export function mapHandlers(s: CoreServices): MapHandlers {
  return {
    'maps.list': () => s.maps.list(),
    'maps.import': ({ uploadId, name }, ctx) => s.maps.importUpload(uploadId, name, actorOf(ctx.principal!).id),
    'maps.remove': async ({ id }) => ({ removed: await s.maps.remove(id) }),
    'maps.cameras': (_i, ctx) => s.maps.cameras(s.access.visibleAreas(ctx.principal)),
    'maps.areaBoundaries': (_i, ctx) => s.maps.areaBoundaries(s.access.visibleAreas(ctx.principal)),
    'maps.pins': ({ mapId }, ctx) => {
      const visible = s.access.visibleAreas(ctx.principal);
      if (visible === null) return s.maps.pins(mapId);
      const seen = new Set(s.maps.cameras(visible).map((c) => c.id));
      return s.maps.pins(mapId).filter((p) => seen.has(p.cameraId));
    },
    'maps.setPin': ({ mapId, cameraId, x, y }) => ({ placed: s.maps.setPin(mapId, cameraId, x === null || y === null ? null : { x, y }) }),
    'maps.hotspots': ({ mapId }) => s.maps.hotspots(mapId),
    'maps.saveHotspot': (h) => s.maps.saveHotspot(h),
    'maps.removeHotspot': ({ id }) => ({ removed: s.maps.removeHotspot(id) }),
  };
}
