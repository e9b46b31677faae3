// A PMTiles archive on disk, read by positioned reads: the header, the directories it needs and
// the one tile asked for — never the whole file, so a 2 GB basemap costs a few kilobytes per tile.
import { open, type FileHandle } from 'node:fs/promises';
import { PMTiles, TileType, type Header, type RangeResponse, type Source } from 'pmtiles';
import { AppError } from '../../shared/errors';

class FileSource implements Source {
  private handle: Promise<FileHandle> | null = null;
  constructor(
    private readonly file: string,
    private readonly size: number,
  ) {}

  getKey(): string {
    return this.file;
  }

  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    this.handle ??= open(this.file, 'r');
    const fh = await this.handle;
    // The header asks for 16 KiB at once; a tiny file answers with what it has.
    const n = Math.max(0, Math.min(length, this.size - offset));
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, offset);
    return { data: buf.buffer.slice(buf.byteOffset, buf.byteOffset + bytesRead) };
  }

  async close(): Promise<void> {
    const h = this.handle;
    this.handle = null;
    if (h) await (await h).close();
  }
}

export interface TileArchive {
  tileType: 'raster' | 'vector';
  /** MIME type of one tile. */
  contentType: string;
  /** Tiles are gzip-compressed as stored (vector tiles usually are). */
  gzip: boolean;
  minZoom: number;
  maxZoom: number;
  bounds: [number, number, number, number];
  tile(z: number, x: number, y: number): Promise<Buffer | null>;
  close(): Promise<void>;
}

const RASTER: Partial<Record<TileType, string>> = {
  [TileType.Png]: 'image/png',
  [TileType.Jpeg]: 'image/jpeg',
  [TileType.Webp]: 'image/webp',
  [TileType.Avif]: 'image/avif',
};

const unreadable = (reason: string) => new AppError('map_unreadable', { format: 'PMTiles', reason });

/** Opens and checks an archive: its header, its root directory, and the first tile it addresses. */
export async function openPmtiles(file: string, size: number): Promise<TileArchive> {
  const source = new FileSource(file, size);
  const archive = new PMTiles(source);
  let header: Header;
  try {
    header = await archive.getHeader();
    if (header.rootDirectoryOffset + header.rootDirectoryLength > size) throw unreadable('truncated');
    if (header.tileDataOffset > size) throw unreadable('truncated');
    // Reading one tile walks the root directory: a corrupt one fails here, not on the map.
    await archive.getZxy(header.minZoom, 0, 0);
  } catch (err) {
    await source.close();
    if (err instanceof AppError) throw err;
    throw unreadable(err instanceof Error ? err.message.slice(0, 120) : 'unknown');
  }
  const raster = RASTER[header.tileType];
  if (!raster && header.tileType !== TileType.Mvt) {
    await source.close();
    throw unreadable('tile type');
  }
  return {
    tileType: raster ? 'raster' : 'vector',
    contentType: raster ?? 'application/vnd.mapbox-vector-tile',
    gzip: false,
    minZoom: header.minZoom,
    maxZoom: header.maxZoom,
    bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat],
    async tile(z, x, y) {
      const r = await archive.getZxy(z, x, y);
      return r ? Buffer.from(r.data) : null;
    },
    close: () => source.close(),
  };
}
