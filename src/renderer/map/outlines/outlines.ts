// The built-in outlines, decoded once: countries (Vietnam's neighbours finer than the rest of the
// world), Vietnam's 34 provinces and cities since 1 July 2025, and where each name goes.
// outlines.json is made by scripts/build-outlines.ts (sources and licences there and in docs/map.md).
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import data from './outlines.json';

type Named = { name: string };
const topo = data as unknown as Topology<{ countries: GeometryCollection<Named>; provinces: GeometryCollection<Named>; labels: GeometryCollection<Named> }>;

const cache = new Map<string, GeoJSON.FeatureCollection>();
function decoded(name: 'countries' | 'provinces' | 'labels'): GeoJSON.FeatureCollection {
  let fc = cache.get(name);
  if (!fc) {
    fc = feature(topo, topo.objects[name]) as GeoJSON.FeatureCollection;
    cache.set(name, fc);
  }
  return fc;
}

export const countryOutlines = () => decoded('countries');
export const provinceOutlines = () => decoded('provinces');

let borders: GeoJSON.FeatureCollection | null = null;
/**
 * The lines between two provinces only: the coast and the national border come from the country
 * outlines, so the finer province polygons do not draw a second, slightly different coastline.
 */
export function provinceBorders(): GeoJSON.FeatureCollection {
  borders ??= { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: mesh(topo, topo.objects.provinces, (a, b) => a !== b) }] };
  return borders;
}

export interface ProvinceLabel {
  name: string;
  lon: number;
  lat: number;
}

export function provinceLabels(): ProvinceLabel[] {
  return decoded('labels').features.map((f) => {
    const [lon, lat] = (f.geometry as GeoJSON.Point).coordinates as [number, number];
    return { name: (f.properties as Named).name, lon, lat };
  });
}
