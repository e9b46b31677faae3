// The counting SQL behind the ward report: cameras grouped by area, status, ownership,
// transmission and purposes, and points by area with the rental-house compliance — for today
// (the rows as they stand) or as of a past day (the placements and statuses of that day).
import type { Camera, Ownership } from '../../shared/contract';
import { endOfVietnamDay } from '../../shared/register/dates';
import type { Db } from '../store/database';

export interface CameraGroup {
  area: string;
  status: Camera['status'];
  ownership: Ownership;
  transmission: Camera['transmission'];
  purposes: number;
  n: number;
}

export interface PointGroup {
  area: string;
  points: number;
  rental: number;
  rentalCovered: number;
  /** Points with at least one camera in service (not decommissioned). */
  covered: number;
}

// Cameras counted on a day: installed by then (or with no install date: "since before the register
// was kept") and not deleted before its end.
const CAMERA_ON_DAY = `(c.install_date IS NULL OR c.install_date <= @day) AND (c.deleted_at IS NULL OR c.deleted_at >= @end)`;
const PLACED_ON_DAY = `pp.valid_from <= @day AND (pp.valid_to IS NULL OR pp.valid_to > @day)`;
// A camera's status at the end of the day: the last status logged by then, else its first known one.
const STATUS_ON_DAY = `coalesce(
  (SELECT l.status FROM camera_status_log l WHERE l.camera_id = c.id AND l.at < @end ORDER BY l.at DESC LIMIT 1),
  (SELECT l.status FROM camera_status_log l WHERE l.camera_id = c.id ORDER BY l.at LIMIT 1), c.status)`;

export class StatsRepository {
  constructor(private readonly db: Db) {}

  /** `current`: the day is today, so the rows as they stand answer (fast path for the live tree). */
  cameraGroups(day: string, current: boolean): CameraGroup[] {
    if (current) {
      return this.db
        .prepare(
          `SELECT p.area_id AS area, c.status, c.ownership, c.transmission, p.purposes, count(*) AS n
           FROM cameras c JOIN points p ON p.id = c.point_id
           WHERE c.deleted_at IS NULL AND p.deleted_at IS NULL AND (c.install_date IS NULL OR c.install_date <= @day)
           GROUP BY 1, 2, 3, 4, 5`,
        )
        .all({ day }) as CameraGroup[];
    }
    return this.db
      .prepare(
        `SELECT pp.area_id AS area, ${STATUS_ON_DAY} AS status, c.ownership, c.transmission, p.purposes, count(*) AS n
         FROM cameras c JOIN points p ON p.id = c.point_id JOIN point_placements pp ON pp.point_id = p.id AND ${PLACED_ON_DAY}
         WHERE ${CAMERA_ON_DAY}
         GROUP BY 1, 2, 3, 4, 5`,
      )
      .all({ day, end: endOfVietnamDay(day) }) as CameraGroup[];
  }

  pointGroups(day: string, current: boolean): PointGroup[] {
    const covered = `EXISTS (SELECT 1 FROM cameras c WHERE c.point_id = p.id AND c.status <> 'decommissioned' AND ${current ? 'c.deleted_at IS NULL' : CAMERA_ON_DAY})`;
    const from = current
      ? `FROM points p WHERE p.deleted_at IS NULL`
      : `FROM points p JOIN point_placements pp ON pp.point_id = p.id AND ${PLACED_ON_DAY}`;
    const area = current ? 'p.area_id' : 'pp.area_id';
    return this.db
      .prepare(
        `SELECT area, count(*) AS points, sum(rental) AS rental, sum(rental AND covered) AS rentalCovered, sum(covered) AS covered FROM (
           SELECT ${area} AS area, p.category_id = 'rental_house' AS rental, ${covered} AS covered ${from}
         ) GROUP BY area`,
      )
      .all({ day, end: endOfVietnamDay(day) }) as PointGroup[];
  }

  /** Points of a category in the given areas, with how many cameras in service each has. */
  pointsOfCategory(category: string, areaIds: readonly string[] | null): { id: string; name: string; areaName: string; cameras: number }[] {
    return this.db
      .prepare(
        `SELECT p.id, p.name, a.name AS areaName,
           (SELECT count(*) FROM cameras c WHERE c.point_id = p.id AND c.deleted_at IS NULL AND c.status <> 'decommissioned') AS cameras
         FROM points p JOIN areas a ON a.id = p.area_id
         WHERE p.deleted_at IS NULL AND p.category_id = ? ${areaIds ? 'AND p.area_id IN (SELECT value FROM json_each(?))' : ''}
         ORDER BY p.sort_key`,
      )
      .all(...(areaIds ? [category, JSON.stringify(areaIds)] : [category])) as { id: string; name: string; areaName: string; cameras: number }[];
  }

  /** Cameras in service per area (for residential-group compliance). */
  camerasInServiceByArea(): Map<string, number> {
    const rows = this.db
      .prepare(
        `SELECT p.area_id AS area, count(*) AS n FROM cameras c JOIN points p ON p.id = c.point_id
         WHERE c.deleted_at IS NULL AND p.deleted_at IS NULL AND c.status <> 'decommissioned' GROUP BY 1`,
      )
      .all() as { area: string; n: number }[];
    return new Map(rows.map((r) => [r.area, r.n]));
  }

  /** Cameras with coordinates (their point's), for the duplicate check. */
  placedCameras(): { id: string; lat: number; lon: number; heading: number | null; point_id: string }[] {
    return this.db
      .prepare(
        `SELECT c.id, p.lat, p.lon, c.heading, c.point_id FROM cameras c JOIN points p ON p.id = c.point_id
         WHERE c.deleted_at IS NULL AND c.status <> 'decommissioned' AND p.lat IS NOT NULL AND p.lon IS NOT NULL`,
      )
      .all() as { id: string; lat: number; lon: number; heading: number | null; point_id: string }[];
  }
}
