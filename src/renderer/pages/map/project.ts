// Places points by their coordinates inside a box. A schematic projection (equirectangular, with
// the longitude scaled by cos(latitude)) is exact enough for a city, which is all a centre covers.
export interface Placed<T> {
  item: T;
  x: number;
  y: number;
}

export function project<T extends { lat: number | null; lon: number | null }>(items: T[], width: number, height: number, pad = 60): Placed<T>[] {
  const located = items.filter((p): p is T & { lat: number; lon: number } => p.lat !== null && p.lon !== null);
  if (located.length === 0) return [];
  const lats = located.map((p) => p.lat);
  const lons = located.map((p) => p.lon);
  const midLat = (Math.min(...lats) + Math.max(...lats)) / 2;
  const k = Math.cos((midLat * Math.PI) / 180);
  const xs = lons.map((l) => l * k);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const minY = Math.min(...lats);
  const maxY = Math.max(...lats);
  const spanX = Math.max(maxX - minX, 1e-6);
  const spanY = Math.max(maxY - minY, 1e-6);
  const scale = Math.min((width - 2 * pad) / spanX, (height - 2 * pad) / spanY);
  const offX = (width - spanX * scale) / 2;
  const offY = (height - spanY * scale) / 2;
  return located.map((p) => ({ item: p, x: offX + (p.lon * k - minX) * scale, y: offY + (maxY - p.lat) * scale }));
}
