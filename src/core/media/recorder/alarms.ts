// Recording alarms: a failing camera, a folder that cannot be written, a nearly full disk, storage
// with nothing left to delete, a reconcile that found something. One open alarm per (kind, camera,
// folder): raising it again changes nothing, clearing closes it. Each change is published, so every
// console sees it at once (incidents and the alarm list of a later issue take these over).
import type { Db } from '../../store/database';

export type RecordingAlarmKind = 'recording_failed' | 'disk_nearly_full' | 'storage_exhausted' | 'folder_unavailable' | 'reconciled';

export interface RecordingAlarm {
  id: number;
  kind: RecordingAlarmKind;
  cameraId: string | null;
  folderId: string | null;
  detail: Record<string, string | number>;
  raisedAt: number;
  clearedAt: number | null;
}

interface Row {
  id: number;
  kind: RecordingAlarmKind;
  camera_id: string | null;
  folder_id: string | null;
  detail: string;
  raised_at: number;
  cleared_at: number | null;
}

const toAlarm = (r: Row): RecordingAlarm => ({
  id: r.id,
  kind: r.kind,
  cameraId: r.camera_id,
  folderId: r.folder_id,
  detail: JSON.parse(r.detail) as Record<string, string | number>,
  raisedAt: r.raised_at,
  clearedAt: r.cleared_at,
});

export class RecordingAlarms {
  constructor(
    private readonly db: Db,
    private readonly publish: (alarm: RecordingAlarm) => void,
    private readonly now: () => number = Date.now,
  ) {}

  raise(kind: RecordingAlarmKind, cameraId: string | null, folderId: string | null, detail: Record<string, string | number> = {}): void {
    const open = this.db
      .prepare('SELECT id FROM recording_alarms WHERE kind = ? AND camera_id IS ? AND folder_id IS ? AND cleared_at IS NULL')
      .get(kind, cameraId, folderId);
    if (open) return;
    const id = Number(
      this.db
        .prepare('INSERT INTO recording_alarms (kind, camera_id, folder_id, detail, raised_at) VALUES (?, ?, ?, ?, ?)')
        .run(kind, cameraId, folderId, JSON.stringify(detail), this.now()).lastInsertRowid,
    );
    this.publish(toAlarm(this.db.prepare('SELECT * FROM recording_alarms WHERE id = ?').get(id) as Row));
  }

  clear(kind: RecordingAlarmKind, cameraId: string | null, folderId: string | null): void {
    const rows = this.db
      .prepare('SELECT * FROM recording_alarms WHERE kind = ? AND camera_id IS ? AND folder_id IS ? AND cleared_at IS NULL')
      .all(kind, cameraId, folderId) as Row[];
    for (const r of rows) {
      this.db.prepare('UPDATE recording_alarms SET cleared_at = ? WHERE id = ?').run(this.now(), r.id);
      this.publish(toAlarm({ ...r, cleared_at: this.now() }));
    }
  }

  /** Open alarms first, then the most recent cleared ones. */
  list(limit = 200): RecordingAlarm[] {
    return (this.db.prepare('SELECT * FROM recording_alarms ORDER BY cleared_at IS NOT NULL, raised_at DESC LIMIT ?').all(limit) as Row[]).map(
      toAlarm,
    );
  }
}
