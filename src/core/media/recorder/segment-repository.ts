// Plain SQL for the segment index, recording folders, settings, events, alarms and reconcile
// reports, kept apart from the services so a PostgreSQL store can follow. Every query that walks
// many rows is bounded (LIMIT) so no call holds the event loop for long.
import type { Db } from '../../store/database';

export type SegmentStatus = 'recording' | 'ok' | 'recovered' | 'missing';

/** [ms from the segment's start, byte offset of the keyframe's first packet]. */
export type KeyframeEntry = [number, number];

export interface SegmentRow {
  id: number;
  cameraId: string;
  stream: 'main' | 'sub';
  folderId: string;
  /** Relative to the folder. */
  path: string;
  startMs: number;
  endMs: number;
  bytes: number;
  sha256: string | null;
  firstPts: number | null;
  runId: string;
  keyframes: KeyframeEntry[];
  codec: string | null;
  clockOffsetMs: number | null;
  trigger: string;
  status: SegmentStatus;
}

interface RawSegment {
  id: number;
  camera_id: string;
  stream: 'main' | 'sub';
  folder_id: string;
  path: string;
  start_ms: number;
  end_ms: number;
  bytes: number;
  sha256: string | null;
  first_pts: number | null;
  run_id: string;
  keyframes: string;
  codec: string | null;
  clock_offset_ms: number | null;
  trigger: string;
  status: SegmentStatus;
}

const toSegment = (r: RawSegment): SegmentRow => ({
  id: r.id,
  cameraId: r.camera_id,
  stream: r.stream,
  folderId: r.folder_id,
  path: r.path,
  startMs: r.start_ms,
  endMs: r.end_ms,
  bytes: r.bytes,
  sha256: r.sha256,
  firstPts: r.first_pts,
  runId: r.run_id,
  keyframes: JSON.parse(r.keyframes) as KeyframeEntry[],
  codec: r.codec,
  clockOffsetMs: r.clock_offset_ms,
  trigger: r.trigger,
  status: r.status,
});

export interface FolderRow {
  id: string;
  path: string;
  quotaBytes: number | null;
  enabled: boolean;
}

export interface NewSegment {
  cameraId: string;
  stream: 'main' | 'sub';
  folderId: string;
  path: string;
  startMs: number;
  firstPts: number | null;
  runId: string;
  codec: string | null;
  clockOffsetMs: number | null;
  trigger: string;
}

export interface SegmentClose {
  endMs: number;
  bytes: number;
  sha256: string | null;
  keyframes: KeyframeEntry[];
  status: Exclude<SegmentStatus, 'recording'>;
  firstPts?: number | null;
  startMs?: number;
}

/** Locked = an unreleased evidence lock on the same camera overlaps the segment. */
const UNLOCKED = `NOT EXISTS (SELECT 1 FROM evidence_locks l WHERE l.released_at IS NULL AND l.camera_id = s.camera_id AND l.from_ms < s.end_ms AND l.to_ms > s.start_ms)`;

export class SegmentRepository {
  constructor(private readonly db: Db) {}

  // --- folders ---------------------------------------------------------------------------------
  folders(): FolderRow[] {
    return (
      this.db.prepare('SELECT id, path, quota_bytes AS quotaBytes, enabled FROM recording_folders ORDER BY created_at').all() as Array<
        Omit<FolderRow, 'enabled'> & { enabled: number }
      >
    ).map((f) => ({ ...f, enabled: !!f.enabled }));
  }

  saveFolder(f: FolderRow, now = Date.now()): void {
    this.db
      .prepare(
        `INSERT INTO recording_folders (id, path, quota_bytes, enabled, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET path = excluded.path, quota_bytes = excluded.quota_bytes, enabled = excluded.enabled`,
      )
      .run(f.id, f.path, f.quotaBytes, f.enabled ? 1 : 0, now);
  }

  /** Bytes indexed per folder (open segments count with what they have written so far). */
  usedBytes(): Map<string, number> {
    const rows = this.db
      .prepare("SELECT folder_id AS id, SUM(bytes) AS bytes FROM segments WHERE status != 'missing' GROUP BY folder_id")
      .all() as Array<{ id: string; bytes: number }>;
    return new Map(rows.map((r) => [r.id, r.bytes]));
  }

  // --- segments --------------------------------------------------------------------------------
  insertOpen(s: NewSegment, now = Date.now()): number {
    const r = this.db
      .prepare(
        `INSERT INTO segments (camera_id, stream, folder_id, path, start_ms, end_ms, bytes, first_pts, run_id, codec, clock_offset_ms, trigger, status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, 'recording', ?)`,
      )
      .run(s.cameraId, s.stream, s.folderId, s.path, s.startMs, s.startMs, s.firstPts, s.runId, s.codec, s.clockOffsetMs, s.trigger, now);
    return Number(r.lastInsertRowid);
  }

  insertClosed(s: NewSegment & SegmentClose, now = Date.now()): number {
    const r = this.db
      .prepare(
        `INSERT INTO segments (camera_id, stream, folder_id, path, start_ms, end_ms, bytes, sha256, first_pts, run_id, keyframes, codec, clock_offset_ms, trigger, status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        s.cameraId,
        s.stream,
        s.folderId,
        s.path,
        s.startMs,
        s.endMs,
        s.bytes,
        s.sha256,
        s.firstPts,
        s.runId,
        JSON.stringify(s.keyframes),
        s.codec,
        s.clockOffsetMs,
        s.trigger,
        s.status,
        now,
      );
    return Number(r.lastInsertRowid);
  }

  close(id: number, c: SegmentClose): void {
    this.db
      .prepare(
        `UPDATE segments SET end_ms = ?, bytes = ?, sha256 = ?, keyframes = ?, status = ?, first_pts = COALESCE(?, first_pts), start_ms = COALESCE(?, start_ms) WHERE id = ?`,
      )
      .run(c.endMs, c.bytes, c.sha256, JSON.stringify(c.keyframes), c.status, c.firstPts ?? null, c.startMs ?? null, id);
  }

  /** Progress of an open segment (so usage and the timeline follow it). */
  progress(id: number, endMs: number, bytes: number): void {
    this.db.prepare("UPDATE segments SET end_ms = ?, bytes = ? WHERE id = ? AND status = 'recording'").run(endMs, bytes, id);
  }

  markMissing(id: number): void {
    this.db.prepare("UPDATE segments SET status = 'missing', bytes = 0, sha256 = NULL WHERE id = ?").run(id);
  }

  segment(id: number): SegmentRow | null {
    const r = this.db.prepare('SELECT * FROM segments WHERE id = ?').get(id) as RawSegment | undefined;
    return r ? toSegment(r) : null;
  }

  byPath(folderId: string, relPath: string): SegmentRow | null {
    const r = this.db.prepare('SELECT * FROM segments WHERE folder_id = ? AND path = ?').get(folderId, relPath) as RawSegment | undefined;
    return r ? toSegment(r) : null;
  }

  /** Every segment of a camera overlapping [from, to), oldest first. */
  overlapping(cameraId: string, from: number, to: number, limit = 5000): SegmentRow[] {
    return (
      this.db
        .prepare('SELECT * FROM segments WHERE camera_id = ? AND start_ms < ? AND end_ms > ? ORDER BY start_ms LIMIT ?')
        .all(cameraId, to, from, limit) as RawSegment[]
    ).map(toSegment);
  }

  /** The first readable segment of a camera that ends after `at` (playback's next step). */
  nextAfter(cameraId: string, at: number, stream?: 'main' | 'sub'): SegmentRow | null {
    const r = this.db
      .prepare(
        // A segment being written reaches "now", whatever its row last said.
        `SELECT * FROM segments WHERE camera_id = ? AND (end_ms > ? OR status = 'recording') AND status != 'missing' ${stream ? 'AND stream = ?' : ''} ORDER BY start_ms LIMIT 1`,
      )
      .get(...(stream ? [cameraId, at, stream] : [cameraId, at])) as RawSegment | undefined;
    return r ? toSegment(r) : null;
  }

  openRows(): SegmentRow[] {
    return (this.db.prepare("SELECT * FROM segments WHERE status = 'recording'").all() as RawSegment[]).map(toSegment);
  }

  /** Paths indexed in a folder (reconcile compares them with the files). */
  pathsIn(folderId: string): Map<string, { id: number; bytes: number; status: SegmentStatus }> {
    const rows = this.db.prepare('SELECT id, path, bytes, status FROM segments WHERE folder_id = ?').all(folderId) as Array<{
      id: number;
      path: string;
      bytes: number;
      status: SegmentStatus;
    }>;
    return new Map(rows.map((r) => [r.path, { id: r.id, bytes: r.bytes, status: r.status }]));
  }

  isLocked(s: Pick<SegmentRow, 'cameraId' | 'startMs' | 'endMs'>): boolean {
    return !!this.db
      .prepare('SELECT 1 FROM evidence_locks l WHERE l.released_at IS NULL AND l.camera_id = ? AND l.from_ms < ? AND l.to_ms > ? LIMIT 1')
      .get(s.cameraId, s.endMs, s.startMs);
  }

  /** Oldest closed, unlocked segments of a camera that ended before `before` (retention in days). */
  expired(cameraId: string, before: number, limit: number): SegmentRow[] {
    return (
      this.db
        .prepare(
          `SELECT * FROM segments s WHERE s.camera_id = ? AND s.end_ms < ? AND s.status != 'recording' AND ${UNLOCKED} ORDER BY s.start_ms LIMIT ?`,
        )
        .all(cameraId, before, limit) as RawSegment[]
    ).map(toSegment);
  }

  /** Oldest closed, unlocked segments in a folder (quota and a nearly full disk). */
  oldestUnlocked(folderId: string, limit: number): SegmentRow[] {
    return (
      this.db
        .prepare(`SELECT * FROM segments s WHERE s.folder_id = ? AND s.status != 'recording' AND ${UNLOCKED} ORDER BY s.start_ms LIMIT ?`)
        .all(folderId, limit) as RawSegment[]
    ).map(toSegment);
  }

  /** Deletes the row; throws (the trigger) when an evidence lock holds it. */
  delete(id: number): void {
    this.db.prepare('DELETE FROM segments WHERE id = ?').run(id);
  }

  cameraIdsWithSegments(): string[] {
    return (this.db.prepare('SELECT DISTINCT camera_id AS id FROM segments').all() as Array<{ id: string }>).map((r) => r.id);
  }

  // --- events ----------------------------------------------------------------------------------
  eventStart(cameraId: string, kind: string, at: number): number {
    return Number(
      this.db.prepare('INSERT INTO recording_events (camera_id, kind, start_ms) VALUES (?, ?, ?)').run(cameraId, kind, at).lastInsertRowid,
    );
  }

  eventEnd(id: number, at: number): void {
    this.db.prepare('UPDATE recording_events SET end_ms = ? WHERE id = ? AND end_ms IS NULL').run(at, id);
  }

  events(cameraId: string, from: number, to: number, limit = 2000): Array<{ kind: string; startMs: number; endMs: number | null }> {
    return this.db
      .prepare(
        'SELECT kind, start_ms AS startMs, end_ms AS endMs FROM recording_events WHERE camera_id = ? AND start_ms < ? AND COALESCE(end_ms, start_ms) >= ? ORDER BY start_ms LIMIT ?',
      )
      .all(cameraId, to, from, limit) as Array<{ kind: string; startMs: number; endMs: number | null }>;
  }
}
