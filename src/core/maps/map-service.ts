// The map's files: a basemap or image map is uploaded (streamed to disk), recognised by its first
// bytes, checked, and moved under <data-dir>/maps. Tiles are read from it one at a time on request.
// A broken file fails its import (or its tile) with map_unreadable; nothing here ends the core.
import { randomUUID } from 'node:crypto';
import { mkdirSync, openSync, readSync, closeSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { MapCamera, MapHotspot, MapInfo, MapPin } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { createLogger } from '../log/logger';
import type { UploadStore } from '../register/import/uploads';
import { storeImageMap } from './image-map';
import type { MapRepository, StoredMap } from './map-repository';
import { openMbtiles } from './mbtiles-file';
import { openPmtiles, type TileArchive } from './pmtiles-file';

const log = createLogger('maps');

/** Basemaps may be large (a province at street level is gigabytes); they are streamed, never read whole. */
export const MAP_UPLOAD_LIMIT = 8 * 1024 ** 3;

type Sniffed = 'pmtiles' | 'mbtiles' | 'png' | 'jpeg' | null;

export function sniffMapFile(file: string): Sniffed {
  const head = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  let n = 0;
  try {
    n = readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  const b = head.subarray(0, n);
  if (b.length >= 7 && b.toString('latin1', 0, 7) === 'PMTiles') return 'pmtiles';
  if (b.length >= 16 && b.toString('latin1', 0, 16) === 'SQLite format 3\0') return 'mbtiles';
  if (b.length >= 8 && b.readUInt32BE(0) === 0x89504e47) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  return null;
}

export class MapService {
  readonly dir: string;
  private readonly open = new Map<string, Promise<TileArchive>>();

  constructor(
    dataDir: string,
    private readonly repo: MapRepository,
    readonly uploads: UploadStore,
  ) {
    this.dir = path.join(dataDir, 'maps');
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  list(): MapInfo[] {
    return this.repo.list().map(publicInfo);
  }

  get(id: string): StoredMap {
    const m = this.repo.get(id);
    if (!m) throw new AppError('map_not_found', { id });
    return m;
  }

  async importUpload(uploadId: string, name: string, actor: string | null): Promise<MapInfo> {
    const from = this.uploads.file(uploadId);
    try {
      return await this.importFile(from, name, actor);
    } finally {
      this.uploads.remove(uploadId);
    }
  }

  /** Checks a file and takes it in (moved, or for an image, rewritten) under the maps folder. */
  async importFile(from: string, name: string, actor: string | null): Promise<MapInfo> {
    const kind = sniffMapFile(from);
    if (!kind) throw new AppError('map_unreadable', { format: 'unknown', reason: 'not a map' });
    const id = randomUUID();
    const createdAt = Date.now();
    if (kind === 'png' || kind === 'jpeg') {
      const file = path.join(this.dir, `${id}.${kind === 'png' ? 'png' : 'jpg'}`);
      try {
        const img = await storeImageMap(from, file);
        const m: StoredMap = { id, name, kind: 'image', format: img.format, tileType: null, file, bytes: statSync(file).size, width: img.width, height: img.height, minZoom: null, maxZoom: null, bounds: null, createdAt };
        this.repo.insert(m, actor);
        log.info('image map imported', { id, width: img.sourceWidth, height: img.sourceHeight, stored: `${img.width}x${img.height}` });
        return publicInfo(m);
      } catch (err) {
        rmSync(file, { force: true });
        throw err;
      }
    }
    const bytes = statSync(from).size;
    const archive = kind === 'pmtiles' ? await openPmtiles(from, bytes) : openMbtiles(from);
    await archive.close();
    const file = path.join(this.dir, `${id}.${kind}`);
    renameSync(from, file);
    const m: StoredMap = {
      id,
      name,
      kind: 'basemap',
      format: kind,
      tileType: archive.tileType,
      file,
      bytes,
      width: null,
      height: null,
      minZoom: archive.minZoom,
      maxZoom: archive.maxZoom,
      bounds: archive.bounds,
      createdAt,
    };
    this.repo.insert(m, actor);
    log.info('basemap imported', { id, format: kind, bytes, tileType: archive.tileType });
    return publicInfo(m);
  }

  async remove(id: string): Promise<boolean> {
    const m = this.repo.get(id);
    if (!m) return false;
    await this.closeArchive(id);
    this.repo.remove(id);
    rmSync(m.file, { force: true });
    return true;
  }

  /** One tile of a basemap, or null where the archive has none. */
  async tile(id: string, z: number, x: number, y: number): Promise<{ data: Buffer; contentType: string } | null> {
    const m = this.get(id);
    if (m.kind !== 'basemap') throw new AppError('map_not_found', { id });
    if (!Number.isInteger(z) || z < 0 || z > 24 || !Number.isInteger(x) || !Number.isInteger(y) || x < 0 || y < 0 || x >= 2 ** z || y >= 2 ** z) return null;
    let pending = this.open.get(id);
    if (!pending) {
      pending = m.format === 'pmtiles' ? openPmtiles(m.file, statSync(m.file).size) : Promise.resolve().then(() => openMbtiles(m.file));
      this.open.set(id, pending);
      pending.catch(() => this.open.delete(id));
    }
    const archive = await pending;
    let data: Buffer | null;
    try {
      data = await archive.tile(z, x, y);
    } catch (err) {
      throw new AppError('map_unreadable', { format: m.format, reason: err instanceof Error ? err.message.slice(0, 120) : 'tile' });
    }
    return data ? { data, contentType: archive.contentType } : null;
  }

  /** The cameras the map draws, within the caller's areas (null: everywhere); disabled ones are off the map. */
  cameras(visible: ReadonlySet<string> | null): MapCamera[] {
    const out: MapCamera[] = [];
    for (const { disabled, ...c } of this.repo.cameras()) if (!disabled && (visible === null || visible.has(c.areaId))) out.push(c);
    return out;
  }

  areaBoundaries(visible: ReadonlySet<string> | null): { areaId: string; name: string; geometry: string }[] {
    return this.repo.areaBoundaries().filter((a) => visible === null || visible.has(a.areaId));
  }

  pins(mapId: string): MapPin[] {
    this.get(mapId);
    return this.repo.pins(mapId);
  }

  setPin(mapId: string, cameraId: string, at: { x: number; y: number } | null): boolean {
    const m = this.get(mapId);
    if (m.kind !== 'image') throw new AppError('bad_request', { reason: 'pins are for image maps' });
    if (at && (at.x > (m.width ?? 0) || at.y > (m.height ?? 0))) throw new AppError('bad_request', { reason: 'outside the image' });
    this.repo.setPin(mapId, cameraId, at);
    return at !== null;
  }

  hotspots(mapId: string): MapHotspot[] {
    this.get(mapId);
    return this.repo.hotspots(mapId);
  }

  saveHotspot(h: MapHotspot): MapHotspot {
    this.get(h.mapId);
    this.get(h.targetId);
    if (h.mapId === h.targetId) throw new AppError('bad_request', { reason: 'a hotspot opens another map' });
    this.repo.saveHotspot(h);
    return h;
  }

  removeHotspot(id: string): boolean {
    return this.repo.removeHotspot(id);
  }

  private async closeArchive(id: string): Promise<void> {
    const p = this.open.get(id);
    this.open.delete(id);
    if (p) await p.then((a) => a.close()).catch(() => undefined);
  }

  async dispose(): Promise<void> {
    for (const id of [...this.open.keys()]) await this.closeArchive(id);
  }
}

function publicInfo(m: StoredMap): MapInfo {
  const { file: _file, ...info } = m;
  return info;
}
