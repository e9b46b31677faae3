// The map's shapes: basemaps and image maps the centre imports, where cameras sit on an image map,
// hotspots that link maps, and the compact camera list the map draws (20,000 markers in one call).
import { z } from 'zod';
import { cameraStatus, id } from './schemas';

export const mapKind = z.enum(['basemap', 'image']);
export const mapFormat = z.enum(['pmtiles', 'mbtiles', 'png', 'jpeg']);

export const mapInfo = z.object({
  id,
  name: z.string(),
  kind: mapKind,
  format: mapFormat,
  /** Basemaps: raster tiles (png/jpg/webp) or vector tiles (mvt). */
  tileType: z.enum(['raster', 'vector']).nullable(),
  bytes: z.number(),
  /** Image maps: the picture's size as stored (a huge scan is downscaled on import). */
  width: z.number().nullable(),
  height: z.number().nullable(),
  minZoom: z.number().nullable(),
  maxZoom: z.number().nullable(),
  /** Basemaps: [west, south, east, north] in degrees. */
  bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  createdAt: z.number(),
});
export type MapInfo = z.infer<typeof mapInfo>;

export const mapImportInput = z.object({
  uploadId: id,
  name: z.string().trim().min(1).max(200),
});

/** One camera as the map draws it: where it stands, where it looks, and what it is. */
export const mapCamera = z.object({
  id,
  name: z.string(),
  pointId: id,
  pointName: z.string(),
  address: z.string(),
  areaId: id,
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  heading: z.number().nullable(),
  fieldOfView: z.number().nullable(),
  status: cameraStatus,
  ownership: z.string(),
  /** The point's purposes as a bit set (see register.ts). */
  purposes: z.number(),
  ptz: z.boolean(),
});
export type MapCamera = z.infer<typeof mapCamera>;

/** A camera placed on an image map, in the picture's pixels (0…width, 0…height). */
export const mapPin = z.object({ cameraId: id, x: z.number().finite().min(0), y: z.number().finite().min(0) });
export type MapPin = z.infer<typeof mapPin>;

/** A clickable spot on a map that opens another map (city → ward → building). */
export const mapHotspot = z.object({
  id: z.uuid(),
  mapId: id,
  targetId: id,
  label: z.string().trim().min(1).max(200),
  /** Image maps: pixels; basemaps: x = longitude, y = latitude. */
  x: z.number().finite(),
  y: z.number().finite(),
});
export type MapHotspot = z.infer<typeof mapHotspot>;
