// Alarm sources that are not ONVIF: camera health (the live relay's offline state until the health
// monitor exists), the recorder, and the data folder's own free space.
import { statfs } from 'node:fs/promises';
import type { LiveService } from '../media/live';
import type { AlarmSink, CameraHealthChange, CameraHealthFeed, RecorderAlarms } from './types';

/**
 * Camera health from the live relay: a camera is offline when one of its streams is reported
 * offline (the relay gave up retrying quickly) and none is live; back online when a stream is live
 * again. Only cameras someone watches have a relay, so this sees only those — the health monitor
 * (probes) will feed the same interface for every camera.
 */
export function relayHealthFeed(live: LiveService): CameraHealthFeed & { dispose(): void } {
  const listeners = new Set<(c: CameraHealthChange) => void>();
  const streams = new Map<string, Map<string, string>>();
  const offline = new Set<string>();
  const stop = live.onState(({ cameraId, stream, state }) => {
    const per = streams.get(cameraId) ?? new Map<string, string>();
    streams.set(cameraId, per);
    per.set(stream, state.state);
    const anyLive = [...per.values()].includes('live');
    const emit = (c: CameraHealthChange) => listeners.forEach((l) => l(c));
    if (state.state === 'offline' && !anyLive && !offline.has(cameraId)) {
      offline.add(cameraId);
      emit({ cameraId, online: false, at: Date.now(), reason: state.reason });
    } else if (anyLive && offline.delete(cameraId)) {
      emit({ cameraId, online: true, at: Date.now(), reason: null });
    }
  });
  return {
    onChange(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    dispose() {
      stop();
      listeners.clear();
    },
  };
}

/** Health changes as alarms: offline raises camera_offline, back online clears it. */
export function healthAlarms(feed: CameraHealthFeed, sink: AlarmSink, source: 'relay' | 'health' = 'relay'): () => void {
  return feed.onChange((c) => {
    if (c.online) sink.clear(c.cameraId, 'camera_offline', c.at);
    else sink.raise({ kind: 'camera_offline', cameraId: c.cameraId, source, at: c.at, detail: c.reason });
  });
}

const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;

export function recorderAlarms(sink: AlarmSink): RecorderAlarms {
  return {
    diskNearlyFull: (volume, free, total) =>
      sink.raise({ kind: 'disk_full', cameraId: null, source: 'recorder', detail: `${volume}: ${gib(free)} / ${gib(total)}` }),
    diskOk: () => sink.clear(null, 'disk_full'),
    recordingFailed: (cameraId, reason) => sink.raise({ kind: 'recording_failed', cameraId, source: 'recorder', detail: reason.slice(0, 300) }),
    recordingResumed: (cameraId) => sink.clear(cameraId, 'recording_failed'),
  };
}

export interface DiskWatchOptions {
  dir: string;
  sink: AlarmSink;
  /** Nearly full below this share free (default 5 %) or this many bytes (default 2 GiB), whichever is larger. */
  minFreeRatio?: number;
  minFreeBytes?: number;
  intervalMs?: number;
  /** For tests. */
  statfsFn?: (dir: string) => Promise<{ bavail: number; blocks: number; bsize: number }>;
}

/** Watches the data folder's volume (the database, snapshots, attachments). Returns stop(). */
export function watchDisk(o: DiskWatchOptions): { check(): Promise<void>; stop(): void } {
  const ratio = o.minFreeRatio ?? 0.05;
  const floor = o.minFreeBytes ?? 2 * 1024 ** 3;
  const stat = o.statfsFn ?? ((d: string) => statfs(d));
  let low = false;
  const check = async () => {
    const s = await stat(o.dir).catch(() => null);
    if (!s) return;
    const total = s.blocks * s.bsize;
    const free = s.bavail * s.bsize;
    const nearlyFull = free < Math.max(total * ratio, Math.min(floor, total * 0.5));
    if (nearlyFull && !low) o.sink.raise({ kind: 'disk_full', cameraId: null, source: 'system', detail: `${o.dir}: ${gib(free)} / ${gib(total)}` });
    if (!nearlyFull && low) o.sink.clear(null, 'disk_full');
    low = nearlyFull;
  };
  const timer = setInterval(() => void check(), o.intervalMs ?? 60_000);
  timer.unref();
  void check();
  return { check, stop: () => clearInterval(timer) };
}

/**
 * The recorder's alarms (its own table keeps them for the Recording panel) also go to the officer's
 * queue: a camera that stopped recording is recording_failed; a folder nearly full, exhausted by
 * locks or unavailable is disk_full for the console. Reconcile reports stay the recorder's (they are
 * in the audit trail and the Recording panel, and are not something to acknowledge at 3 a.m.).
 */
export function recorderAlarmBridge(sink: AlarmSink): (a: { kind: string; cameraId: string | null; detail: Record<string, string | number>; clearedAt: number | null }) => void {
  return (a) => {
    const kind = a.kind === 'recording_failed' ? 'recording_failed' : a.kind === 'reconciled' ? null : 'disk_full';
    if (!kind) return;
    const cameraId = kind === 'recording_failed' ? a.cameraId : null;
    if (a.clearedAt !== null) return sink.clear(cameraId, kind);
    const detail = Object.entries(a.detail)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')
      .slice(0, 300);
    sink.raise({ kind, cameraId, source: 'recorder', detail: detail || a.kind });
  };
}
