// An MBTiles basemap (SQLite: metadata + tiles in TMS rows), opened read-only. Each tile is one
// indexed row read, so the file's size does not matter.
import Database from 'better-sqlite3';
import { gunzipSync } from 'node:zlib';
import { AppError } from '../../shared/errors';
import type { TileArchive } from './pmtiles-file';

const unreadable = (reason: string) => new AppError('map_unreadable', { format: 'MBTiles', reason });

const sniff = (b: Buffer): string | null => {
  if (b.length >= 8 && b.readUInt32BE(0) === 0x89504e47) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8) return 'image/jpeg';
  if (b.length >= 12 && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
};

export function openMbtiles(file: string): TileArchive {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    throw unreadable('not SQLite');
  }
  try {
    const meta = new Map<string, string>();
    for (const r of db.prepare('SELECT name, value FROM metadata').all() as { name: string; value: string }[]) meta.set(r.name, String(r.value));
    const first = db.prepare('SELECT zoom_level AS z, tile_column AS x, tile_row AS y, tile_data AS d FROM tiles LIMIT 1').get() as
      | { z: number; x: number; y: number; d: Buffer }
      | undefined;
    if (!first) throw unreadable('no tiles');
    const zooms = db.prepare('SELECT MIN(zoom_level) AS lo, MAX(zoom_level) AS hi FROM tiles').get() as { lo: number; hi: number };
    const format = (meta.get('format') ?? '').toLowerCase();
    const image = sniff(first.d);
    const vector = format === 'pbf' || (!image && (first.d[0] === 0x1f || first.d[0] === 0x1a));
    if (!image && !vector) throw unreadable('tile format');
    if (vector) gunzipOrSelf(first.d);
    const b = (meta.get('bounds') ?? '').split(',').map(Number);
    const bounds: [number, number, number, number] = b.length === 4 && b.every(Number.isFinite) ? [b[0]!, b[1]!, b[2]!, b[3]!] : [-180, -85.05, 180, 85.05];
    const get = db.prepare('SELECT tile_data AS d FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?');
    return {
      tileType: vector ? 'vector' : 'raster',
      contentType: vector ? 'application/vnd.mapbox-vector-tile' : image!,
      gzip: vector && first.d[0] === 0x1f,
      minZoom: zooms.lo,
      maxZoom: zooms.hi,
      bounds,
      tile(z, x, y) {
        // MBTiles counts rows from the south (TMS); the map asks from the north (XYZ).
        const row = get.get(z, x, (1 << z) - 1 - y) as { d: Buffer } | undefined;
        return Promise.resolve(row ? row.d : null);
      },
      close() {
        db.close();
        return Promise.resolve();
      },
    };
  } catch (err) {
    db.close();
    if (err instanceof AppError) throw err;
    throw unreadable(err instanceof Error ? err.message.slice(0, 120) : 'unknown');
  }
}

function gunzipOrSelf(b: Buffer): Buffer {
  if (b[0] !== 0x1f) return b;
  try {
    return gunzipSync(b);
  } catch {
    throw unreadable('tile data');
  }
}
