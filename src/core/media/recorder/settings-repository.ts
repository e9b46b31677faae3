// Per-camera recording settings (no row = off). Plain SQL, as every repository.
import type { ScheduleSlot } from '../../../shared/recording-schedule';
import type { Db } from '../../store/database';
import type { RecordingMode } from './camera-recorder';

export interface CameraRecordingSettings {
  cameraId: string;
  mode: RecordingMode;
  stream: 'main' | 'sub';
  schedule: ScheduleSlot[];
  eventKinds: Array<'motion' | 'tampering'>;
  preSeconds: number;
  postSeconds: number;
  retentionDays: number;
}

interface Row {
  camera_id: string;
  mode: RecordingMode;
  stream: 'main' | 'sub';
  schedule: string;
  event_kinds: string;
  pre_seconds: number;
  post_seconds: number;
  retention_days: number;
}

export const DEFAULT_RETENTION_DAYS = 30;

const toSettings = (r: Row): CameraRecordingSettings => ({
  cameraId: r.camera_id,
  mode: r.mode,
  stream: r.stream,
  schedule: JSON.parse(r.schedule) as ScheduleSlot[],
  eventKinds: JSON.parse(r.event_kinds) as Array<'motion' | 'tampering'>,
  preSeconds: r.pre_seconds,
  postSeconds: r.post_seconds,
  retentionDays: r.retention_days,
});

export function defaultSettings(cameraId: string): CameraRecordingSettings {
  return {
    cameraId,
    mode: 'off',
    stream: 'main',
    schedule: [],
    eventKinds: ['motion', 'tampering'],
    preSeconds: 10,
    postSeconds: 30,
    retentionDays: DEFAULT_RETENTION_DAYS,
  };
}

export class RecordingSettingsRepository {
  constructor(private readonly db: Db) {}

  all(): CameraRecordingSettings[] {
    return (this.db.prepare('SELECT * FROM recording_settings').all() as Row[]).map(toSettings);
  }

  get(cameraId: string): CameraRecordingSettings {
    const r = this.db.prepare('SELECT * FROM recording_settings WHERE camera_id = ?').get(cameraId) as Row | undefined;
    return r ? toSettings(r) : defaultSettings(cameraId);
  }

  save(s: CameraRecordingSettings, now = Date.now()): void {
    this.db
      .prepare(
        `INSERT INTO recording_settings (camera_id, mode, stream, schedule, event_kinds, pre_seconds, post_seconds, retention_days, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(camera_id) DO UPDATE SET mode = excluded.mode, stream = excluded.stream, schedule = excluded.schedule,
           event_kinds = excluded.event_kinds, pre_seconds = excluded.pre_seconds, post_seconds = excluded.post_seconds,
           retention_days = excluded.retention_days, updated_at = excluded.updated_at`,
      )
      .run(s.cameraId, s.mode, s.stream, JSON.stringify(s.schedule), JSON.stringify(s.eventKinds), s.preSeconds, s.postSeconds, s.retentionDays, now);
  }
}
