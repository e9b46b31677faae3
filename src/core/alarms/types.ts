// The seams of the alarm queue. Everything that can raise an alarm talks to an AlarmSink; nothing
// else about the queue (rules, snoozes, coalescing, events) is its concern. See README.md.
import type { Alarm, AlarmKind } from '../../shared/contract';

export interface RaisedAlarm {
  kind: AlarmKind;
  /** null for alarms about the console itself (disk nearly full). */
  cameraId: string | null;
  source: Alarm['source'];
  /** When it happened (default: now). */
  at?: number;
  /** One line for the officer (a volume and its free space, a recorder's reason, a gap's span). */
  detail?: string | null;
}

export interface AlarmSink {
  /** Queue an alarm (rules, hours, snoozes and coalescing are applied). Never throws. */
  raise(a: RaisedAlarm): void;
  /** The condition ended (camera back online, disk freed, recording resumed): marks the latest row. */
  clear(cameraId: string | null, kind: AlarmKind, at?: number): void;
}

/** A camera's reachability as a health source sees it: the live relay now, the health monitor later. */
export interface CameraHealthChange {
  cameraId: string;
  online: boolean;
  at: number;
  reason: string | null;
}

export interface CameraHealthFeed {
  onChange(listener: (c: CameraHealthChange) => void): () => void;
}

/**
 * What the recorder (recording branch) calls. Build one with recorderAlarms(sink); the merge
 * passes it to the recorder's constructor.
 */
export interface RecorderAlarms {
  /** A recording volume crossed its low-space mark. */
  diskNearlyFull(volume: string, freeBytes: number, totalBytes: number): void;
  /** It has room again. */
  diskOk(volume: string): void;
  /** A camera's recording stopped against the schedule (ffmpeg died, the disk refused a write…). */
  recordingFailed(cameraId: string, reason: string): void;
  recordingResumed(cameraId: string): void;
}
