// Uptime over the last 7 and 30 days, for the whole centre at once: per area, per camera, and the
// least available cameras. It reads a month of the status log (hundreds of thousands of rows at
// 100,000 cameras, most of a second of SQLite), so the core computes it in a thread of its own
// (uptime-worker.ts, started by uptime-source.ts) and the dashboard serves the last figures.
import type { AreaUptime, CameraUptime, HealthRepository } from './health-repository';

const DAY = 86_400_000;

export interface CameraUptimeFigures {
  up7: number;
  known7: number;
  up30: number;
  known30: number;
}

export interface UptimeFigures {
  /** The end of both windows: the figures are "as of" this time. */
  at: number;
  areas: AreaUptime[];
  /** The least available cameras over 30 days (at most `worst`), least first. */
  worst: CameraUptime[];
  perCamera: Map<string, CameraUptimeFigures>;
}

/** What crosses the thread boundary: flat arrays, not 100,000 small objects. */
export interface UptimeWire {
  at: number;
  areas: AreaUptime[];
  worst: CameraUptime[];
  ids: string[];
  /** up7, known7, up30, known30 for ids[i] at 4i … 4i+3. */
  values: Float64Array;
}

export function computeUptime(repo: HealthRepository, at: number, worst = 50): UptimeWire {
  const rows = repo.uptimePerCamera(at - 7 * DAY, at - 30 * DAY, at);
  const cameras = repo.cameraAreas();
  const areas = new Map<string | null, AreaUptime>();
  const ids: string[] = [];
  const values = new Float64Array(rows.length * 4);
  const least: CameraUptime[] = [];
  for (const r of rows) {
    const cam = cameras.get(r.id);
    if (!cam) continue; // deleted since
    values.set([r.up7, r.known7, r.up30, r.known30], ids.length * 4);
    ids.push(r.id);
    let a = areas.get(cam.areaId);
    if (!a) areas.set(cam.areaId, (a = { areaId: cam.areaId, up7: 0, known7: 0, up30: 0, known30: 0 }));
    a.up7 += r.up7;
    a.known7 += r.known7;
    a.up30 += r.up30;
    a.known30 += r.known30;
    if (r.known30 > 0 && r.up30 < r.known30) least.push({ ...r, name: cam.name });
  }
  least.sort((x, y) => x.up30 / x.known30 - y.up30 / y.known30);
  return { at, areas: [...areas.values()], worst: least.slice(0, worst).map(({ id, name, up7, known7, up30, known30 }) => ({ id, name, up7, known7, up30, known30 })), ids, values: values.subarray(0, ids.length * 4) };
}

export function fromWire(w: UptimeWire): UptimeFigures {
  const perCamera = new Map<string, CameraUptimeFigures>();
  w.ids.forEach((id, i) => perCamera.set(id, { up7: w.values[4 * i]!, known7: w.values[4 * i + 1]!, up30: w.values[4 * i + 2]!, known30: w.values[4 * i + 3]! }));
  return { at: w.at, areas: w.areas, worst: w.worst, perCamera };
}

/** Where the dashboard gets its uptime: the last figures, or null while the first are computed. */
export interface UptimeProvider {
  latest(): UptimeFigures | null;
}

/** Computed on the calling thread at each ask (tests, and a clock they set). */
export function inProcessUptime(repo: HealthRepository, now: () => number = Date.now): UptimeProvider {
  return { latest: () => fromWire(computeUptime(repo, now())) };
}
