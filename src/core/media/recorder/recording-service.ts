// Recording: one CameraRecorder per recorded camera, the folders and their sweep, alarms, and the
// reconcile that runs before anything records. Started by the composition root, stopped by
// core.dispose() (every recorder closes and indexes its open segment; no ffmpeg is left).
import path from 'node:path';
import { scheduleActive } from '../../../shared/recording-schedule';
import type { Logger } from '../../log/logger';
import { OnvifClient } from '../../onvif/client';
import type { Db } from '../../store/database';
import { ChildRegistry } from '../live/child-registry';
import type { LiveService } from '../live/live-service';
import type { LiveSource, LiveSubscriber } from '../live/types';
import { RecordingAlarms, type RecordingAlarm, type RecordingAlarmKind } from './alarms';
import { CameraRecorder } from './camera-recorder';
import { startCopySource } from './copy-source';
import { startOnvifTrigger, type TriggerKind } from './onvif-trigger';
import { reconcileRecordings, type ReconcileReport } from './reconcile';
import { SegmentRepository } from './segment-repository';
import { DEFAULT_RETENTION_DAYS, RecordingSettingsRepository, type CameraRecordingSettings } from './settings-repository';
import { RecordingStorage, type FolderStatus } from './storage';

export interface CameraDevice {
  onvifUrl: string | null;
  username?: string;
  password?: string;
}

export interface RecordingServiceOptions {
  db: Db;
  live: Pick<LiveService, 'subscribe' | 'stateOf'>;
  resolveSource: (cameraId: string, stream: 'main' | 'sub') => Promise<LiveSource>;
  /** The camera's ONVIF address and credentials (clock offset, motion/tampering events). */
  device: (cameraId: string) => CameraDevice | null;
  ffmpegPath: string | null;
  runtimeDir: string;
  defaultFolder: string;
  timeZone: () => string;
  logger: Logger;
  onAlarm?: (a: RecordingAlarm) => void;
  onSegmentClosed?: (cameraId: string) => void;
  onReconciled?: (r: ReconcileReport) => void;
  /** Segment length; default 60 s. */
  segmentMs?: number;
  /** Sweep (retention, quotas, disk) period; default 60 s. */
  sweepMs?: number;
  reserveBytes?: (diskTotal: number) => number;
  syncMs?: number;
  now?: () => number;
}

interface Running {
  settings: CameraRecordingSettings;
  recorder: CameraRecorder;
  stopTrigger: (() => Promise<void>) | null;
  subscribed: boolean;
}

interface EventState {
  active: Set<TriggerKind>;
  postUntil: number;
  rows: Map<TriggerKind, number>;
}

export class RecordingService {
  readonly repo: SegmentRepository;
  readonly settingsRepo: RecordingSettingsRepository;
  readonly storage: RecordingStorage;
  readonly alarms: RecordingAlarms;
  private readonly running = new Map<string, Running>();
  private readonly eventStates = new Map<string, EventState>();
  private readonly clockOffsets = new Map<string, { offset: number | null; at: number }>();
  /** Cameras the relay transcodes: recorded by an ffmpeg of our own that copies. */
  private readonly copyCameras = new Set<string>();
  private readonly pendingStops = new Set<Promise<void>>();
  private readonly children: ChildRegistry;
  private readonly log: Logger;
  private readonly now: () => number;
  private timers: NodeJS.Timeout[] = [];
  private disposed = false;
  lastReconcile: ReconcileReport | null = null;

  constructor(private readonly o: RecordingServiceOptions) {
    this.log = o.logger;
    this.now = o.now ?? Date.now;
    this.repo = new SegmentRepository(o.db);
    this.settingsRepo = new RecordingSettingsRepository(o.db);
    this.alarms = new RecordingAlarms(o.db, (a) => o.onAlarm?.(a), this.now);
    this.children = new ChildRegistry({ runtimeDir: path.join(o.runtimeDir, 'recording'), logger: this.log });
    this.children.reapLeftovers();
    this.storage = new RecordingStorage({
      repo: this.repo,
      defaultRoot: o.defaultFolder,
      logger: this.log,
      reserveBytes: o.reserveBytes,
      retentionDays: (cameraId) =>
        this.running.get(cameraId)?.settings.retentionDays ?? this.settingsRepo.get(cameraId).retentionDays ?? DEFAULT_RETENTION_DAYS,
      alarm: (kind, folderId, detail) => this.alarms.raise(kind, null, folderId, detail),
      clear: (kind, folderId) => this.alarms.clear(kind, null, folderId),
      now: this.now,
    });
  }

  /** Reconcile first (nothing records yet), then every configured camera starts recording. */
  async start(): Promise<ReconcileReport> {
    await this.storage.ensureDefault();
    await this.storage.refresh();
    const report = await reconcileRecordings(this.repo, this.log, this.now());
    this.lastReconcile = report;
    this.o.db.prepare('INSERT INTO recording_reconciles (at_ms, report) VALUES (?, ?)').run(report.at, JSON.stringify(report));
    const found = report.recoveredOpen.length + report.indexed.length + report.missing.length + report.changed.length + report.unreadable.length;
    if (found > 0) {
      this.alarms.raise('reconciled', null, null, {
        recoveredOpen: report.recoveredOpen.length,
        indexed: report.indexed.length,
        missing: report.missing.length,
        changed: report.changed.length,
        unreadable: report.unreadable.length,
      });
    }
    this.o.onReconciled?.(report);
    for (const s of this.settingsRepo.all()) this.apply(s);
    const every = (ms: number, fn: () => unknown) => {
      const t = setInterval(
        () => void Promise.resolve(fn()).catch((err: unknown) => this.log.error('recording timer failed', { err: String(err) })),
        ms,
      );
      t.unref();
      this.timers.push(t);
    };
    every(this.o.sweepMs ?? 60_000, () => this.sweep());
    every(5000, () => this.tick());
    every(15 * 60_000, () => {
      for (const id of this.running.keys()) void this.measureClock(id);
    });
    return report;
  }

  async sweep() {
    return this.storage.sweep();
  }

  settings(cameraId: string): CameraRecordingSettings {
    return this.settingsRepo.get(cameraId);
  }

  listSettings(): CameraRecordingSettings[] {
    return this.settingsRepo.all();
  }

  /** Saves a camera's settings and restarts its recorder with them. */
  async save(s: CameraRecordingSettings): Promise<CameraRecordingSettings> {
    this.settingsRepo.save(s, this.now());
    await this.stopCamera(s.cameraId);
    this.apply(s);
    return this.settingsRepo.get(s.cameraId);
  }

  folders(): FolderStatus[] {
    return this.storage.folders();
  }

  /** Whether a camera is being written to right now, and since when. */
  status(): Array<{ cameraId: string; mode: CameraRecordingSettings['mode']; writing: boolean; since: number | null; source: 'relay' | 'copy' }> {
    return [...this.running.values()].map((r) => {
      const open = r.recorder.openSegment();
      return {
        cameraId: r.settings.cameraId,
        mode: r.settings.mode,
        writing: !!open,
        since: open?.startMs ?? null,
        source: this.copyCameras.has(r.settings.cameraId) ? 'copy' : 'relay',
      };
    });
  }

  /** The open segment of a camera (playback reads up to what it has written). */
  openSegment(cameraId: string) {
    const r = this.running.get(cameraId);
    if (!r) return null;
    const open = r.recorder.openSegment();
    return open ? { ...open, stream: r.settings.stream } : null;
  }

  /** A motion or tampering event starts or ends (from the camera, or raised by hand/tests). */
  trigger(cameraId: string, kind: TriggerKind, active: boolean): void {
    const r = this.running.get(cameraId);
    if (!r || r.settings.mode !== 'event' || !r.settings.eventKinds.includes(kind)) return;
    let st = this.eventStates.get(cameraId);
    if (!st) {
      st = { active: new Set(), postUntil: 0, rows: new Map() };
      this.eventStates.set(cameraId, st);
    }
    const now = this.now();
    if (active && !st.active.has(kind)) {
      st.active.add(kind);
      st.rows.set(kind, this.repo.eventStart(cameraId, kind, now));
      this.log.info('event: recording', { cameraId, kind });
      r.recorder.startNow();
    } else if (!active && st.active.has(kind)) {
      st.active.delete(kind);
      const row = st.rows.get(kind);
      if (row !== undefined) this.repo.eventEnd(row, now);
      st.rows.delete(kind);
      if (st.active.size === 0) st.postUntil = now + r.settings.postSeconds * 1000;
    }
  }

  private shouldWrite(s: CameraRecordingSettings): boolean {
    switch (s.mode) {
      case 'off':
        return false;
      case 'continuous':
        return true;
      case 'scheduled':
        return scheduleActive(s.schedule, this.now(), this.o.timeZone());
      case 'event': {
        const st = this.eventStates.get(s.cameraId);
        return !!st && (st.active.size > 0 || this.now() < st.postUntil);
      }
    }
  }

  private apply(s: CameraRecordingSettings): void {
    if (this.disposed || s.mode === 'off') return;
    const recorder = new CameraRecorder({
      cameraId: s.cameraId,
      config: { mode: s.mode, stream: s.stream, preSeconds: s.preSeconds, postSeconds: s.postSeconds },
      subscribe: (sub) => this.subscribeSource(s.cameraId, s.stream, sub),
      allocate: () => this.storage.allocate(),
      repo: this.repo,
      clockOffset: () => this.clockOffsets.get(s.cameraId)?.offset ?? null,
      shouldWrite: () => this.shouldWrite(s),
      segmentMs: this.o.segmentMs ?? 60_000,
      logger: this.log,
      syncMs: this.o.syncMs,
      now: this.now,
      onAlarm: (kind: RecordingAlarmKind, detail) => this.alarms.raise(kind, s.cameraId, null, detail),
      onRecovered: () => this.alarms.clear('recording_failed', s.cameraId, null),
      onSegmentClosed: () => this.o.onSegmentClosed?.(s.cameraId),
    });
    const run: Running = { settings: s, recorder, stopTrigger: null, subscribed: false };
    this.running.set(s.cameraId, run);
    void this.measureClock(s.cameraId);
    if (s.mode === 'event') {
      const dev = this.o.device(s.cameraId);
      if (dev?.onvifUrl) {
        run.stopTrigger = startOnvifTrigger({
          deviceUrl: dev.onvifUrl,
          username: dev.username,
          password: dev.password,
          logger: this.log.child(`${s.cameraId}.events`),
          onTrigger: (kind, active) => this.trigger(s.cameraId, kind, active),
        });
      }
    }
    this.tickOne(run);
  }

  /** Scheduled cameras hold the RTSP session only inside their timetable; event recorders flush. */
  private tick(): void {
    for (const r of this.running.values()) this.tickOne(r);
  }

  private tickOne(r: Running): void {
    const wantSource = r.settings.mode !== 'scheduled' || this.shouldWrite(r.settings);
    if (wantSource && !r.subscribed) {
      r.subscribed = true;
      r.recorder.start();
    } else if (!wantSource && r.subscribed) {
      r.subscribed = false;
      this.track(r.recorder.stop());
    } else r.recorder.flushIfIdle();
  }

  private subscribeSource(cameraId: string, stream: 'main' | 'sub', sub: LiveSubscriber): () => void {
    let stopCopy: (() => Promise<void>) | null = null;
    const copy = () => {
      if (!this.o.ffmpegPath) return sub.state({ state: 'offline', reason: 'ffmpeg_missing', attempt: 0, retryAt: null });
      this.copyCameras.add(cameraId);
      stopCopy = startCopySource(
        {
          tag: `rec.${cameraId}.${stream}`,
          ffmpegPath: this.o.ffmpegPath,
          children: this.children,
          resolveSource: () => this.o.resolveSource(cameraId, stream),
          logger: this.log,
        },
        sub,
      );
    };
    const current = this.o.live.stateOf(cameraId, stream);
    if (this.copyCameras.has(cameraId) || (current.state === 'live' && current.transcoded)) {
      copy();
      return () => this.track(stopCopy?.());
    }
    // From the relay; until it says the video is the camera's own (not transcoded), drop bytes.
    let own = current.state === 'live';
    let unsubLive: (() => void) | null = null;
    let switched = false;
    const relaySub: LiveSubscriber = {
      data: (chunk) => {
        if (own && !switched) sub.data(chunk);
      },
      state: (s) => {
        if (switched) return;
        if (s.state === 'live' && s.transcoded) {
          switched = true;
          this.log.info('the relay transcodes this camera: recording copies with its own ffmpeg', { cameraId });
          queueMicrotask(() => {
            unsubLive?.();
            copy();
          });
          return;
        }
        if (s.state === 'live') own = true;
        sub.state(s);
      },
      backlog: sub.backlog,
    };
    unsubLive = this.o.live.subscribe(cameraId, stream, relaySub);
    return () => {
      if (!switched) unsubLive?.();
      this.track(stopCopy?.());
    };
  }

  private track(p: Promise<void> | undefined): void {
    if (!p) return;
    this.pendingStops.add(p);
    void p.finally(() => this.pendingStops.delete(p));
  }

  private async measureClock(cameraId: string): Promise<void> {
    const dev = this.o.device(cameraId);
    if (!dev?.onvifUrl) return;
    try {
      // GetSystemDateAndTime is in ONVIF's pre-auth set: no password needed.
      const reading = await new OnvifClient({ deviceUrl: dev.onvifUrl, timeoutMs: 3000 }).measureClock();
      this.clockOffsets.set(cameraId, { offset: Math.round(reading.offsetMs), at: this.now() });
    } catch {
      // Unknown offset stays null in the index: the manifest says "not measured".
    }
  }

  private async stopCamera(cameraId: string): Promise<void> {
    const r = this.running.get(cameraId);
    if (!r) return;
    this.running.delete(cameraId);
    const st = this.eventStates.get(cameraId);
    if (st) for (const row of st.rows.values()) this.repo.eventEnd(row, this.now());
    this.eventStates.delete(cameraId);
    await Promise.all([r.recorder.dispose(), r.stopTrigger?.()]);
    await Promise.all([...this.pendingStops]);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await Promise.all([...this.running.keys()].map((id) => this.stopCamera(id)));
    await Promise.all([...this.pendingStops]);
    this.children.dispose();
  }
}
