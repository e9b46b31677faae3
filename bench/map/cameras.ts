// 20,000 cameras over a city (Ho Chi Minh City's core, about 30 × 30 km), each with a heading and
// field of view; the same set for both engines (a fixed seed).
export interface BenchCamera {
  id: string;
  lon: number;
  lat: number;
  heading: number;
  fieldOfView: number;
}

export function benchCameras(n: number): BenchCamera[] {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: n }, (_, i) => ({
    id: `c${i}`,
    lon: 106.55 + rnd() * 0.3,
    lat: 10.65 + rnd() * 0.3,
    heading: Math.floor(rnd() * 360),
    fieldOfView: 40 + Math.floor(rnd() * 80),
  }));
}

/** What each harness page exposes to the benchmark. */
export interface Harness {
  renderer(): string;
  /** ms from creating the map to every marker drawn. */
  firstRender(n: number): Promise<number>;
  /** ms from creating the map to its first full-resolution frame (where it starts lower). */
  sharpMs?(): number;
  /** Frame times (ms) while panning and zooming for `ms`. */
  pan(ms: number): Promise<number[]>;
  /** ms to apply `n` status changes and present the frame that shows them. */
  statusUpdate(n: number): Promise<number>;
}
