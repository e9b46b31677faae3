// Geometry the map needs and MapLibre does not give: a camera's field-of-view cone as a polygon,
// and where an image map (a floor plan) lies on the Web Mercator plane so the same map engine,
// markers and cones serve both.
import { MercatorCoordinate } from 'maplibre-gl';

const EARTH = 6_371_008.8;

/** A point `metres` away from (lon, lat) towards `bearing` (degrees clockwise from north). */
export function destination(lon: number, lat: number, bearing: number, metres: number): [number, number] {
  const b = (bearing * Math.PI) / 180;
  const dLat = (metres * Math.cos(b)) / EARTH;
  const dLon = (metres * Math.sin(b)) / (EARTH * Math.cos((lat * Math.PI) / 180));
  return [lon + (dLon * 180) / Math.PI, lat + (dLat * 180) / Math.PI];
}

/** The cone a camera sees: an arc of `fov` degrees around `heading`, `metres` deep. */
export function cone(lon: number, lat: number, heading: number, fov: number, metres: number, steps = 8): [number, number][] {
  const ring: [number, number][] = [[lon, lat]];
  const from = heading - fov / 2;
  for (let i = 0; i <= steps; i++) ring.push(destination(lon, lat, from + (fov * i) / steps, metres));
  ring.push([lon, lat]);
  return ring;
}

/** Bearing from a to b, degrees clockwise from north, 0…360. */
export function bearing(a: [number, number], b: [number, number]): number {
  const φ1 = (a[1] * Math.PI) / 180;
  const φ2 = (b[1] * Math.PI) / 180;
  const Δλ = ((b[0] - a[0]) * Math.PI) / 180;
  const y = Math.sin(Δλ) * Math.cos(φ2);
  const x = Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ);
  return ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360;
}

/**
 * An image map of w × h pixels sits in a small square of the Mercator plane just south-east of
 * (0°, 0°), about 4 km across, so it fills the screen at street zoom (where cameras are drawn one
 * by one, not clustered); pixels map linearly onto it, so pins stay exact at every zoom.
 */
const IMAGE_SPAN = 1e-4;
/** An image map's cones reach 4 % of its longest side (it has no scale in metres). */
export const IMAGE_CONE_METRES = IMAGE_SPAN * 40_075_016 * 0.04;
export function imageFrame(width: number, height: number) {
  const k = IMAGE_SPAN / Math.max(width, height);
  const toLngLat = (x: number, y: number): [number, number] => {
    const ll = new MercatorCoordinate(0.5 + x * k, 0.5 + y * k).toLngLat();
    return [ll.lng, ll.lat];
  };
  const toPixel = (lon: number, lat: number): [number, number] => {
    const m = MercatorCoordinate.fromLngLat({ lng: lon, lat });
    return [(m.x - 0.5) / k, (m.y - 0.5) / k];
  };
  const corners: [[number, number], [number, number], [number, number], [number, number]] = [
    toLngLat(0, 0),
    toLngLat(width, 0),
    toLngLat(width, height),
    toLngLat(0, height),
  ];
  return { toLngLat, toPixel, corners, bounds: [corners[0], corners[2]] as [[number, number], [number, number]] };
}
export type ImageFrame = ReturnType<typeof imageFrame>;

export function inside(bounds: readonly [number, number, number, number], lon: number, lat: number): boolean {
  return lon >= bounds[0] && lon <= bounds[2] && lat >= bounds[1] && lat <= bounds[3];
}
