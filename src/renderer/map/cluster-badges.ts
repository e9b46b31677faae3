// Each cluster on screen says how many cameras it holds and, as a ring of colours, how many are
// working, offline, awaiting repair or not known. Drawn as a few DOM badges over the map (MapLibre
// would need a font server for text, and the console is offline); only the clusters in view.
import { Marker, type GeoJSONSource, type Map as MapLibre } from 'maplibre-gl';
import { clusterCounts } from './camera-layers';
import { MAP_STATUSES, STATUS_COLOUR, type MapStatus } from './status';

export type ClusterLabel = (count: number, byStatus: Record<MapStatus, number>) => string;

export function clusterBadges(map: MapLibre, label: ClusterLabel): () => void {
  const shown = new Map<number, Marker>();
  const update = () => {
    if (!map.getLayer('cam-clusters')) return;
    const seen = new Set<number>();
    for (const f of map.queryRenderedFeatures({ layers: ['cam-clusters'] })) {
      const p = f.properties as Record<string, number>;
      const id = p.cluster_id!;
      if (seen.has(id)) continue;
      seen.add(id);
      const by = clusterCounts(p);
      const count = Number(p.point_count ?? 0);
      let m = shown.get(id);
      if (!m) {
        const el = document.createElement('button');
        el.type = 'button';
        el.className = 'map-cluster';
        el.addEventListener('click', (e) => {
          e.stopPropagation();
          const at = (f.geometry as GeoJSON.Point).coordinates as [number, number];
          void (map.getSource('cams-clustered') as GeoJSONSource).getClusterExpansionZoom(id).then((z) => map.easeTo({ center: at, zoom: z + 0.1 }));
        });
        m = new Marker({ element: el }).setLngLat((f.geometry as GeoJSON.Point).coordinates as [number, number]).addTo(map);
        shown.set(id, m);
      }
      const el = m.getElement();
      let acc = 0;
      const stops = MAP_STATUSES.filter((s) => by[s] > 0).map((s) => {
        const from = (acc / count) * 360;
        acc += by[s];
        return `${STATUS_COLOUR[s]} ${from}deg ${(acc / count) * 360}deg`;
      });
      el.style.background = `conic-gradient(${stops.join(', ')})`;
      // The number sits on the ring's dark middle (a child, above the ::before disc).
      const n = el.firstElementChild ?? el.appendChild(document.createElement('span'));
      n.textContent = count >= 10_000 ? `${Math.round(count / 1000)}k` : String(count);
      el.setAttribute('aria-label', label(count, by));
      el.title = label(count, by);
      el.dataset.offline = String(by.offline);
    }
    for (const [id, m] of shown)
      if (!seen.has(id)) {
        m.remove();
        shown.delete(id);
      }
  };
  let pending = false;
  const schedule = () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      update();
    });
  };
  map.on('moveend', schedule);
  map.on('sourcedata', schedule);
  return () => {
    map.off('moveend', schedule);
    map.off('sourcedata', schedule);
    for (const m of shown.values()) m.remove();
    shown.clear();
  };
}
