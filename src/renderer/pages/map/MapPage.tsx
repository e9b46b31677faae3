// The map page: every camera where it stands, coloured by its state, with its cone; clusters when
// zoomed out; the built-in world outlines, an imported basemap, or an image map (a floor plan) with
// cameras pinned on it; the area tree and filters; search; a camera's popup with live video; and
// edit mode, which saves moves and cones to the register (with history).
import type { Map as MapLibre } from 'maplibre-gl';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PURPOSES, type MapCamera, type MapHotspot } from '../../../shared/contract';
import { matchesSearch } from '../../../shared/text';
import { useActions } from '../../actions/ActionsProvider';
import { errorText } from '../../api/client';
import { useApp } from '../../app/app-context';
import { Page } from '../../app/Page';
import { healthOf } from '../../health/HealthDot';
import { formatDateTime, type Language } from '../../i18n';
import { useHealth } from '../../health/HealthProvider';
import { CameraPopup } from '../../map/CameraPopup';
import { HotspotEditor } from '../../map/HotspotEditor';
import { geoStyle, imageStyle } from '../../map/fallback-style';
import { IMAGE_CONE_METRES, imageFrame, inside } from '../../map/geo';
import { customFrom, DEFAULT_WINDOW, type IncidentWindow } from '../../map/incident-window';
import { MAP_ACTIONS, type MapActionCtx } from '../../map/map-actions';
import { MapCanvas } from '../../map/MapCanvas';
import { MapSide, type MapFilters } from '../../map/MapSide';
import { MapToolbar } from '../../map/MapToolbar';
import { MAP_STATUSES, mapStatusOf, type MapStatus } from '../../map/status';
import { useAlarmedCameras, useMapData, useMapIncidents } from '../../map/use-map-data';
import { useRegister } from '../../register/use-register';
import { saveAim, saveMove } from '../../map/save-edits';

type Notice = { kind: 'ok' | 'error'; text: string } | null;

export function MapPage() {
  const { t, i18n } = useTranslation();
  const { api, can, settings } = useApp();
  const tree = useRegister();
  const { byCamera } = useHealth();
  const [mapId, setMapId] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [placing, setPlacing] = useState<string | null>(null);
  /** Edit mode: the next click on the map puts a link to this map there. */
  const [linking, setLinking] = useState<{ targetId: string; label: string } | null>(null);
  const data = useMapData(mapId);
  // Another map: the camera chosen on the last one may not be on this one.
  const [shownMap, setShownMap] = useState(mapId);
  if (shownMap !== mapId) {
    setShownMap(mapId);
    setSelected(null);
    setPlacing(null);
  }
  const current = data.maps.find((m) => m.id === mapId) ?? null;
  const [filters, setFilters] = useState<MapFilters>({ areaId: null, statuses: new Set(MAP_STATUSES), ownership: null, purpose: null });
  const [heat, setHeat] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [focus, setFocus] = useState<{ bounds: [[number, number], [number, number]]; key: number } | null>(null);
  const searchRef = useRef<HTMLInputElement | null>(null);
  const [incidentWindow, setIncidentWindow] = useState<IncidentWindow>(DEFAULT_WINDOW);
  const { present: hasIncidents, incidents, loaded: incidentsLoaded } = useMapIncidents(incidentWindow);
  const alarmed = useAlarmedCameras(hasIncidents);

  const statusOf = useCallback((c: MapCamera): MapStatus => mapStatusOf(healthOf(c, byCamera).state), [byCamera]);
  const statuses = useMemo(() => {
    const m = new Map<string, MapStatus>();
    for (const c of data.cameras ?? []) m.set(c.id, statusOf(c));
    return m;
  }, [data.cameras, statusOf]);

  const inArea = useMemo(() => {
    if (!filters.areaId || !tree) return null;
    const kids = new Map<string | null, string[]>();
    for (const a of tree.areas) kids.set(a.parentId, [...(kids.get(a.parentId) ?? []), a.id]);
    const set = new Set<string>();
    const walk = (id: string) => {
      if (set.has(id)) return;
      set.add(id);
      for (const k of kids.get(id) ?? []) walk(k);
    };
    walk(filters.areaId);
    return set;
  }, [filters.areaId, tree]);

  // Filters narrow what is drawn; status filters follow health, so they re-run as states change.
  const shown = useMemo(() => {
    const purposeBit = filters.purpose ? 1 << PURPOSES.indexOf(filters.purpose as (typeof PURPOSES)[number]) : 0;
    return (data.cameras ?? []).filter(
      (c) =>
        (!inArea || inArea.has(c.areaId)) &&
        (!filters.ownership || c.ownership === filters.ownership) &&
        (!purposeBit || (c.purposes & purposeBit) !== 0) &&
        filters.statuses.has(statuses.get(c.id) ?? 'unknown'),
    );
  }, [data.cameras, inArea, filters, statuses]);

  const frame = useMemo(() => (current?.kind === 'image' && current.width && current.height ? imageFrame(current.width, current.height) : null), [current]);
  const pinned = useMemo(() => new Map(data.pins.map((p) => [p.cameraId, p])), [data.pins]);

  // Where each shown camera is drawn: by its point's coordinates, or by its pin on the image map.
  const placed = useMemo(() => {
    const out = [];
    for (const c of shown) {
      if (frame) {
        const pin = pinned.get(c.id);
        if (!pin) continue;
        const [lon, lat] = frame.toLngLat(pin.x, pin.y);
        out.push({ id: c.id, lon, lat, heading: c.heading, fieldOfView: c.fieldOfView, status: statuses.get(c.id) ?? 'unknown' });
      } else if (c.lat !== null && c.lon !== null) {
        out.push({ id: c.id, lon: c.lon, lat: c.lat, heading: c.heading, fieldOfView: c.fieldOfView, status: statuses.get(c.id) ?? 'unknown' });
      }
    }
    return out;
    // Statuses are applied as feature-state by the canvas; rebuilding on each change would redraw all.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shown, frame, pinned]);

  const counts = useMemo(() => {
    const c = Object.fromEntries(MAP_STATUSES.map((s) => [s, 0])) as Record<MapStatus, number>;
    for (const cam of data.cameras ?? []) if (!inArea || inArea.has(cam.areaId)) c[statuses.get(cam.id) ?? 'unknown']++;
    return c;
  }, [data.cameras, statuses, inArea]);

  const outside = useMemo(() => {
    if (!current || current.kind !== 'basemap' || !current.bounds) return [];
    return shown.filter((c) => c.lat !== null && c.lon !== null && !inside(current.bounds!, c.lon, c.lat));
  }, [current, shown]);
  const notPlaced = frame ? shown.filter((c) => !pinned.has(c.id)) : [];

  const extent = useCallback((cams: readonly { lon: number; lat: number }[]): [[number, number], [number, number]] | null => {
    if (cams.length === 0) return null;
    let w = 180, s = 90, e = -180, n = -90; // prettier-ignore
    for (const c of cams) {
      w = Math.min(w, c.lon);
      e = Math.max(e, c.lon);
      s = Math.min(s, c.lat);
      n = Math.max(n, c.lat);
    }
    return [[w, s], [e, n]]; // prettier-ignore
  }, []);

  const styleKey = current ? `${current.id}` : 'world';
  const style = useMemo(() => {
    if (current?.kind === 'image' && frame) return imageStyle(api.downloadUrl(`/maps/${current.id}/image`), frame.corners);
    if (current?.kind === 'basemap' && current.tileType && current.bounds)
      return geoStyle({ id: current.id, tileType: current.tileType, tiles: api.downloadUrl(`/maps/${current.id}/tiles/{z}/{x}/{y}`), minZoom: current.minZoom ?? 0, maxZoom: current.maxZoom ?? 14, bounds: current.bounds });
    return geoStyle(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [styleKey, frame]);
  const hasPlaced = placed.length > 0;
  const fit = useMemo(
    () => (frame ? frame.bounds : (extent(placed) ?? (current?.bounds ? ([[current.bounds[0], current.bounds[1]], [current.bounds[2], current.bounds[3]]] as [[number, number], [number, number]]) : null))),
    // The first view of a map; later it is the officer's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [styleKey, frame, hasPlaced],
  );

  const byId = useMemo(() => new Map((data.cameras ?? []).map((c) => [c.id, c])), [data.cameras]);
  const chosen = selected ? (byId.get(selected) ?? null) : null;
  const sameSpot = chosen ? (data.cameras ?? []).filter((c) => c.pointId === chosen.pointId) : [];

  const say = (kind: 'ok' | 'error', text: string) => setNotice({ kind, text });
  const onMove = useCallback(
    (cameraId: string, lon: number, lat: number) => {
      const cam = byId.get(cameraId);
      if (!cam) return;
      if (frame && current) {
        const [x, y] = frame.toPixel(lon, lat);
        api.call('maps.setPin', { mapId: current.id, cameraId, x: Math.max(0, Math.round(x)), y: Math.max(0, Math.round(y)) }).then(
          () => (data.reloadPins(), say('ok', t('pages.map.pinned', { name: cam.name }))),
          (err: unknown) => say('error', errorText(t, err)),
        );
        return;
      }
      saveMove(api, cam.pointId, lat, lon).then(
        (p) => say('ok', t('pages.map.moved', { name: cam.pointName, lat: p.lat?.toFixed(6), lon: p.lon?.toFixed(6) })),
        (err: unknown) => say('error', errorText(t, err)),
      );
    },
    [api, byId, frame, current, data, t],
  );
  const onAim = useCallback(
    (cameraId: string, heading: number, fov: number) => {
      saveAim(api, cameraId, heading, fov).then(
        (c) => say('ok', t('pages.map.aimed', { name: c.name, heading: c.heading, fov: c.fieldOfView })),
        (err: unknown) => say('error', errorText(t, err)),
      );
    },
    [api, t],
  );
  const onSelect = useCallback(
    (id: string | null, at: [number, number] | null) => {
      if (!id && linking && current && at) {
        const [x, y] = frame ? frame.toPixel(at[0], at[1]) : at;
        api.call('maps.saveHotspot', { id: crypto.randomUUID(), mapId: current.id, targetId: linking.targetId, label: linking.label, x, y }).then(
          () => data.reloadHotspots(),
          (err: unknown) => say('error', errorText(t, err)),
        );
        setLinking(null);
        return;
      }
      if (!id && placing && frame && current && at) {
        onMove(placing, at[0], at[1]);
        setPlacing(null);
        return;
      }
      setSelected(id);
    },
    [placing, linking, frame, current, onMove, api, data, t],
  );

  const pickSearch = (c: MapCamera) => {
    setSelected(c.id);
    const p = placed.find((x) => x.id === c.id);
    if (p) setFocus({ bounds: [[p.lon, p.lat], [p.lon, p.lat]], key: Date.now() }); // prettier-ignore
  };
  const onFilters = (f: MapFilters) => {
    setFilters(f);
    if (f.areaId !== filters.areaId && f.areaId) {
      const set = new Set<string>();
      const kids = new Map<string | null, string[]>();
      for (const a of tree?.areas ?? []) kids.set(a.parentId, [...(kids.get(a.parentId) ?? []), a.id]);
      const walk = (id: string) => (set.add(id), (kids.get(id) ?? []).forEach(walk));
      walk(f.areaId);
      const b = extent(placed.filter((p) => set.has(byId.get(p.id)?.areaId ?? '')));
      if (b) setFocus({ bounds: b, key: Date.now() });
    }
  };

  const { hotspots: hotspotList, reloadHotspots } = data;
  const ctx = useMemo<MapActionCtx>(
    () => ({
      selected,
      canEdit: can('register.manage'),
      editing,
      hasIncidents,
      setEditing,
      setIncidentWindow: (kind) => {
        if (kind !== 'custom') return setIncidentWindow({ kind });
        setIncidentWindow((w) => customFrom(w, Date.now()));
        requestAnimationFrame(() => document.getElementById('map-incidents-from')?.focus());
      },
      toggleHeat: () => setHeat((h) => !h),
      removeHotspot: (id) => {
        const h = hotspotList.find((x) => x.id === id);
        if (!h || !window.confirm(t('pages.map.hotspotRemoveConfirm', { name: h.label }))) return;
        api.call('maps.removeHotspot', { id }).then(
          () => (reloadHotspots(), say('ok', t('pages.map.hotspotRemoved', { name: h.label }))),
          (err: unknown) => say('error', errorText(t, err)),
        );
      },
      focusSearch: () => searchRef.current?.focus(),
      close: () => setSelected(null),
    }),
    [selected, can, editing, hasIncidents, hotspotList, reloadHotspots, api, t],
  );
  useActions(MAP_ACTIONS, ctx);

  const onReady = useCallback((m: MapLibre) => {
    (window as unknown as { __watchfloorMap?: MapLibre }).__watchfloorMap = m;
  }, []);

  const incidentFc = useMemo<GeoJSON.FeatureCollection | null>(
    () =>
      hasIncidents
        ? { type: 'FeatureCollection', features: incidents.map((i) => ({ type: 'Feature', id: i.id, properties: { id: i.id, title: i.title }, geometry: { type: 'Point', coordinates: [i.lon, i.lat] } })) }
        : null,
    [hasIncidents, incidents],
  );
  const saveHotspot = useCallback(
    (h: MapHotspot) =>
      void api.call('maps.saveHotspot', h).then(
        () => reloadHotspots(),
        (err: unknown) => (say('error', errorText(t, err)), reloadHotspots()),
      ),
    [api, reloadHotspots, t],
  );
  const hotspots = useMemo(
    () =>
      data.hotspots.map((h) => {
        const [lon, lat] = frame ? frame.toLngLat(h.x, h.y) : [h.x, h.y];
        const onMove = (lo: number, la: number) => {
          const [x, y] = frame ? frame.toPixel(lo, la) : [lo, la];
          // On a plan the link stays on the picture.
          saveHotspot(frame && current?.width && current.height ? { ...h, x: Math.min(Math.max(0, x), current.width), y: Math.min(Math.max(0, y), current.height) } : { ...h, x, y });
        };
        return { id: h.id, label: h.label, lon, lat, onOpen: () => setMapId(h.targetId), ...(editing ? { onMove } : {}) };
      }),
    [data.hotspots, frame, editing, saveHotspot, current],
  );

  const lang = i18n.language as Language;
  const incidentNotice =
    incidentWindow.kind === 'custom'
      ? t('pages.map.incidentsCustom', { count: incidents.length, from: formatDateTime(incidentWindow.from, lang, settings.timeZone), to: formatDateTime(incidentWindow.to, lang, settings.timeZone) })
      : t(`pages.map.incidentsLast.${incidentWindow.kind}`, { count: incidents.length });

  const searchItems = useCallback((q: string) => (data.cameras ?? []).filter((c) => matchesSearch(`${c.name} ${c.pointName} ${c.address}`, q)).slice(0, 12), [data.cameras]);

  return (
    <Page
      title={t('pages.map.title')}
      className="page--map"
      tools={
        <MapToolbar
          maps={data.maps}
          mapId={mapId}
          onMap={(id) => (setMapId(id), setSelected(null), setPlacing(null))}
          onImported={(m) => (data.reloadMaps(), setMapId(m.id), say('ok', t('pages.map.imported', { name: m.name })))}
          onRemoved={() => (data.reloadMaps(), setMapId(null))}
          onError={(text) => say('error', text)}
          editing={editing}
          onEditing={setEditing}
          search={searchItems}
          onPick={pickSearch}
          searchRef={searchRef}
          hasIncidents={hasIncidents && !frame}
          heat={heat}
          incidentWindow={incidentWindow}
          onIncidentWindow={setIncidentWindow}
        />
      }
    >
      <div className="map-page">
        <MapSide areas={tree?.areas ?? []} filters={filters} onFilters={onFilters} activeArea={chosen?.areaId ?? null} counts={counts} cameras={frame ? shown.filter((c) => pinned.has(c.id)) : shown.filter((c) => c.lat !== null)} selected={selected} onCamera={pickSearch}>
          {editing && current ? <HotspotEditor map={current} maps={data.maps} hotspots={data.hotspots} linking={linking} onLinking={setLinking} onSave={saveHotspot} /> : null}
          {editing && frame ? (
            <section aria-label={t('pages.map.editPin')}>
              <p className="muted">{t('pages.map.editPin')}</p>
              <ul className="map-unplaced">
                {notPlaced.slice(0, 200).map((c) => (
                  <li key={c.id}>
                    <button type="button" className="button button--quiet" aria-pressed={placing === c.id} onClick={() => setPlacing(c.id)}>
                      {c.name}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </MapSide>
        <div className="map-stage">
          <MapCanvas
            styleKey={styleKey}
            style={style}
            fit={fit}
            focus={focus}
            cameras={placed}
            statuses={statuses}
            alarmed={alarmed}
            selected={selected}
            {...(frame ? { coneMetres: IMAGE_CONE_METRES } : {})}
            boundaries={data.boundaries}
            hotspots={hotspots}
            // Incidents have coordinates, not pixels: an image map's plane is not the earth.
            incidents={frame ? null : incidentFc}
            heat={heat}
            editing={editing}
            clusterLabel={(n, by) => t('pages.map.cluster', { count: n, detail: MAP_STATUSES.filter((s) => by[s] > 0).map((s) => `${by[s]} ${t(`pages.map.statusName.${s}`)}`).join(', ') })}
            label={t('pages.map.canvas')}
            onSelect={onSelect}
            onMove={onMove}
            onAim={onAim}
            onReady={onReady}
          />
          <div className="map-notices" role="status" aria-live="polite">
            <span className="map-notice">{t('pages.map.shown', { count: placed.length })}</span>
            {hasIncidents && incidentsLoaded && !frame ? <span className="map-notice map-notice--incidents">{incidentNotice}</span> : null}
            {editing ? <span className="map-notice">{t('pages.map.editHint')}</span> : null}
            {outside.length > 0 ? (
              <span className="map-notice map-notice--warn">{t('pages.map.outside', { count: outside.length, names: outside.slice(0, 3).map((c) => c.name).join(', ') })}</span>
            ) : null}
            {frame && notPlaced.length > 0 ? <span className="map-notice">{t('pages.map.notPlaced', { count: notPlaced.length })}</span> : null}
            {notice ? <span className={`map-notice map-notice--${notice.kind}`}>{notice.text}</span> : null}
          </div>
          {chosen ? <CameraPopup key={chosen.id} camera={chosen} sameSpot={sameSpot} onPick={setSelected} onClose={() => setSelected(null)} /> : null}
        </div>
      </div>
    </Page>
  );
}
