// Importing basemaps and image maps, and reading tiles back, with real files: PMTiles and MBTiles
// written by the test, a 2 GB sparse archive, broken and truncated ones, a 20,000 px picture.
import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../shared/errors';
import { UploadStore } from '../register/import/uploads';
import { openDatabase, type Db } from '../store/database';
import { MapRepository } from './map-repository';
import { MapService } from './map-service';
import { tilesFor, writeMbtiles, writePmtiles } from './testing/make-tiles';

const HCMC: [number, number, number, number] = [106.67, 10.76, 106.71, 10.79];
let dir: string;
let db: Db;
let maps: MapService;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'wf-maps-'));
  db = openDatabase({ dataDir: dir }).db;
  maps = new MapService(dir, new MapRepository(db), new UploadStore(dir, 1e10, 'map-uploads'));
});
afterEach(async () => {
  await maps.dispose();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const file = (name: string) => path.join(dir, name);
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (isAppError(err)) return `${err.code}`;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('basemaps', () => {
  it('imports a PMTiles archive and serves each tile as it was written', async () => {
    const tiles = await tilesFor(HCMC, 12, 14);
    writePmtiles(file('hcmc.pmtiles'), tiles, HCMC);
    const m = await maps.importFile(file('hcmc.pmtiles'), 'TP.HCM', null);
    expect(m).toMatchObject({ kind: 'basemap', format: 'pmtiles', tileType: 'raster', minZoom: 12, maxZoom: 14 });
    expect(m.bounds![0]).toBeCloseTo(106.67, 5);
    for (const t of [tiles[0]!, tiles.at(-1)!]) expect((await maps.tile(m.id, t.z, t.x, t.y))!.data.equals(t.data)).toBe(true);
    expect(await maps.tile(m.id, 3, 0, 0)).toBeNull();
    expect(maps.list().map((x) => x.name)).toEqual(['TP.HCM']);
  });

  it('imports an MBTiles file (rows counted from the south) and serves tiles by XYZ', async () => {
    const tiles = await tilesFor(HCMC, 13, 14);
    writeMbtiles(file('hcmc.mbtiles'), tiles, HCMC);
    const m = await maps.importFile(file('hcmc.mbtiles'), 'MB', null);
    expect(m).toMatchObject({ format: 'mbtiles', tileType: 'raster', minZoom: 13, maxZoom: 14 });
    const t = tiles[1]!;
    const got = await maps.tile(m.id, t.z, t.x, t.y);
    expect(got!.contentType).toBe('image/png');
    expect(got!.data.equals(t.data)).toBe(true);
  });

  it('reads a 2 GB archive by position: its tiles lie past 2 GiB in a sparse file', async () => {
    const tiles = await tilesFor(HCMC, 14, 14);
    const at = 2 * 1024 ** 3 + 12345;
    writePmtiles(file('big.pmtiles'), tiles, HCMC, { tileDataAt: at });
    expect(statSync(file('big.pmtiles')).size).toBeGreaterThan(2 * 1024 ** 3);
    const before = process.memoryUsage().rss;
    const m = await maps.importFile(file('big.pmtiles'), 'Big', null);
    const t = tiles.at(-1)!;
    expect((await maps.tile(m.id, t.z, t.x, t.y))!.data.equals(t.data)).toBe(true);
    // Never loaded whole: the process grew by far less than the file.
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 ** 2);
  });

  it('refuses a truncated PMTiles archive, a broken header, a cut MBTiles and a file that is no map — each as map_unreadable', async () => {
    const tiles = await tilesFor(HCMC, 12, 13);
    writePmtiles(file('a.pmtiles'), tiles, HCMC);
    truncateSync(file('a.pmtiles'), 100);
    expect(await refusal(maps.importFile(file('a.pmtiles'), 'a', null))).toBe('map_unreadable');

    writePmtiles(file('b.pmtiles'), tiles, HCMC);
    const b = readFileSync(file('b.pmtiles'));
    b.fill(0xff, 8, 40); // directory offsets pointing nowhere
    writeFileSync(file('b.pmtiles'), b);
    expect(await refusal(maps.importFile(file('b.pmtiles'), 'b', null))).toBe('map_unreadable');

    writeMbtiles(file('c.mbtiles'), tiles, HCMC);
    truncateSync(file('c.mbtiles'), 2048);
    expect(await refusal(maps.importFile(file('c.mbtiles'), 'c', null))).toBe('map_unreadable');

    writeFileSync(file('d.bin'), 'not a map at all');
    expect(await refusal(maps.importFile(file('d.bin'), 'd', null))).toBe('map_unreadable');
    writeFileSync(file('e.bin'), '');
    expect(await refusal(maps.importFile(file('e.bin'), 'e', null))).toBe('map_unreadable');
    expect(maps.list()).toEqual([]);
  });

  it('answers odd tile requests with nothing rather than an error', async () => {
    const tiles = await tilesFor(HCMC, 12, 12);
    writePmtiles(file('a.pmtiles'), tiles, HCMC);
    const m = await maps.importFile(file('a.pmtiles'), 'a', null);
    for (const [z, x, y] of [[12, 99999, 0], [-1, 0, 0], [30, 0, 0], [12, 1.5, 0]] as const) expect(await maps.tile(m.id, z, x, y)).toBeNull(); // prettier-ignore
    expect(await refusal(maps.tile('00000000-0000-0000-0000-000000000000', 1, 0, 0))).toBe('map_not_found');
  });
});

describe('image maps', () => {
  it('keeps a floor plan as it is and pins cameras in its pixels', async () => {
    await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#ddd' } }).png().toFile(file('plan.png'));
    const m = await maps.importFile(file('plan.png'), 'Tầng 1', null);
    expect(m).toMatchObject({ kind: 'image', format: 'png', width: 1200, height: 800 });
    db.prepare("INSERT INTO areas(id, parent_id, name, kind, created_at) VALUES ('a', NULL, 'Phường', 'ward', 0)").run();
    db.prepare("INSERT INTO points(id, area_id, name, created_at) VALUES ('p', 'a', 'Điểm', 0)").run();
    db.prepare("INSERT INTO cameras(id, point_id, name, created_at) VALUES ('c', 'p', 'Vòm', 0)").run();
    maps.setPin(m.id, 'c', { x: 100, y: 200 });
    maps.setPin(m.id, 'c', { x: 110, y: 210 });
    expect(maps.pins(m.id)).toEqual([{ cameraId: 'c', x: 110, y: 210 }]);
    expect(await refusal(Promise.resolve().then(() => maps.setPin(m.id, 'c', { x: 5000, y: 1 })))).toBe('bad_request');
  });

  it('shrinks a 20,000 × 20,000 scan to 8,192 px on its longest side without decoding it whole', async () => {
    await sharp({ create: { width: 20_000, height: 20_000, channels: 3, background: '#cfd8dc' }, limitInputPixels: false }).jpeg({ quality: 50 }).toFile(file('scan.jpg'));
    const m = await maps.importFile(file('scan.jpg'), 'Scan', null);
    expect(m).toMatchObject({ kind: 'image', format: 'jpeg', width: 8192, height: 8192 });
    const meta = await sharp(path.join(maps.dir, `${m.id}.jpg`)).metadata();
    expect([meta.width, meta.height]).toEqual([8192, 8192]);
  }, 60_000);

  it('refuses a truncated picture with map_unreadable and keeps nothing of it', async () => {
    await sharp({ create: { width: 600, height: 400, channels: 3, background: '#ddd' } }).png().toFile(file('plan.png'));
    copyFileSync(file('plan.png'), file('cut.png'));
    truncateSync(file('cut.png'), 200);
    expect(await refusal(maps.importFile(file('cut.png'), 'cut', null))).toBe('map_unreadable');
    expect(maps.list()).toEqual([]);
  });
});

describe('any file', () => {
  it('is a map or a translated refusal: random bytes behind each format’s first bytes never end the core', async () => {
    const heads = [Buffer.from('PMTiles\x03'), Buffer.from('SQLite format 3\0'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(0)];
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...heads), fc.uint8Array({ maxLength: 4096 }), async (head, body) => {
        const f = file(`fuzz-${n++}`);
        writeFileSync(f, Buffer.concat([head, Buffer.from(body)]));
        try {
          await maps.importFile(f, 'fuzz', null);
        } catch (err) {
          expect(isAppError(err) && ['map_unreadable', 'map_too_large'].includes(err.code)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
