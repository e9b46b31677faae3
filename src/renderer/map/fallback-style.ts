// The map a fresh install shows with no basemap imported: country and province outlines from
// Natural Earth (public domain; see outlines/) on a dark sea, plus the register's area boundaries
// over them. An imported basemap goes over the outlines and under the same overlays.
import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import { countryOutlines, provinceBorders } from './outlines/outlines';

export interface Basemap {
  id: string;
  tileType: 'raster' | 'vector';
  tiles: string;
  minZoom: number;
  maxZoom: number;
  bounds: [number, number, number, number];
}

/** Vector basemaps are drawn plainly: water, land use, roads, buildings — whatever layers they have. */
const VECTOR_LAYERS: { id: string; type: 'fill' | 'line'; layer: string; paint: Record<string, unknown> }[] = [
  { id: 'v-water', type: 'fill', layer: 'water', paint: { 'fill-color': '#0b2540' } },
  { id: 'v-landuse', type: 'fill', layer: 'landuse', paint: { 'fill-color': '#1a2330', 'fill-opacity': 0.6 } },
  { id: 'v-park', type: 'fill', layer: 'park', paint: { 'fill-color': '#18311f', 'fill-opacity': 0.7 } },
  { id: 'v-building', type: 'fill', layer: 'building', paint: { 'fill-color': '#2a3340' } },
  { id: 'v-roads', type: 'line', layer: 'transportation', paint: { 'line-color': '#4b5563', 'line-width': 1.2 } },
  { id: 'v-roads2', type: 'line', layer: 'roads', paint: { 'line-color': '#4b5563', 'line-width': 1.2 } },
  { id: 'v-boundary', type: 'line', layer: 'boundary', paint: { 'line-color': '#6b7280', 'line-dasharray': [2, 2] } },
];

export function geoStyle(basemap: Basemap | null): StyleSpecification {
  const sources: Record<string, SourceSpecification> = {
    world: { type: 'geojson', data: countryOutlines(), attribution: 'Natural Earth' },
    provinces: { type: 'geojson', data: provinceBorders(), attribution: 'Natural Earth' },
    areas: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
  };
  const layers: LayerSpecification[] = [
    { id: 'sea', type: 'background', paint: { 'background-color': '#0b1622' } },
    { id: 'land', type: 'fill', source: 'world', paint: { 'fill-color': '#1b232d' } },
    { id: 'provinces', type: 'line', source: 'provinces', minzoom: 4, paint: { 'line-color': '#4a5b6d', 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.6, 10, 1.2], 'line-dasharray': [3, 3] } },
    { id: 'borders', type: 'line', source: 'world', paint: { 'line-color': '#7a8ca0', 'line-width': ['interpolate', ['linear'], ['zoom'], 3, 1, 10, 2] } },
  ];
  if (basemap) {
    const common = { tiles: [basemap.tiles], minzoom: basemap.minZoom, maxzoom: basemap.maxZoom, bounds: basemap.bounds };
    if (basemap.tileType === 'raster') {
      sources.base = { type: 'raster', tileSize: 256, ...common };
      layers.push({ id: 'base', type: 'raster', source: 'base' });
    } else {
      sources.base = { type: 'vector', ...common };
      for (const l of VECTOR_LAYERS) layers.push({ id: l.id, type: l.type, source: 'base', 'source-layer': l.layer, paint: l.paint } as LayerSpecification);
    }
  }
  layers.push(
    { id: 'area-fill', type: 'fill', source: 'areas', paint: { 'fill-color': '#58a6ff', 'fill-opacity': ['case', ['boolean', ['feature-state', 'selected'], false], 0.12, 0.03] } },
    { id: 'area-line', type: 'line', source: 'areas', paint: { 'line-color': '#58a6ff', 'line-width': 1.5, 'line-dasharray': [3, 2] } },
  );
  return { version: 8, sources, layers };
}

/** An image map: the picture alone, no world around it. */
export function imageStyle(url: string, corners: [[number, number], [number, number], [number, number], [number, number]]): StyleSpecification {
  return {
    version: 8,
    sources: { plan: { type: 'image', url, coordinates: corners } },
    layers: [
      { id: 'bg', type: 'background', paint: { 'background-color': '#0b1622' } },
      { id: 'plan', type: 'raster', source: 'plan', paint: { 'raster-fade-duration': 0 } },
    ],
  };
}
