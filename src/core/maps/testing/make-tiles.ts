// Tiny basemaps for tests, written here so no binary fixture needs a provenance: a PMTiles v3
// archive (spec: github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md) and an MBTiles file
// (spec 1.3), each with PNG tiles drawn by sharp. `tileDataAt` puts the tiles past a gap, so a
// sparse multi-gigabyte archive costs a few kilobytes of disk.
import Database from 'better-sqlite3';
import { openSync, writeSync, closeSync, ftruncateSync } from 'node:fs';
import sharp from 'sharp';
import { zxyToTileId } from 'pmtiles';

export interface TestTile {
  z: number;
  x: number;
  y: number;
  data: Buffer;
}

/** A 256 px PNG tile: a street-grid look with its z/x/y written on it. */
export async function pngTile(z: number, x: number, y: number, colour = '#22303f'): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256">
    <rect width="256" height="256" fill="${colour}"/>
    <path d="M0 64H256M0 160H256M96 0V256M200 0V256" stroke="#3d4f63" stroke-width="6"/>
    <rect x="0.5" y="0.5" width="255" height="255" fill="none" stroke="#52667c"/>
    <text x="10" y="26" font-family="sans-serif" font-size="16" fill="#8aa0b8">${z}/${x}/${y}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Tiles covering [west, south, east, north] at zooms minZoom…maxZoom (XYZ numbering). */
export async function tilesFor(bounds: [number, number, number, number], minZoom: number, maxZoom: number): Promise<TestTile[]> {
  const out: TestTile[] = [];
  for (let z = minZoom; z <= maxZoom; z++) {
    const [x0, y1] = lonLatToTile(bounds[0], bounds[1], z);
    const [x1, y0] = lonLatToTile(bounds[2], bounds[3], z);
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) out.push({ z, x, y, data: await pngTile(z, x, y) });
  }
  return out;
}

export function lonLatToTile(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return [Math.min(n - 1, Math.max(0, x)), Math.min(n - 1, Math.max(0, y))];
}

const varint = (n: number, out: number[]) => {
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
};

export function writePmtiles(file: string, tiles: TestTile[], bounds: [number, number, number, number], opts: { tileDataAt?: number } = {}): void {
  const sorted = tiles.map((t) => ({ id: zxyToTileId(t.z, t.x, t.y), t })).sort((a, b) => a.id - b.id);
  const dir: number[] = [];
  varint(sorted.length, dir);
  let last = 0;
  for (const e of sorted) {
    varint(e.id - last, dir);
    last = e.id;
  }
  for (let i = 0; i < sorted.length; i++) varint(1, dir); // run lengths
  for (const e of sorted) varint(e.t.data.length, dir);
  let offset = 0;
  for (const e of sorted) {
    varint(offset + 1, dir);
    offset += e.t.data.length;
  }
  const root = Buffer.from(dir);
  const tileData = Buffer.concat(sorted.map((e) => e.t.data));
  const rootOffset = 127;
  const metaOffset = rootOffset + root.length;
  const meta = Buffer.from('{}');
  const dataOffset = opts.tileDataAt ?? metaOffset + meta.length;
  const h = Buffer.alloc(127);
  h.write('PMTiles', 0, 'latin1');
  h.writeUInt8(3, 7);
  const u64 = (v: number, at: number) => h.writeBigUInt64LE(BigInt(v), at);
  u64(rootOffset, 8);
  u64(root.length, 16);
  u64(metaOffset, 24);
  u64(meta.length, 32);
  u64(dataOffset, 40);
  u64(0, 48);
  u64(dataOffset, 56);
  u64(tileData.length, 64);
  u64(sorted.length, 72);
  u64(sorted.length, 80);
  u64(sorted.length, 88);
  h.writeUInt8(1, 96); // clustered
  h.writeUInt8(1, 97); // internal compression: none
  h.writeUInt8(1, 98); // tile compression: none
  h.writeUInt8(2, 99); // PNG
  h.writeUInt8(Math.min(...tiles.map((t) => t.z)), 100);
  h.writeUInt8(Math.max(...tiles.map((t) => t.z)), 101);
  h.writeInt32LE(Math.round(bounds[0] * 1e7), 102);
  h.writeInt32LE(Math.round(bounds[1] * 1e7), 106);
  h.writeInt32LE(Math.round(bounds[2] * 1e7), 110);
  h.writeInt32LE(Math.round(bounds[3] * 1e7), 114);
  h.writeUInt8(Math.min(...tiles.map((t) => t.z)), 118);
  h.writeInt32LE(Math.round(((bounds[0] + bounds[2]) / 2) * 1e7), 119);
  h.writeInt32LE(Math.round(((bounds[1] + bounds[3]) / 2) * 1e7), 123);
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, h, 0, h.length, 0);
    writeSync(fd, root, 0, root.length, rootOffset);
    writeSync(fd, meta, 0, meta.length, metaOffset);
    if (opts.tileDataAt) ftruncateSync(fd, opts.tileDataAt);
    writeSync(fd, tileData, 0, tileData.length, dataOffset);
  } finally {
    closeSync(fd);
  }
}

export function writeMbtiles(file: string, tiles: TestTile[], bounds: [number, number, number, number], name = 'test'): void {
  const db = new Database(file);
  try {
    db.exec('CREATE TABLE metadata (name TEXT, value TEXT); CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB); CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);');
    const meta = db.prepare('INSERT INTO metadata VALUES (?, ?)');
    for (const [k, v] of [
      ['name', name],
      ['format', 'png'],
      ['bounds', bounds.join(',')],
      ['minzoom', String(Math.min(...tiles.map((t) => t.z)))],
      ['maxzoom', String(Math.max(...tiles.map((t) => t.z)))],
    ])
      meta.run(k, v);
    const put = db.prepare('INSERT INTO tiles VALUES (?, ?, ?, ?)');
    db.transaction(() => {
      for (const t of tiles) put.run(t.z, t.x, (1 << t.z) - 1 - t.y, t.data);
    })();
  } finally {
    db.close();
  }
}
