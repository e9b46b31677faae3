// SQL for the map: imported maps, cameras pinned on image maps, hotspots; and the compact camera
// list the map draws (one query for 20,000 cameras).
import type { MapCamera, MapHotspot, MapInfo, MapPin } from '../../shared/contract';
import type { Db } from '../store/database';
import { statement } from '../store/statements';

interface MapRow {
  id: string;
  name: string;
  kind: MapInfo['kind'];
  format: MapInfo['format'];
  tile_type: MapInfo['tileType'];
  file: string;
  bytes: number;
  width: number | null;
  height: number | null;
  min_zoom: number | null;
  max_zoom: number | null;
  bounds: string | null;
  created_at: number;
}

export interface StoredMap extends MapInfo {
  file: string;
}

const toMap = (r: MapRow): StoredMap => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  format: r.format,
  tileType: r.tile_type,
  file: r.file,
  bytes: r.bytes,
  width: r.width,
  height: r.height,
  minZoom: r.min_zoom,
  maxZoom: r.max_zoom,
  bounds: r.bounds ? (JSON.parse(r.bounds) as [number, number, number, number]) : null,
  createdAt: r.created_at,
});

export class MapRepository {
  constructor(private readonly db: Db) {}

  list(): StoredMap[] {
    return (statement(this.db, 'SELECT * FROM maps ORDER BY created_at DESC, name').all() as MapRow[]).map(toMap);
  }

  get(id: string): StoredMap | null {
    const r = statement(this.db, 'SELECT * FROM maps WHERE id = ?').get(id) as MapRow | undefined;
    return r ? toMap(r) : null;
  }

  insert(m: StoredMap, createdBy: string | null): void {
    statement(
      this.db,
      `INSERT INTO maps (id, name, kind, format, tile_type, file, bytes, width, height, min_zoom, max_zoom, bounds, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(m.id, m.name, m.kind, m.format, m.tileType, m.file, m.bytes, m.width, m.height, m.minZoom, m.maxZoom, m.bounds ? JSON.stringify(m.bounds) : null, m.createdAt, createdBy);
  }

  remove(id: string): boolean {
    return statement(this.db, 'DELETE FROM maps WHERE id = ?').run(id).changes > 0;
  }

  pins(mapId: string): MapPin[] {
    return statement(this.db, 'SELECT camera_id AS cameraId, x, y FROM map_pins WHERE map_id = ?').all(mapId) as MapPin[];
  }

  setPin(mapId: string, cameraId: string, at: { x: number; y: number } | null): void {
    if (!at) statement(this.db, 'DELETE FROM map_pins WHERE map_id = ? AND camera_id = ?').run(mapId, cameraId);
    else
      statement(this.db, 'INSERT INTO map_pins (map_id, camera_id, x, y) VALUES (?, ?, ?, ?) ON CONFLICT (map_id, camera_id) DO UPDATE SET x = excluded.x, y = excluded.y').run(
        mapId,
        cameraId,
        at.x,
        at.y,
      );
  }

  hotspots(mapId: string): MapHotspot[] {
    return statement(this.db, 'SELECT id, map_id AS mapId, target_id AS targetId, label, x, y FROM map_hotspots WHERE map_id = ? ORDER BY label').all(mapId) as MapHotspot[];
  }

  saveHotspot(h: MapHotspot): void {
    statement(
      this.db,
      `INSERT INTO map_hotspots (id, map_id, target_id, label, x, y) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET target_id = excluded.target_id, label = excluded.label, x = excluded.x, y = excluded.y`,
    ).run(h.id, h.mapId, h.targetId, h.label, h.x, h.y);
  }

  removeHotspot(id: string): boolean {
    return statement(this.db, 'DELETE FROM map_hotspots WHERE id = ?').run(id).changes > 0;
  }

  /** Today's areas with a boundary (GeoJSON geometry as stored by the register's boundary import). */
  areaBoundaries(): { areaId: string; name: string; geometry: string }[] {
    return statement(this.db, 'SELECT id AS areaId, name, boundary AS geometry FROM areas WHERE boundary IS NOT NULL AND retired_on IS NULL').all() as {
      areaId: string;
      name: string;
      geometry: string;
    }[];
  }

  cameras(): (MapCamera & { disabled: boolean })[] {
    const rows = statement(
      this.db,
      `SELECT c.id, c.name, c.point_id AS pointId, p.name AS pointName, p.address, p.area_id AS areaId, p.lat, p.lon,
              c.heading, c.field_of_view AS fieldOfView, c.status, c.ownership, p.purposes, c.ptz,
              (c.disabled OR p.disabled) AS disabled
         FROM cameras c JOIN points p ON p.id = c.point_id`,
    ).all() as (Omit<MapCamera, 'ptz'> & { ptz: number; disabled: number })[];
    return rows.map((r) => ({ ...r, ptz: r.ptz === 1, disabled: r.disabled === 1 }));
  }
}
