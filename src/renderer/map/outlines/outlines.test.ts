// The built-in outlines as an officer reads them: today's 34 provinces and cities, each named once,
// places known to the centre inside the right one, names placed inside their province, and the
// neighbours' borders drawn around Vietnam.
import { describe, expect, it } from 'vitest';
import { countryOutlines, provinceBorders, provinceLabels, provinceOutlines } from './outlines';

/** Ray casting over every ring (holes count against). */
function contains(g: GeoJSON.Geometry, [x, y]: [number, number]): boolean {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  let inside = false;
  for (const poly of polys)
    for (const ring of poly)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i] as [number, number];
        const [xj, yj] = ring[j] as [number, number];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
  return inside;
}

const provinceAt = (p: [number, number]) => provinceOutlines().features.filter((f) => contains(f.geometry, p)).map((f) => (f.properties as { name: string }).name);

describe('the built-in province outlines', () => {
  it('are the 34 provinces and cities since 1 July 2025, each named once', () => {
    const names = provinceOutlines().features.map((f) => (f.properties as { name: string }).name);
    expect(names).toHaveLength(34);
    expect(new Set(names).size).toBe(34);
    expect(names).toEqual(expect.arrayContaining(['Hà Nội', 'TP. Hồ Chí Minh', 'Huế', 'Đà Nẵng', 'An Giang', 'Cà Mau']));
    expect(names).not.toContain('Bình Dương'); // merged into Ho Chi Minh City
  });

  it('put known places in the province they belong to now', () => {
    expect(provinceAt([106.699, 10.7797])).toEqual(['TP. Hồ Chí Minh']); // Nhà thờ Đức Bà
    expect(provinceAt([106.652, 10.98])).toEqual(['TP. Hồ Chí Minh']); // Thủ Dầu Một, Bình Dương before 2025
    expect(provinceAt([105.8542, 21.0285])).toEqual(['Hà Nội']); // Hoàn Kiếm
    expect(provinceAt([108.2022, 16.0544])).toEqual(['Đà Nẵng']);
    expect(provinceAt([108.338, 15.88])).toEqual(['Đà Nẵng']); // Hội An, Quảng Nam before 2025
    expect(provinceAt([105.7469, 10.0452])).toEqual(['Cần Thơ']);
    expect(provinceAt([102.6, 17.97])).toEqual([]); // Vientiane is in Laos
  });

  it('place each name inside its own province', () => {
    const labels = provinceLabels();
    expect(labels).toHaveLength(34);
    for (const l of labels) expect(provinceAt([l.lon, l.lat]), l.name).toEqual([l.name]);
  });

  it('draw the lines between provinces once, without a second coastline', () => {
    const lines = (provinceBorders().features[0]!.geometry as GeoJSON.MultiLineString).coordinates;
    expect(lines.length).toBeGreaterThan(30);
    // Phú Quốc and Côn Đảo are islands: no province line there.
    const near = (lon: number, lat: number) => lines.some((l) => l.some(([x, y]) => Math.abs(x! - lon) < 0.15 && Math.abs(y! - lat) < 0.15));
    expect(near(103.97, 10.25)).toBe(false);
    expect(near(106.6, 8.69)).toBe(false);
  });

  it('draw Vietnam and its neighbours', () => {
    const names = new Set(countryOutlines().features.map((f) => (f.properties as { name: string }).name));
    for (const n of ['Vietnam', 'Laos', 'Cambodia', 'China', 'Thailand']) expect(names.has(n), n).toBe(true);
  });
});
