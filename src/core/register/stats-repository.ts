// The counting SQL behind the ward report: per area, cameras by status, ownership, transmission
// and purpose, and points with the rental-house compliance — for today (one scan of the covering
// index cameras_stats, the point's area and purposes kept on the camera by triggers) or as of a
// past day (the placements and statuses of that day).
import { CAMERA_STATUSES, OWNERSHIPS, PURPOSES, TRANSMISSIONS } from '../../shared/contract';
import { endOfVietnamDay } from '../../shared/register/dates';
import type { Db } from '../store/database';
import { statement } from '../store/statements';

/** One area's camera counts, in the order of CAMERA_COLUMNS. */
export type AreaCameraCounts = [area: string, cameras: number, ...counts: number[]];
export const CAMERA_COLUMNS = [
  ...CAMERA_STATUSES.map((v) => ['status', v] as const),
  ...OWNERSHIPS.map((v) => ['ownership', v] as const),
  ...TRANSMISSIONS.map((v) => ['transmission', v] as const),
  ...PURPOSES.map((v) => ['purpose', v] as const),
];

const sums = (status: string, ownership: string, transmission: string, purposes: string) =>
  [
    ...CAMERA_STATUSES.map((v) => `sum(${status} = '${v}')`),
    ...OWNERSHIPS.map((v) => `sum(${ownership} = '${v}')`),
    ...TRANSMISSIONS.map((v) => `sum(${transmission} = '${v}')`),
    ...PURPOSES.map((_, i) => `sum((${purposes} & ${1 << i}) <> 0)`),
  ].join(', ');

// Cameras counted on a day: installed by then (or with no install date: "since before the register
// was kept") and not deleted before its end.
const CAMERA_ON_DAY = `(c.install_date IS NULL OR c.install_date <= @day) AND (c.deleted_at IS NULL OR c.deleted_at >= @end)`;
const PLACED_ON_DAY = `pp.valid_from <= @day AND (pp.valid_to IS NULL OR pp.valid_to > @day)`;
// A camera's status at the end of the day: the last status logged by then, else its first known one.
const STATUS_ON_DAY = `coalesce(
  (SELECT l.status FROM camera_status_log l WHERE l.camera_id = c.id AND l.at < @end ORDER BY l.at DESC LIMIT 1),
  (SELECT l.status FROM camera_status_log l WHERE l.camera_id = c.id ORDER BY l.at LIMIT 1), c.status)`;

export interface AreaPointCounts {
  area: string;
  points: number;
  rental: number;
  rentalCovered: number;
}

const COVERED = (day: boolean) =>
  day
    ? `EXISTS (SELECT 1 FROM cameras c WHERE c.point_id = p.id AND c.status <> 'decommissioned' AND ${CAMERA_ON_DAY})`
    : // Answered from the partial index alone (migration 014): no camera row is read.
      `EXISTS (SELECT 1 FROM cameras c INDEXED BY cameras_point_in_service WHERE c.point_id = p.id AND c.deleted_at IS NULL AND c.status <> 'decommissioned')`;

/** camera_tally's (facet, value) → the column of AreaCameraCounts (area and cameras come first). */
const TALLY_COLUMN = new Map<string, number>(
  CAMERA_COLUMNS.map(([group, value], i) => [`${group}:${group === 'purpose' ? String(PURPOSES.indexOf(value as never)) : value}`, i + 2]),
);

export class StatsRepository {
  constructor(private readonly db: Db) {}

  cameraCounts(day: string, current: boolean): AreaCameraCounts[] {
    if (current) return this.currentCameraCounts(day);
    return this.db
      .prepare(
        `SELECT pp.area_id, count(*), ${sums('c.st', 'c.ownership', 'c.transmission', 'p.purposes')}
         FROM (SELECT c.*, ${STATUS_ON_DAY} AS st FROM cameras c WHERE ${CAMERA_ON_DAY}) c
         JOIN point_placements pp ON pp.point_id = c.point_id AND ${PLACED_ON_DAY} JOIN points p ON p.id = c.point_id
         GROUP BY pp.area_id`,
      )
      .raw()
      .all({ day, end: endOfVietnamDay(day) }) as AreaCameraCounts[];
  }

  /**
   * Today's counts from camera_tally (kept by triggers, migration 014): ~40,000 small rows instead
   * of 25 sums over every camera (115 ms at 100,000 cameras). The tally holds every camera not
   * deleted; the few whose install date is still ahead are counted from their index and taken off.
   */
  private currentCameraCounts(day: string): AreaCameraCounts[] {
    const byArea = new Map<string, AreaCameraCounts>();
    const of = (area: string) => {
      let row = byArea.get(area);
      if (!row) byArea.set(area, (row = [area, 0, ...CAMERA_COLUMNS.map(() => 0)]));
      return row;
    };
    // One row per area (its tally as a JSON object): handing 45,000 rows to JavaScript one by one
    // cost more than the counting.
    for (const [area, json] of statement(
      this.db,
      "SELECT area_id, json_group_object(facet || ':' || value, n) FROM camera_tally WHERE n <> 0 GROUP BY area_id",
    )
      .raw()
      .all() as [string, string][]) {
      const row = of(area);
      for (const [key, n] of Object.entries(JSON.parse(json) as Record<string, number>)) {
        if (key === 'cameras:') row[1] += n;
        else {
          const column = TALLY_COLUMN.get(key);
          if (column !== undefined) row[column] = (row[column] as number) + n;
        }
      }
    }
    const later = statement(
      this.db,
      // Named: left to itself SQLite scanned cameras_stats (covering, but every camera) for the few
      // installed later, a tenth of the report's time.
      `SELECT c.area_id, count(*), ${sums('c.status', 'c.ownership', 'c.transmission', 'c.point_purposes')} FROM cameras c INDEXED BY cameras_installed_later
       WHERE c.deleted_at IS NULL AND c.install_date IS NOT NULL AND c.install_date > ? GROUP BY c.area_id`,
    )
      .raw()
      .all(day) as AreaCameraCounts[];
    for (const [area, ...counts] of later) {
      const row = of(area);
      counts.forEach((n, i) => (row[i + 1] = (row[i + 1] as number) - n));
    }
    return [...byArea.values()];
  }

  pointCounts(day: string, current: boolean): AreaPointCounts[] {
    const rental = "p.category_id = 'rental_house'";
    if (current) {
      return this.db
        .prepare(
          `SELECT p.area_id AS area, count(*) AS points, sum(${rental}) AS rental, sum(CASE WHEN ${rental} THEN ${COVERED(false)} ELSE 0 END) AS rentalCovered
           FROM points p WHERE p.deleted_at IS NULL GROUP BY p.area_id`,
        )
        .all() as AreaPointCounts[];
    }
    return this.db
      .prepare(
        `SELECT pp.area_id AS area, count(*) AS points, sum(${rental}) AS rental, sum(CASE WHEN ${rental} THEN ${COVERED(true)} ELSE 0 END) AS rentalCovered
         FROM point_placements pp JOIN points p ON p.id = pp.point_id WHERE ${PLACED_ON_DAY} GROUP BY pp.area_id`,
      )
      .all({ day, end: endOfVietnamDay(day) }) as AreaPointCounts[];
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
      .prepare(`SELECT area_id AS area, count(*) AS n FROM cameras WHERE deleted_at IS NULL AND status <> 'decommissioned' GROUP BY 1`)
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
