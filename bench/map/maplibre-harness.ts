// The map bench in MapLibre GL, with the console's own layers (src/renderer/map): 20,000 dots and
// cones drawn unclustered (every marker on screen), the built-in world outlines underneath.
import { Map as MapLibre, setWorkerUrl } from 'maplibre-gl';
import { addCameraLayers, type CameraLayers } from '../../src/renderer/map/camera-layers';
import { geoStyle } from '../../src/renderer/map/fallback-style';
import { MAP_STATUSES } from '../../src/renderer/map/status';
import { benchCameras, type Harness } from './cameras';

setWorkerUrl('./maplibre-gl-worker.mjs');
/** ?all: every dot and cone drawn one by one (no clusters), the worst case. */
/** ?noworld: without the built-in outlines, to see what they cost. */
const NO_WORLD = new URLSearchParams(location.search).has('noworld');
const CLUSTER_UNTIL = new URLSearchParams(location.search).has('all') ? 0 : null;
let map: MapLibre;
let layers: CameraLayers;
let ids: string[] = [];
const frame = () => new Promise<void>((r) => map.once('render', () => r()));

const h: Harness = {
  renderer() {
    const gl = document.createElement('canvas').getContext('webgl2');
    const ext = gl?.getExtension('WEBGL_debug_renderer_info');
    return gl && ext ? String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)) : 'no webgl';
  },
  async firstRender(n) {
    const cams = benchCameras(n);
    ids = cams.map((c) => c.id);
    const t0 = performance.now();
    map = new MapLibre({ container: 'map', style: NO_WORLD ? { version: 8, sources: {}, layers: [] } : geoStyle(null), center: [106.7, 10.8], zoom: 10.6, fadeDuration: 0, attributionControl: false });
    await new Promise<void>((r) => map.once('load', () => r()));
    // As the console draws them: clusters (with counts by status) below street zoom.
    layers = addCameraLayers(map, CLUSTER_UNTIL === null ? {} : { clusterUntil: CLUSTER_UNTIL });
    layers.setCameras(cams.map((c) => ({ ...c, status: 'working' as const })));
    await new Promise<void>((r) => map.once('idle', () => r()));
    return performance.now() - t0;
  },
  async pan(ms) {
    const times: number[] = [];
    let last = performance.now();
    let on = true;
    const tick = (t: number) => {
      times.push(t - last);
      last = t;
      if (on) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const end = performance.now() + ms;
    let i = 0;
    while (performance.now() < end) {
      i++;
      map.easeTo({ center: [106.7 + (i % 2 ? 0.05 : -0.05), 10.8 + (i % 3 ? 0.03 : -0.03)], zoom: 10.6 + (i % 4) * 0.4, duration: 400 });
      await new Promise((r) => setTimeout(r, 420));
    }
    on = false;
    return times.slice(2);
  },
  async statusUpdate(n) {
    const changes = new Map(ids.slice(0, n).map((id, i) => [id, MAP_STATUSES[(i % 3) + 1]!]));
    const t0 = performance.now();
    layers.setStatuses(changes);
    map.triggerRepaint();
    await frame();
    return performance.now() - t0;
  },
};
(window as unknown as { harness: Harness }).harness = h;
