// What the map page reads from the core: the imported maps, the cameras as the map draws them,
// area outlines, and (for an image map) its pins and hotspots — reloaded when the register changes.
import { useCallback, useEffect, useState } from 'react';
import type { MapCamera, MapHotspot, MapInfo, MapPin } from '../../shared/contract';
import { useApp } from '../app/app-context';
import { windowRange, type IncidentWindow } from './incident-window';
import { incidentSource, onIncidentSource, type MapIncident } from './seams';

function useLoad<T>(load: (() => Promise<T>) | null, events: readonly string[], initial: T): [T, () => void] {
  const { api } = useApp();
  const [value, setValue] = useState<T>(initial);
  const [n, setN] = useState(0);
  const reload = useCallback(() => setN((x) => x + 1), []);
  useEffect(() => {
    if (!load) return;
    let alive = true;
    load().then(
      (v) => alive && setValue(v),
      () => undefined,
    );
    const offs = events.map((e) => api.on(e as 'register.changed', () => reload()));
    return () => {
      alive = false;
      offs.forEach((off) => off());
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [load, n]);
  return [value, reload];
}

export function useMapData(mapId: string | null) {
  const { api } = useApp();
  const [maps, reloadMaps] = useLoad<MapInfo[]>(useCallback(() => api.call('maps.list', {}), [api]), [], []);
  const [cameras] = useLoad<MapCamera[] | null>(useCallback(() => api.call('maps.cameras', {}), [api]), ['register.changed'], null);
  const [boundaries] = useLoad<GeoJSON.FeatureCollection | null>(
    useCallback(
      () =>
        api.call('maps.areaBoundaries', {}).then((rows) => ({
          type: 'FeatureCollection' as const,
          features: rows.flatMap((r) => {
            try {
              const g = JSON.parse(r.geometry) as GeoJSON.Geometry | GeoJSON.Feature;
              const geometry = 'geometry' in g ? g.geometry : g;
              return [{ type: 'Feature' as const, id: r.areaId, properties: { id: r.areaId, name: r.name }, geometry }];
            } catch {
              return [];
            }
          }),
        })),
      [api],
    ),
    ['register.changed'],
    null,
  );
  const [pins, reloadPins] = useLoad<MapPin[]>(useCallback(() => (mapId ? api.call('maps.pins', { mapId }) : Promise.resolve([])), [api, mapId]), [], []);
  const [hotspots, reloadHotspots] = useLoad<MapHotspot[]>(useCallback(() => (mapId ? api.call('maps.hotspots', { mapId }) : Promise.resolve([])), [api, mapId]), [], []);
  return { maps, reloadMaps, cameras, boundaries, pins, reloadPins, hotspots, reloadHotspots };
}

/** A relative window ("the last 24 hours") moves with the clock: read again this often. */
const MOVE_EVERY_MS = 60_000;

/** Incidents in a time window, where the incidents feature has plugged in (seams.ts). */
export function useMapIncidents(window: IncidentWindow): { present: boolean; incidents: MapIncident[]; loaded: boolean } {
  const [present, setPresent] = useState(() => incidentSource() !== null);
  const [state, setState] = useState<{ incidents: MapIncident[]; loaded: boolean }>({ incidents: [], loaded: false });
  useEffect(() => {
    const check = () => setPresent(incidentSource() !== null);
    const off = onIncidentSource(check);
    // The source may have been provided between this page's first render and now (the console
    // mounts it beside the page, and its effect runs first on a reload straight into #/map).
    check();
    return off;
  }, []);
  const key = JSON.stringify(window);
  useEffect(() => {
    const s = incidentSource();
    if (!s) return;
    let alive = true;
    const w = JSON.parse(key) as IncidentWindow;
    const read = () => {
      const [from, to] = windowRange(w, Date.now());
      s.list(from, to).then(
        (list) => alive && setState({ incidents: list, loaded: true }),
        () => undefined,
      );
    };
    read();
    const timer = w.kind === 'custom' ? null : setInterval(read, MOVE_EVERY_MS);
    return () => {
      alive = false;
      if (timer) clearInterval(timer);
    };
  }, [present, key]);
  return { present, incidents: present ? state.incidents : [], loaded: present && state.loaded };
}

const NONE: ReadonlySet<string> = new Set();

/** Cameras with an alarm now, where the alarms feature has plugged in (their markers flash). */
export function useAlarmedCameras(present: boolean): ReadonlySet<string> {
  const [ids, setIds] = useState<ReadonlySet<string>>(NONE);
  useEffect(() => {
    const s = incidentSource();
    if (!present || !s?.alarmedCameras) return;
    return s.alarmedCameras(setIds);
  }, [present]);
  return present ? ids : NONE;
}
