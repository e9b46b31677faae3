// Province names on the built-in map, from the zoom where a province is a few hundred pixels
// across until streets take over. DOM labels like the cluster badges: MapLibre would need a font
// server (glyphs) for text, and the console is offline; 34 labels cost nothing.
import { Marker, type Map as MapLibre } from 'maplibre-gl';
import { provinceLabels } from './outlines/outlines';

/** Below this zoom the names would overlap (northern provinces are about 1° apart). */
export const LABELS_FROM_ZOOM = 6.5;
/** From this zoom on the officer is looking at a ward, not a province. */
export const LABELS_UNTIL_ZOOM = 11;

export function provinceNames(map: MapLibre): () => void {
  const markers = provinceLabels().map((l) => {
    const el = document.createElement('div');
    el.className = 'map-province-label';
    el.textContent = l.name;
    return new Marker({ element: el }).setLngLat([l.lon, l.lat]);
  });
  let shown = false;
  const update = () => {
    const z = map.getZoom();
    const want = z >= LABELS_FROM_ZOOM && z < LABELS_UNTIL_ZOOM;
    if (want === shown) return;
    shown = want;
    for (const m of markers) {
      if (want) m.addTo(map);
      else m.remove();
    }
  };
  update();
  map.on('zoomend', update);
  return () => {
    map.off('zoomend', update);
    for (const m of markers) m.remove();
  };
}
