// The cameras on the map as MapLibre layers: a dot per camera coloured by its status, its
// field-of-view cone, and clusters when zoomed out. A status change is a feature-state change on
// the dot and cone alone (no source rebuilt, nothing else redrawn); cluster counts catch up a
// moment later, since a cluster's counts come from rebuilding the clustered source.
import type { ExpressionSpecification, GeoJSONSource, Map as MapLibre } from 'maplibre-gl';
import { cone } from './geo';
import { MAP_STATUSES, STATUS_COLOUR, type MapStatus } from './status';

/** Below this zoom cameras gather into clusters; from it on, each camera has its dot and cone. */
export const CLUSTER_UNTIL = 14;
/** How deep a cone is drawn, in metres, where the register does not say (it has no range field). */
export const CONE_METRES = 70;
/** A camera without a field of view in the register gets a typical fixed lens's. */
const DEFAULT_FOV = 70;

export interface PlacedCamera {
  id: string;
  lon: number;
  lat: number;
  heading: number | null;
  fieldOfView: number | null;
  status: MapStatus;
}

const statusIndex = (s: MapStatus) => MAP_STATUSES.indexOf(s);
/** A colour by status index: the feature-state's (live changes) over the feature's own (as loaded). */
const colourBy = (live: boolean) =>
  [
    'match',
    live ? ['coalesce', ['feature-state', 's'], ['get', 's']] : ['get', 's'],
    ...MAP_STATUSES.flatMap((s, i) => [i, STATUS_COLOUR[s]]),
    STATUS_COLOUR.unknown,
  ] as unknown as ExpressionSpecification;

type FC = GeoJSON.FeatureCollection;

export function cameraPoints(cams: readonly PlacedCamera[]): FC {
  return {
    type: 'FeatureCollection',
    features: cams.map((c) => ({ type: 'Feature', id: c.id, properties: { id: c.id, s: statusIndex(c.status) }, geometry: { type: 'Point', coordinates: [c.lon, c.lat] } })),
  };
}

export function cameraCones(cams: readonly PlacedCamera[], metres = CONE_METRES): FC {
  const features: GeoJSON.Feature[] = [];
  for (const c of cams) {
    if (c.heading === null) continue;
    features.push({
      type: 'Feature',
      id: c.id,
      properties: { id: c.id, s: statusIndex(c.status) },
      geometry: { type: 'Polygon', coordinates: [cone(c.lon, c.lat, c.heading, c.fieldOfView ?? DEFAULT_FOV, metres)] },
    });
  }
  return { type: 'FeatureCollection', features };
}

// A cluster's counts by status. Supercluster evaluates each cluster property's expressions for every
// camera and every merge at every zoom, so five counts cost five times one: with 20,000 cameras
// that was a quarter of a second of the first render here. Two sums carry four counts instead, two
// to a number in 26-bit places (up to 67 million cameras a cluster, well inside a double's 53
// bits); working is what is left of point_count.
const PLACE = 2 ** 26;
const placed = (low: number, high: number) => ['+', ['match', ['get', 's'], low, 1, high, PLACE, 0]] as unknown as ExpressionSpecification;
export const CLUSTER_COUNTS = { c1: placed(statusIndex('offline'), statusIndex('awaiting_repair')), c2: placed(statusIndex('unknown'), statusIndex('decommissioned')) } as Record<string, ExpressionSpecification>;
const ANY_OFFLINE = ['>', ['%', ['get', 'c1'], PLACE], 0] as unknown as ExpressionSpecification;

/** The counts by status of a cluster feature's properties (as MapLibre returns them). */
export function clusterCounts(p: Record<string, unknown>): Record<MapStatus, number> {
  const c1 = Number(p.c1 ?? 0);
  const c2 = Number(p.c2 ?? 0);
  const by: Record<MapStatus, number> = {
    working: 0,
    offline: c1 % PLACE,
    awaiting_repair: Math.floor(c1 / PLACE),
    unknown: c2 % PLACE,
    decommissioned: Math.floor(c2 / PLACE),
  };
  by.working = Math.max(0, Number(p.point_count ?? 0) - by.offline - by.awaiting_repair - by.unknown - by.decommissioned);
  return by;
}

export interface CameraLayers {
  setCameras(cams: readonly PlacedCamera[], coneMetres?: number): void;
  /** Colours `changes` at once; clusters follow within a second. */
  setStatuses(changes: ReadonlyMap<string, MapStatus>): void;
  setSelected(id: string | null): void;
  setAlarmed(ids: ReadonlySet<string>): void;
  remove(): void;
}

export function addCameraLayers(map: MapLibre, opts: { clusterUntil?: number } = {}): CameraLayers {
  const clusterUntil = opts.clusterUntil ?? CLUSTER_UNTIL;
  const empty: FC = { type: 'FeatureCollection', features: [] };
  map.addSource('cams', { type: 'geojson', data: empty, promoteId: 'id' });
  map.addSource('cones', { type: 'geojson', data: empty, promoteId: 'id' });
  map.addSource('cams-clustered', {
    type: 'geojson',
    data: empty,
    cluster: true,
    clusterMaxZoom: clusterUntil - 1,
    clusterRadius: 48,
    clusterProperties: CLUSTER_COUNTS,
  });
  map.addLayer({
    id: 'cam-cones',
    type: 'fill',
    source: 'cones',
    minzoom: clusterUntil,
    paint: { 'fill-color': colourBy(true), 'fill-opacity': ['case', ['boolean', ['feature-state', 'selected'], false], 0.5, 0.3], 'fill-outline-color': colourBy(true) },
  });
  map.addLayer({
    id: 'cam-clusters',
    type: 'circle',
    source: 'cams-clustered',
    maxzoom: clusterUntil,
    filter: ['has', 'point_count'],
    paint: {
      'circle-color': ['case', ANY_OFFLINE, '#5a1d1d', '#1f3a2a'],
      'circle-stroke-color': ['case', ANY_OFFLINE, STATUS_COLOUR.offline, STATUS_COLOUR.working],
      'circle-stroke-width': 2,
      'circle-radius': ['step', ['get', 'point_count'], 14, 10, 18, 100, 23, 1000, 28],
    },
  });
  map.addLayer({
    id: 'cam-lone',
    type: 'circle',
    source: 'cams-clustered',
    maxzoom: clusterUntil,
    filter: ['!', ['has', 'point_count']],
    paint: { 'circle-color': colourBy(false), 'circle-radius': 5, 'circle-stroke-color': '#0d1117', 'circle-stroke-width': 1 },
  });
  map.addLayer({
    id: 'cam-alarm',
    type: 'circle',
    source: 'cams',
    minzoom: clusterUntil,
    // Filters cannot read feature-state: the ring is there for every camera, seen only on alarm.
    paint: {
      'circle-color': 'rgba(0,0,0,0)',
      'circle-radius': 14,
      'circle-stroke-color': STATUS_COLOUR.offline,
      'circle-stroke-width': 3,
      'circle-stroke-opacity': ['case', ['boolean', ['feature-state', 'alarm'], false], 1, 0],
    },
  });
  map.addLayer({
    id: 'cam-points',
    type: 'circle',
    source: 'cams',
    minzoom: clusterUntil,
    paint: {
      'circle-color': colourBy(true),
      'circle-radius': ['interpolate', ['linear'], ['zoom'], clusterUntil, 5, 19, 9],
      'circle-stroke-color': ['case', ['boolean', ['feature-state', 'selected'], false], '#ffffff', '#0d1117'],
      'circle-stroke-width': ['case', ['boolean', ['feature-state', 'selected'], false], 3, 1.5],
    },
  });

  let current: PlacedCamera[] = [];
  const status = new Map<string, MapStatus>();
  let selected: string | null = null;
  let alarmed: ReadonlySet<string> = new Set();
  let clusterTimer: ReturnType<typeof setTimeout> | null = null;
  const rebuildClusters = () => {
    clusterTimer = null;
    (map.getSource('cams-clustered') as GeoJSONSource | undefined)?.setData(cameraPoints(current.map((c) => ({ ...c, status: status.get(c.id) ?? c.status }))));
  };

  // Alarmed markers flash: the ring's opacity toggles twice a second, as the wall's alarm does.
  let on = true;
  const flash = setInterval(() => {
    if (alarmed.size === 0 || !map.getLayer('cam-alarm')) return;
    on = !on;
    map.setPaintProperty('cam-alarm', 'circle-stroke-width', on ? 4 : 1);
  }, 500);

  // The single dots and cones are only drawn from street zoom on: below it their sources stay
  // empty, so a city-wide first view does not cut 20,000 cones into tiles nobody sees. They are
  // filled once the map comes within a zoom of showing them (statuses are feature-state, kept by
  // MapLibre until the features arrive).
  let depth: number | undefined;
  let filled = false;
  const fill = () => {
    if (filled || map.getZoom() < clusterUntil - 1) return;
    filled = true;
    (map.getSource('cams') as GeoJSONSource).setData(cameraPoints(current));
    (map.getSource('cones') as GeoJSONSource).setData(cameraCones(current, depth));
  };
  map.on('zoom', fill);

  return {
    setCameras(cams, coneMetres) {
      current = [...cams];
      depth = coneMetres;
      status.clear();
      filled = false;
      fill();
      rebuildClusters();
      if (selected) this.setSelected(selected);
    },
    setStatuses(changes) {
      for (const [id, s] of changes) {
        status.set(id, s);
        const st = { s: statusIndex(s) };
        map.setFeatureState({ source: 'cams', id }, st);
        map.setFeatureState({ source: 'cones', id }, st);
      }
      clusterTimer ??= setTimeout(rebuildClusters, 1000);
    },
    setSelected(id) {
      if (selected) for (const source of ['cams', 'cones']) map.setFeatureState({ source, id: selected }, { selected: false });
      selected = id;
      if (id) for (const source of ['cams', 'cones']) map.setFeatureState({ source, id }, { selected: true });
    },
    setAlarmed(ids) {
      for (const id of alarmed) if (!ids.has(id)) map.setFeatureState({ source: 'cams', id }, { alarm: false });
      for (const id of ids) map.setFeatureState({ source: 'cams', id }, { alarm: true });
      alarmed = ids;
    },
    remove() {
      map.off('zoom', fill);
      clearInterval(flash);
      if (clusterTimer) clearTimeout(clusterTimer);
    },
  };
}
