// The same bench in Leaflet (canvas renderer): 20,000 circle markers and cone polygons.
import L from 'leaflet';
import { cone } from '../../src/renderer/map/geo';
import { STATUS_COLOUR } from '../../src/renderer/map/status';
import { benchCameras, type Harness } from './cameras';

let map: L.Map;
const dots = new Map<string, L.CircleMarker>();
const cones = new Map<string, L.Polygon>();
const raf = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

const h: Harness = {
  renderer: () => 'canvas 2D (no WebGL)',
  async firstRender(n) {
    const cams = benchCameras(n);
    const t0 = performance.now();
    const renderer = L.canvas({ padding: 0.2 });
    map = L.map('map', { preferCanvas: true, renderer, zoomAnimation: true }).setView([10.8, 106.7], 11);
    for (const c of cams) {
      cones.set(c.id, L.polygon(cone(c.lon, c.lat, c.heading, c.fieldOfView, 300).map(([x, y]) => [y, x] as [number, number]), { renderer, color: STATUS_COLOUR.working, weight: 1, fillOpacity: 0.3 }).addTo(map));
      dots.set(c.id, L.circleMarker([c.lat, c.lon], { renderer, radius: 5, color: '#0d1117', weight: 1, fillColor: STATUS_COLOUR.working, fillOpacity: 1 }).addTo(map));
    }
    await raf();
    await raf();
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
      map.flyTo([10.8 + (i % 3 ? 0.03 : -0.03), 106.7 + (i % 2 ? 0.05 : -0.05)], 11 + (i % 2), { duration: 0.4 });
      await new Promise((r) => setTimeout(r, 420));
    }
    on = false;
    return times.slice(2);
  },
  async statusUpdate(n) {
    const t0 = performance.now();
    let i = 0;
    for (const [id, m] of dots) {
      if (i++ >= n) break;
      m.setStyle({ fillColor: STATUS_COLOUR.offline });
      cones.get(id)!.setStyle({ color: STATUS_COLOUR.offline });
    }
    await raf();
    return performance.now() - t0;
  },
};
(window as unknown as { harness: Harness }).harness = h;
