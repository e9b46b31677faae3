// The map bench in MapLibre GL, with the console's own layers and start (src/renderer/map): the
// built-in outlines, 20,000 cameras clustered as the console draws them, the cameras added as soon
// as the style is read, the drawing resolution lowered while the map moves or loads where WebGL
// is emulated, and MapLibre's worker started beforehand, as the console does when it is idle.
import { Map as MapLibre, prewarm, setWorkerUrl } from 'maplibre-gl';
import { addCameraLayers, type CameraLayers } from '../../src/renderer/map/camera-layers';
import { geoStyle } from '../../src/renderer/map/fallback-style';
import { motionResolution, webglRenderer } from '../../src/renderer/map/motion-resolution';
import { MAP_STATUSES } from '../../src/renderer/map/status';
import { benchCameras, type Harness } from './cameras';

const Q = new URLSearchParams(location.search);
/** ?noworld: without the built-in outlines, to see what they cost. */
const NO_WORLD = Q.has('noworld');
/** ?all: every dot and cone drawn one by one (no clusters), the worst case. */
const CLUSTER_UNTIL = Q.has('all') ? 0 : null;
/** ?nomotion: always full resolution. */
const NO_MOTION = Q.has('nomotion');

setWorkerUrl('./maplibre-gl-worker.mjs');
prewarm();
let map: MapLibre;
let layers: CameraLayers;
let sharp = 0;
let ids: string[] = [];
let round = 0;
const frame = () => new Promise<void>((r) => map.once('render', () => r()));

const h: Harness = {
  renderer: webglRenderer,
  async firstRender(n) {
    const cams = benchCameras(n);
    ids = cams.map((c) => c.id);
    const t0 = performance.now();
    map = new MapLibre({ container: 'map', style: NO_WORLD ? { version: 8, sources: {}, layers: [] } : geoStyle(null), center: [106.7, 10.8], zoom: 10.6, fadeDuration: 0, attributionControl: false });
    if (!NO_MOTION) motionResolution(map);
    await new Promise<void>((r) => map.once('style.load', () => r()));
    // As the console draws them: clusters (with counts by status) below street zoom.
    layers = addCameraLayers(map, CLUSTER_UNTIL === null ? {} : { clusterUntil: CLUSTER_UNTIL });
    layers.setCameras(cams.map((c) => ({ ...c, status: 'working' as const })));
    await new Promise<void>((r) => map.once('idle', () => r()));
    const drawn = performance.now() - t0;
    // Where the first frames were drawn at a lower resolution: when the sharp one was presented
    // ('render' comes after a frame is drawn, so the first one at full resolution ends the wait).
    while (map.getPixelRatio() !== devicePixelRatio) await frame();
    sharp = performance.now() - t0;
    return drawn;
  },
  sharpMs: () => sharp,
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
    // At street zoom, where each camera has its own dot and cone (below it the clusters carry the
    // states, rebuilt within a second): the changes are to cameras on screen.
    if (map.getZoom() < 14.2) {
      map.jumpTo({ center: [106.7, 10.8], zoom: 14.2 });
      await new Promise<void>((r) => map.once('idle', () => r()));
    }
    // Every camera on screen (about 500 at this zoom) and the rest of the 1,000 elsewhere.
    const inView = [...new Set(map.queryRenderedFeatures({ layers: ['cam-points'] }).map((f) => String(f.properties.id)))];
    if (inView.length === 0) throw new Error('no cameras in view');
    const seen = new Set(inView);
    const chosen = [...inView, ...ids.filter((id) => !seen.has(id))].slice(0, n);
    round++;
    const changes = new Map(chosen.map((id, i) => [id, MAP_STATUSES[((i + round) % 3) + 1]!]));
    const t0 = performance.now();
    layers.setStatuses(changes);
    map.triggerRepaint();
    await frame();
    const took = performance.now() - t0;
    const [id, want] = [...changes][0]!;
    if (map.getFeatureState({ source: 'cams', id }).s !== MAP_STATUSES.indexOf(want)) throw new Error('status not applied');
    return took;
  },
};
(window as unknown as { harness: Harness }).harness = h;
