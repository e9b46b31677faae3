// Coordinates as the register checks them. Vietnam's mainland and its islands lie inside this box
// (Lũng Cú at 23.39 N; Cà Mau cape at 8.55 N, Côn Đảo near 8.6 N; the Trường Sa islands reach
// about 117.8 E): a point outside it is a typing mistake, and if swapping the two numbers puts it
// inside, they were typed the wrong way round (a common spreadsheet mistake).
export const VIETNAM_BOX = { minLat: 6.0, maxLat: 23.5, minLon: 102.1, maxLon: 117.9 } as const;

export type CoordinateProblem = 'coordinate_range' | 'lat_lon_swapped' | 'outside_vietnam' | 'coordinate_half';

export function inVietnam(lat: number, lon: number): boolean {
  const b = VIETNAM_BOX;
  return lat >= b.minLat && lat <= b.maxLat && lon >= b.minLon && lon <= b.maxLon;
}

/** Why a coordinate pair cannot be a point in Vietnam, or null if it can (or both are missing). */
export function coordinateProblem(lat: number | null, lon: number | null): CoordinateProblem | null {
  if (lat === null && lon === null) return null;
  if (lat === null || lon === null) return 'coordinate_half';
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    return Math.abs(lat) > 90 && Math.abs(lat) <= 180 && Math.abs(lon) <= 90 && inVietnam(lon, lat) ? 'lat_lon_swapped' : 'coordinate_range';
  }
  if (inVietnam(lat, lon)) return null;
  return inVietnam(lon, lat) ? 'lat_lon_swapped' : 'outside_vietnam';
}

/** Metres between two points (haversine; plenty for "two cameras on one spot"). */
export function distanceMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const R = 6_371_000;
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Smallest angle between two compass headings, 0–180°. */
export function headingDifference(a: number, b: number): number {
  const d = Math.abs((((a - b) % 360) + 360) % 360);
  return d > 180 ? 360 - d : d;
}
