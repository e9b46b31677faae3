// The MapLibre map itself: the style (fallback world + imported basemap, or an image map), the
// camera layers and cluster badges, clicks, and edit handles. The page decides what to show; this
// component only draws it and says what the officer clicked or dragged.
import 'maplibre-gl/dist/maplibre-gl.css';
import { Map as MapLibre, Marker, NavigationControl, prewarm, setWorkerUrl, type GeoJSONSource, type StyleSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import { useEffect, useRef, useState } from 'react';
import { addCameraLayers, CONE_METRES, type CameraLayers, type PlacedCamera } from './camera-layers';
import { clusterBadges, type ClusterLabel } from './cluster-badges';
import { motionResolution } from './motion-resolution';
import { bearing, destination } from './geo';
import { provinceNames } from './province-labels';
import type { MapStatus } from './status';

export interface Hotspot {
  id: string;
  label: string;
  lon: number;
  lat: number;
  onOpen: () => void;
  /** Edit mode: the button is dragged to a new place. */
  onMove?: (lon: number, lat: number) => void;
}

export interface MapCanvasProps {
  /** A new key rebuilds the map (another basemap, another image map). */
  styleKey: string;
  style: StyleSpecification;
  /** Where to look first: the cameras' extent, the image, or the basemap. */
  fit: [[number, number], [number, number]] | null;
  /** Frame these bounds now (a search result, an area chosen in the tree); a new key moves again. */
  focus: { bounds: [[number, number], [number, number]]; key: number } | null;
  cameras: readonly PlacedCamera[];
  statuses: ReadonlyMap<string, MapStatus>;
  alarmed: ReadonlySet<string>;
  selected: string | null;
  /** Metres per cone (image maps use a pixel-derived depth). */
  coneMetres?: number;
  boundaries: GeoJSON.FeatureCollection | null;
  hotspots: readonly Hotspot[];
  incidents: GeoJSON.FeatureCollection | null;
  heat: boolean;
  editing: boolean;
  clusterLabel: ClusterLabel;
  label: string;
  onSelect: (cameraId: string | null, at: [number, number] | null) => void;
  onMove: (cameraId: string, lon: number, lat: number) => void;
  onAim: (cameraId: string, heading: number, fieldOfView: number) => void;
  /** The map, for tests and the benchmark (window.__watchfloorMap). */
  onReady?: (map: MapLibre) => void;
}

/** The zoom edit mode brings a chosen camera to (image maps sit at about this zoom already). */
const EDIT_ZOOM = 18;

// MapLibre's worker is its own module; Vite bundles it (with what it imports) and names its URL.
setWorkerUrl(workerUrl);

/**
 * Starts MapLibre's worker while the console is idle, so the map page's first view does not wait
 * for it (200–300 ms of the first render on a CPU-only machine). Returns a way to call it off.
 */
export function prewarmMapWhenIdle(): () => void {
  const start = () => {
    handle = null;
    prewarm();
  };
  let handle: number | null = typeof requestIdleCallback === 'function' ? requestIdleCallback(start, { timeout: 5000 }) : window.setTimeout(start, 2000);
  return () => {
    if (handle === null) return;
    if (typeof cancelIdleCallback === 'function') cancelIdleCallback(handle);
    else clearTimeout(handle);
    handle = null;
  };
}

export function MapCanvas(p: MapCanvasProps) {
  const box = useRef<HTMLDivElement | null>(null);
  const mapRef = useRef<MapLibre | null>(null);
  const layers = useRef<CameraLayers | null>(null);
  const applied = useRef(new Map<string, MapStatus>());
  // The map's listeners read the latest props through this, without being re-bound each render.
  const props = useRef(p);
  useEffect(() => {
    props.current = p;
  });
  const [ready, setReady] = useState<MapLibre | null>(null);

  // The map: made once per style (a basemap or image map change), removed with the page.
  useEffect(() => {
    if (!box.current) return;
    const map = new MapLibre({ container: box.current, style: p.style, attributionControl: false, maxZoom: 21, fadeDuration: 0 });
    mapRef.current = map;
    map.addControl(new NavigationControl({ showCompass: true }), 'top-right');
    if (p.fit) map.fitBounds(p.fit, { padding: 60, duration: 0, maxZoom: 17 });
    let offBadges = () => undefined as void;
    let offNames = () => undefined as void;
    const offMotion = motionResolution(map);
    // The cameras go in as soon as the style is read, not after its outlines have been tiled and
    // drawn ('load'): the clusters are worked out in the worker while the outlines are.
    map.once('style.load', () => {
      layers.current = addCameraLayers(map);
      offBadges = clusterBadges(map, (n, by) => props.current.clusterLabel(n, by));
      // Province names where the style has the built-in provinces (not on an image map).
      if (map.getSource('provinces')) offNames = provinceNames(map);
      applied.current = new Map();
      setReady(map);
      props.current.onReady?.(map);
    });
    const pick = (e: { point: { x: number; y: number }; lngLat: { lng: number; lat: number } }) => {
      const hit = map.queryRenderedFeatures([e.point.x, e.point.y], { layers: ['cam-points', 'cam-lone', 'cam-cones'].filter((l) => map.getLayer(l)) });
      const id = hit.find((f) => f.layer.id !== 'cam-cones')?.properties?.id ?? hit[0]?.properties?.id;
      props.current.onSelect(typeof id === 'string' ? id : null, [e.lngLat.lng, e.lngLat.lat]);
    };
    map.on('click', pick);
    for (const l of ['cam-points', 'cam-lone']) {
      map.on('mouseenter', l, () => (map.getCanvas().style.cursor = 'pointer'));
      map.on('mouseleave', l, () => (map.getCanvas().style.cursor = ''));
    }
    return () => {
      offMotion();
      offBadges();
      offNames();
      layers.current?.remove();
      layers.current = null;
      mapRef.current = null;
      setReady(null);
      map.remove();
    };
    // The style and first view belong to styleKey; later changes of them are not re-applied.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [p.styleKey]);

  // Cameras placed: rebuild the sources (a move, a filter, a new camera), then statuses again.
  useEffect(() => {
    if (!ready || !layers.current) return;
    layers.current.setCameras(p.cameras, p.coneMetres);
    applied.current = new Map();
    const changes = new Map<string, MapStatus>();
    for (const c of p.cameras) {
      const s = p.statuses.get(c.id) ?? c.status;
      changes.set(c.id, s);
    }
    layers.current.setStatuses(changes);
    applied.current = changes;
  }, [ready, p.cameras, p.coneMetres]); // eslint-disable-line react-hooks/exhaustive-deps

  // Statuses: only what changed since the last time.
  useEffect(() => {
    if (!ready || !layers.current) return;
    const changes = new Map<string, MapStatus>();
    for (const [id, s] of p.statuses) if (applied.current.get(id) !== s && applied.current.has(id)) changes.set(id, s);
    if (changes.size === 0) return;
    for (const [id, s] of changes) applied.current.set(id, s);
    layers.current.setStatuses(changes);
  }, [ready, p.statuses]);

  useEffect(() => {
    if (ready && p.focus) ready.fitBounds(p.focus.bounds, { padding: 80, maxZoom: 18, duration: 300 });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, p.focus?.key]);

  useEffect(() => {
    if (ready) layers.current?.setSelected(p.selected);
  }, [ready, p.selected, p.cameras]);
  useEffect(() => {
    if (ready) layers.current?.setAlarmed(p.alarmed);
  }, [ready, p.alarmed]);

  useEffect(() => {
    const src = ready?.getSource('areas') as GeoJSONSource | undefined;
    if (src && p.boundaries) src.setData(p.boundaries);
  }, [ready, p.boundaries]);

  // Incidents and their heat layer (present only where the incidents feature provides them).
  useEffect(() => {
    const map = ready;
    if (!map) return;
    const data = p.incidents ?? { type: 'FeatureCollection', features: [] };
    const src = map.getSource('incidents') as GeoJSONSource | undefined;
    if (src) src.setData(data);
    else {
      map.addSource('incidents', { type: 'geojson', data });
      map.addLayer({ id: 'incident-heat', type: 'heatmap', source: 'incidents', layout: { visibility: 'none' }, paint: { 'heatmap-radius': 30, 'heatmap-opacity': 0.7 } }, 'cam-cones');
      map.addLayer({ id: 'incident-dots', type: 'circle', source: 'incidents', paint: { 'circle-color': '#bc8cff', 'circle-radius': 5, 'circle-stroke-color': '#0d1117', 'circle-stroke-width': 1 } });
    }
    map.setLayoutProperty('incident-heat', 'visibility', p.heat ? 'visible' : 'none');
  }, [ready, p.incidents, p.heat]);

  // Hotspots that open other maps: a labelled button each; in edit mode dragged to move.
  useEffect(() => {
    const map = ready;
    if (!map) return;
    const markers = p.hotspots.map((h) => {
      const el = document.createElement('button');
      el.type = 'button';
      el.className = h.onMove ? 'map-hotspot map-hotspot--movable' : 'map-hotspot';
      el.textContent = h.label;
      const m = new Marker({ element: el, draggable: !!h.onMove }).setLngLat([h.lon, h.lat]).addTo(map);
      // The click that ends a drag is not a request to open the other map.
      let dragged = false;
      m.on('dragstart', () => (dragged = true));
      m.on('dragend', () => {
        const ll = m.getLngLat();
        h.onMove?.(ll.lng, ll.lat);
        setTimeout(() => (dragged = false), 0);
      });
      el.addEventListener('click', (e) => {
        e.stopPropagation();
        if (!dragged) h.onOpen();
      });
      return m;
    });
    return () => markers.forEach((m) => m.remove());
  }, [ready, p.hotspots]);

  // Edit handles on the selected camera: drag the dot to move it, the cone's tip to turn it, the
  // cone's edge to widen or narrow it. Made once per camera chosen; the register's reload after a
  // save only moves them (never while one is held), so a second drag right after a first is kept.
  const handles = useRef<{ sync(cam: PlacedCamera): void } | null>(null);
  const chosenPresent = p.cameras.some((c) => c.id === p.selected);
  useEffect(() => {
    const map = ready;
    const cam = props.current.cameras.find((c) => c.id === p.selected);
    if (!map || !p.editing || !cam) return;
    // Close enough that the cone's handles are apart from the dot (70 m is about 120 px at zoom 18).
    if (map.getZoom() < EDIT_ZOOM) map.jumpTo({ center: [cam.lon, cam.lat], zoom: EDIT_ZOOM });
    const depth = p.coneMetres ?? CONE_METRES;
    let heading = cam.heading ?? 0;
    let fov = cam.fieldOfView ?? 70;
    let at: [number, number] = [cam.lon, cam.lat];
    let held = 0;
    const handle = (cls: string, label: string) => {
      const el = document.createElement('div');
      el.className = `map-handle ${cls}`;
      el.setAttribute('role', 'slider');
      el.setAttribute('aria-label', label);
      return el;
    };
    const make = (cls: string, label: string, lngLat: [number, number]) => {
      const m = new Marker({ element: handle(cls, label), draggable: true }).setLngLat(lngLat).addTo(map);
      m.on('dragstart', () => held++);
      m.on('dragend', () => held--);
      return m;
    };
    const place = make('map-handle--place', 'place', at);
    const tip = make('map-handle--aim', 'aim', destination(at[0], at[1], heading, depth));
    const edge = make('map-handle--fov', 'fov', destination(at[0], at[1], heading + fov / 2, depth));
    const follow = () => {
      tip.setLngLat(destination(at[0], at[1], heading, depth));
      edge.setLngLat(destination(at[0], at[1], heading + fov / 2, depth));
    };
    place.on('drag', () => {
      const ll = place.getLngLat();
      at = [ll.lng, ll.lat];
      follow();
    });
    place.on('dragend', () => props.current.onMove(cam.id, at[0], at[1]));
    tip.on('dragend', () => {
      const ll = tip.getLngLat();
      heading = Math.round(bearing(at, [ll.lng, ll.lat]));
      follow();
      props.current.onAim(cam.id, heading, fov);
    });
    edge.on('dragend', () => {
      const ll = edge.getLngLat();
      const b = bearing(at, [ll.lng, ll.lat]);
      const half = Math.abs(((b - heading + 540) % 360) - 180);
      fov = Math.max(1, Math.min(360, Math.round(half * 2)));
      follow();
      props.current.onAim(cam.id, heading, fov);
    });
    handles.current = {
      sync(c) {
        if (held > 0) return;
        at = [c.lon, c.lat];
        heading = c.heading ?? 0;
        fov = c.fieldOfView ?? 70;
        place.setLngLat(at);
        follow();
      },
    };
    return () => {
      handles.current = null;
      place.remove();
      tip.remove();
      edge.remove();
    };
  }, [ready, p.editing, p.selected, chosenPresent, p.coneMetres]);
  useEffect(() => {
    const cam = p.cameras.find((c) => c.id === p.selected);
    if (cam) handles.current?.sync(cam);
  }, [p.cameras, p.selected]);

  return <div ref={box} className="map-canvas" role="application" aria-label={p.label} data-ready={ready ? 'true' : 'false'} />;
}

