// SQL of the health monitor: the cameras it probes, the changes it keeps, and the dashboard's
// counts and uptime. Uptime reads the register's camera_status_log (see migration 013).
import type { Db } from '../store/database';

export interface ProbeTarget {
  id: string;
  name: string;
  pointId: string;
  status: string;
  transmission: string;
  rtspMain: string | null;
  rtspSub: string | null;
  onvifUrl: string | null;
  username: string | null;
  passwordBox: string | null;
}

export interface UptimeRow {
  id: string;
  up: number;
  known: number;
}

/** Statuses that count as time the camera could be watched, and those that count against it. */
const UP = `('working')`;
const KNOWN = `('working', 'offline', 'awaiting_repair')`;

export class HealthRepository {
  constructor(private readonly db: Db) {}

  targets(): ProbeTarget[] {
    return this.db
      .prepare(
        `SELECT id, name, point_id AS pointId, status, transmission, rtsp_main AS rtspMain, rtsp_sub AS rtspSub, onvif_url AS onvifUrl, username, password_box AS passwordBox
         FROM cameras WHERE deleted_at IS NULL AND disabled = 0 AND status != 'decommissioned' ORDER BY id`,
      )
      .all() as ProbeTarget[];
  }

  exists(cameraId: string): boolean {
    return this.db.prepare('SELECT 1 FROM cameras WHERE id = ? AND deleted_at IS NULL').get(cameraId) !== undefined;
  }

  recordChange(cameraId: string, at: number, state: string, reason: string | null): void {
    this.db.prepare('INSERT INTO health_changes(camera_id, at, state, reason) SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM cameras WHERE id = ?)').run(cameraId, at, state, reason, cameraId);
  }

  changes(cameraId: string, limit = 200): { at: number; state: string; reason: string | null }[] {
    return this.db.prepare('SELECT at, state, reason FROM health_changes WHERE camera_id = ? ORDER BY at DESC, rowid DESC LIMIT ?').all(cameraId, limit) as never;
  }

  /** The last change of each camera with a reason, for the dashboard's "why" and "since". */
  lastChanges(): Map<string, { at: number; state: string; reason: string | null }> {
    const rows = this.db
      .prepare('SELECT camera_id AS id, at, state, reason FROM health_changes h WHERE rowid = (SELECT max(rowid) FROM health_changes WHERE camera_id = h.camera_id)')
      .all() as { id: string; at: number; state: string; reason: string | null }[];
    return new Map(rows.map((r) => [r.id, r]));
  }

  cameras(): { id: string; name: string; pointId: string; pointName: string; areaId: string | null; status: string; transmission: string }[] {
    return this.db
      .prepare(
        `SELECT c.id, c.name, c.point_id AS pointId, p.name AS pointName, c.area_id AS areaId, c.status, c.transmission
         FROM cameras c JOIN points p ON p.id = c.point_id WHERE c.deleted_at IS NULL`,
      )
      .all() as never;
  }

  areaNames(): Map<string, string> {
    const rows = this.db.prepare('SELECT id, name FROM areas').all() as { id: string; name: string }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /**
   * Milliseconds each camera spent working and in a known state in [from, to): every status
   * interval clipped to the window, the one in force at `from` included.
   */
  uptime(from: number, to: number): UptimeRow[] {
    return this.db
      .prepare(
        `WITH spans AS (
           SELECT camera_id, status, at AS start, LEAD(at, 1, @to) OVER (PARTITION BY camera_id ORDER BY at, rowid) AS stop
           FROM camera_status_log
           WHERE at >= (SELECT coalesce(max(l2.at), @from) FROM camera_status_log l2 WHERE l2.camera_id = camera_status_log.camera_id AND l2.at <= @from)
             AND at < @to
         )
         SELECT camera_id AS id,
           sum(CASE WHEN status IN ${UP} THEN max(0, min(stop, @to) - max(start, @from)) ELSE 0 END) AS up,
           sum(CASE WHEN status IN ${KNOWN} THEN max(0, min(stop, @to) - max(start, @from)) ELSE 0 END) AS known
         FROM spans GROUP BY camera_id`,
      )
      .all({ from, to }) as UptimeRow[];
  }

  /** Cameras per area and register status (the covering index cameras_stats answers it). */
  statusCounts(): { areaId: string | null; status: string; n: number }[] {
    return this.db.prepare('SELECT area_id AS areaId, status, count(*) AS n FROM cameras WHERE deleted_at IS NULL GROUP BY area_id, status').all() as never;
  }

  /** Offline cameras with their point (a disaster's worth at most, not the whole register). */
  offlineCameras(): { id: string; name: string; pointId: string; pointName: string; areaId: string | null; status: string; transmission: string }[] {
    return this.db
      .prepare(
        `SELECT c.id, c.name, c.point_id AS pointId, p.name AS pointName, c.area_id AS areaId, c.status, c.transmission
         FROM cameras c JOIN points p ON p.id = c.point_id WHERE c.deleted_at IS NULL AND c.status = 'offline'`,
      )
      .all() as never;
  }

  cameraNames(ids: readonly string[]): Map<string, string> {
    const q = this.db.prepare('SELECT name FROM cameras WHERE id = ? AND deleted_at IS NULL');
    const out = new Map<string, string>();
    for (const id of ids) {
      const r = q.get(id) as { name: string } | undefined;
      if (r) out.set(id, r.name);
    }
    return out;
  }

  areasOf(ids: readonly string[]): Map<string, string | null> {
    const out = new Map<string, string | null>();
    const q = this.db.prepare('SELECT area_id AS areaId FROM cameras WHERE id = ? AND deleted_at IS NULL');
    for (const id of ids) {
      const r = q.get(id) as { areaId: string | null } | undefined;
      if (r) out.set(id, r.areaId);
    }
    return out;
  }

  /**
   * Each camera's time working and known in the two windows ending at `to`, in one pass over the
   * status log: spans from LEAD over the (camera_id, at) index, clipped to each window; the span in
   * force when a window opens counts from the window's start.
   */
  uptimePerCamera(from7: number, from30: number, to: number): (Omit<AreaUptime, 'areaId'> & { id: string })[] {
    return this.db
      .prepare(
        `WITH spans AS (
           SELECT camera_id, status, at AS start, LEAD(at, 1, @to) OVER (PARTITION BY camera_id ORDER BY at, rowid) AS stop
           FROM camera_status_log WHERE at < @to
         )
         SELECT camera_id AS id,
           sum(CASE WHEN status IN ${UP} THEN max(0, min(stop, @to) - max(start, @from7)) ELSE 0 END) AS up7,
           sum(CASE WHEN status IN ${KNOWN} THEN max(0, min(stop, @to) - max(start, @from7)) ELSE 0 END) AS known7,
           sum(CASE WHEN status IN ${UP} THEN max(0, min(stop, @to) - max(start, @from30)) ELSE 0 END) AS up30,
           sum(CASE WHEN status IN ${KNOWN} THEN max(0, min(stop, @to) - max(start, @from30)) ELSE 0 END) AS known30
         FROM spans WHERE stop > @from30 GROUP BY camera_id`,
      )
      .all({ from7, from30, to }) as never;
  }

  /** Every camera's name and area (the uptime thread sums per area). */
  cameraAreas(): Map<string, { name: string; areaId: string | null }> {
    // `+deleted_at`: a plain scan of the table, not 100,000 lookups through the sort index.
    const rows = this.db.prepare('SELECT id, name, area_id AS areaId FROM cameras WHERE +deleted_at IS NULL').all() as { id: string; name: string; areaId: string | null }[];
    return new Map(rows.map((r) => [r.id, { name: r.name, areaId: r.areaId }]));
  }
}

export interface AreaUptime {
  areaId: string | null;
  up7: number;
  known7: number;
  up30: number;
  known30: number;
}

export interface CameraUptime extends Omit<AreaUptime, 'areaId'> {
  id: string;
  name: string;
}
