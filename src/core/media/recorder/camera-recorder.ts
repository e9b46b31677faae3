// Records one camera-stream into fixed-length MPEG-TS segments. The bytes come from the live relay
// (recording is one more subscriber of the same ffmpeg, so a camera that allows few RTSP sessions
// is asked for one), already copied by ffmpeg without re-encoding; this class cuts them at
// keyframes, so that every segment starts with PAT, PMT and a keyframe and plays on its own.
//
// Why MPEG-TS and not fragmented MP4 (issue: "write down why"): a TS file is a sequence of
// independent 188-byte packets with no index anywhere, so a file cut by a power failure is every
// whole packet that reached the disk (reconcile trims the one partial packet at the end); the relay
// already produces TS, so recording costs no second muxer or process; byte offsets of keyframes
// are known as they are written, which is the seek index. fMP4 would also survive a cut (per
// fragment), but needs a muxer per camera and loses the partial fragment. Plain MP4 would lose the
// whole file (its index is written at the end). Exports are remuxed to MP4 (evidence/).
//
// Times: a frame's UTC time is the console clock at the run's first keyframe plus the PTS elapsed
// since (a "run" is one ffmpeg's stream); drift or a PTS jump over 2 s starts a new run.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Logger } from '../../log/logger';
import type { LiveState, LiveSubscriber } from '../live/types';
import { TsFrameScanner, type TsFrame } from '../ts/frame-scanner';
import { ptsDelta } from '../ts/pes';
import { segmentRelPath as segmentRelPathFor } from './paths';
import { SegmentFile } from './segment-file';
import type { KeyframeEntry, SegmentRepository } from './segment-repository';

export type RecordingMode = 'off' | 'continuous' | 'scheduled' | 'event';

export interface RecorderConfig {
  mode: RecordingMode;
  stream: 'main' | 'sub';
  preSeconds: number;
  postSeconds: number;
}

export interface Allocation {
  folderId: string;
  root: string;
}

export interface CameraRecorderDeps {
  cameraId: string;
  config: RecorderConfig;
  /** The live relay's subscription (or the recorder's own copy ffmpeg for transcoded cameras). */
  subscribe: (sub: LiveSubscriber) => () => void;
  /** A folder with room for a new segment, or null (alarm raised by the storage service). */
  allocate: () => Allocation | null;
  repo: SegmentRepository;
  clockOffset: () => number | null;
  /** Should the recorder write now (schedule, event)? Asked at every keyframe. */
  shouldWrite: () => boolean;
  segmentMs: number;
  logger: Logger;
  onAlarm: (kind: 'recording_failed', detail: Record<string, string | number>) => void;
  onRecovered: () => void;
  onSegmentClosed?: (id: number) => void;
  now?: () => number;
  /** The recorder's backlog above which the relay skips it to the next keyframe. */
  syncMs?: number;
}

interface OpenSegment {
  id: number;
  file: SegmentFile;
  folderId: string;
  relPath: string;
  startMs: number;
  firstPts: number;
  runId: string;
  keyframes: KeyframeEntry[];
  lastFrameMs: number;
  progressAt: number;
}

interface RingGop {
  utc: number;
  pts: number;
  bufs: Buffer[];
  bytes: number;
}

const MAX_RING_BYTES = 48 * 1024 * 1024;
const FAILURE_ALARM_MS = 10_000;

export class CameraRecorder {
  private readonly log: Logger;
  private readonly now: () => number;
  private unsubscribe: (() => void) | null = null;
  private scanner = new TsFrameScanner();
  private anchor: { runId: string; utc: number; pts: number } | null = null;
  private seg: OpenSegment | null = null;
  private lastPts: number | null = null;
  private frameMs = 40;
  private ring: RingGop[] = [];
  private closing = new Set<Promise<void>>();
  private failingSince: number | null = null;
  private alarmRaised = false;
  private retryAfter = 0;
  private disposed = false;
  private failureTimer: NodeJS.Timeout | null = null;
  /** Bytes written by this recorder (tests, stats). */
  bytesWritten = 0;

  constructor(private readonly d: CameraRecorderDeps) {
    this.log = d.logger.child(`${d.cameraId}.${d.config.stream}`);
    this.now = d.now ?? Date.now;
  }

  get cameraId(): string {
    return this.d.cameraId;
  }

  get config(): RecorderConfig {
    return this.d.config;
  }

  /** What the open segment holds so far (playback follows it toward "now"). */
  openSegment(): {
    id: number;
    file: string;
    startMs: number;
    endMs: number;
    bytes: number;
    keyframes: KeyframeEntry[];
    firstPts: number;
    runId: string;
  } | null {
    const s = this.seg;
    if (!s) return null;
    return {
      id: s.id,
      file: s.file.file,
      startMs: s.startMs,
      endMs: s.lastFrameMs + this.frameMs,
      bytes: s.file.written,
      keyframes: [...s.keyframes],
      firstPts: s.firstPts,
      runId: s.runId,
    };
  }

  start(): void {
    if (this.unsubscribe || this.disposed) return;
    this.unsubscribe = this.d.subscribe({
      data: (chunk) => this.onData(chunk),
      state: (s) => this.onState(s),
      backlog: () => this.seg?.file.backlog ?? 0,
    });
  }

  /** Stops taking video and closes the open segment (indexed on close). */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.clearFailureTimer();
    this.closeSegment();
    this.ring = [];
    await Promise.all([...this.closing]);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.stop();
  }

  /**
   * An event began: write at once, starting with the ring's GOPs from the one that holds
   * `preSeconds` before now (the pre-roll) and the GOP in progress, instead of at the next keyframe.
   */
  startNow(): void {
    if (this.seg || this.d.config.mode !== 'event' || !this.anchor || !this.d.shouldWrite()) return;
    const keepFrom = this.now() - this.d.config.preSeconds * 1000;
    let i = 0;
    while (i < this.ring.length - 1 && this.ring[i + 1]!.utc <= keepFrom) i++;
    const gops = this.ring.slice(i).filter((g) => g.bufs.length > 0);
    if (gops.length === 0 || !this.openSegment_(gops[0]!.utc, gops[0]!.pts)) return;
    for (const [n, g] of gops.entries()) {
      this.seg!.keyframes.push([g.utc - this.seg!.startMs, this.seg!.file.bytes]);
      this.withPsi(g.bufs[0]!, n === 0);
      for (const b of g.bufs.slice(1)) this.write(b);
    }
  }

  /** An event ended or the schedule changed: close at once instead of at the next keyframe. */
  flushIfIdle(): void {
    if (this.seg && !this.d.shouldWrite()) this.closeSegment();
  }

  private onState(s: LiveState): void {
    if (s.state === 'live') {
      this.recovered();
      return;
    }
    // The run ended (ffmpeg stopped or restarts): close what we have; the next run starts afresh.
    this.closeSegment();
    this.scanner = new TsFrameScanner();
    this.anchor = null;
    this.lastPts = null;
    this.ring = [];
    if (s.state === 'offline' || s.state === 'reconnecting') this.failing(s.reason, s.detail ?? '');
  }

  private failing(reason: string, detail: string): void {
    if (this.failingSince === null) this.failingSince = this.now();
    if (this.failureTimer || this.alarmRaised) return;
    this.failureTimer = setTimeout(() => {
      this.failureTimer = null;
      if (this.failingSince !== null && !this.disposed) {
        this.alarmRaised = true;
        this.d.onAlarm('recording_failed', { reason, detail: detail.slice(0, 200) });
      }
    }, FAILURE_ALARM_MS);
    this.failureTimer.unref();
  }

  private recovered(): void {
    this.failingSince = null;
    this.clearFailureTimer();
    if (this.alarmRaised) {
      this.alarmRaised = false;
      this.d.onRecovered();
    }
  }

  private clearFailureTimer(): void {
    if (this.failureTimer) clearTimeout(this.failureTimer);
    this.failureTimer = null;
  }

  private onData(chunk: Buffer): void {
    if (this.disposed) return;
    const base = this.scanner.position;
    const frames: TsFrame[] = [];
    this.scanner.scan(chunk, (f) => frames.push(f));
    let cut = 0;
    // The newest frame of the chunk arrived now; a burst (the relay's cached GOP for a recorder that
    // joins a running stream) holds older frames, which must not be stamped "now".
    let newest: number | null = null;
    for (const f of frames) if (f.pts !== null) newest = f.pts;
    for (const f of frames) {
      if (f.pts !== null) {
        if (this.lastPts !== null) {
          const d = ptsDelta(this.lastPts, f.pts) / 90;
          if (d > 5 && d < 200) this.frameMs = d;
        }
        if (!f.keyframe) this.noteFrame(f.pts);
      }
      if (!f.keyframe || f.pts === null) continue;
      const rel = f.offset - base;
      this.route(chunk.subarray(cut, rel));
      cut = rel;
      this.atKeyframe(f.pts, newest ?? f.pts);
      this.noteFrame(f.pts);
    }
    this.route(chunk.subarray(cut));
  }

  private noteFrame(pts: number): void {
    this.lastPts = pts;
    if (this.seg && this.anchor) {
      this.seg.lastFrameMs = this.utcOf(pts);
      const now = this.now();
      if (now - this.seg.progressAt > 5000) {
        this.seg.progressAt = now;
        this.d.repo.progress(this.seg.id, this.seg.lastFrameMs + this.frameMs, this.seg.file.written);
      }
    }
  }

  private utcOf(pts: number): number {
    const a = this.anchor!;
    return a.utc + Math.round(ptsDelta(a.pts, pts) / 90);
  }

  private atKeyframe(pts: number, newestPts: number): void {
    const now = this.now();
    const behind = Math.round(ptsDelta(pts, newestPts) / 90);
    if (!this.anchor || Math.abs(this.utcOf(newestPts) - now) > 2000) {
      // A new run, or the camera's timestamps drifted or jumped: anchor afresh on the console clock.
      if (this.anchor) this.closeSegment();
      this.anchor = { runId: randomUUID(), utc: now - (behind < 10_000 ? behind : 0), pts };
    }
    const utc = this.utcOf(pts);
    if (this.d.config.mode === 'event') this.ringKeyframe(utc, pts);
    const want = this.d.shouldWrite();
    if (this.seg && (!want || utc - this.seg.startMs >= this.d.segmentMs)) this.closeSegment();
    if (!want || this.seg) {
      this.seg?.keyframes.push([utc - this.seg.startMs, this.seg.file.bytes]);
      return;
    }
    if (now < this.retryAfter) return;
    // Event recording starts with the ring: the seconds before the event.
    const preroll = this.d.config.mode === 'event' ? this.ring.slice(0, -1).filter((g) => g.bufs.length > 0) : [];
    const first = preroll[0] ?? { utc, pts };
    if (!this.openSegment_(first.utc, first.pts)) return;
    for (const gop of preroll) {
      this.seg!.keyframes.push([gop.utc - this.seg!.startMs, this.seg!.file.bytes]);
      this.withPsi(gop.bufs[0]!, gop === preroll[0]);
      for (const b of gop.bufs.slice(1)) this.write(b);
    }
    this.seg!.keyframes.push([utc - this.seg!.startMs, this.seg!.file.bytes]);
  }

  /** The keyframe chunk, preceded by PAT and PMT when it is the first of a file. */
  private withPsi(buf: Buffer, first: boolean): void {
    if (first && this.scanner.pat && this.scanner.pmt && !startsWithPat(buf)) {
      this.write(this.scanner.pat);
      this.write(this.scanner.pmt);
    }
    this.write(buf);
  }

  private route(buf: Buffer): void {
    if (buf.length === 0) return;
    if (this.d.config.mode === 'event' && this.ring.length) {
      const g = this.ring[this.ring.length - 1]!;
      g.bufs.push(buf);
      g.bytes += buf.length;
    }
    if (!this.seg) return;
    if (this.seg.file.bytes === 0) this.withPsi(buf, true);
    else this.write(buf);
  }

  private write(buf: Buffer): void {
    this.seg!.file.write(buf);
    this.bytesWritten += buf.length;
  }

  private ringKeyframe(utc: number, pts: number): void {
    this.ring.push({ utc, pts, bufs: [], bytes: 0 });
    const keepFrom = utc - this.d.config.preSeconds * 1000;
    // Keep the GOP that contains keepFrom: the pre-roll starts at or before it.
    while (this.ring.length > 2 && this.ring[1]!.utc <= keepFrom) this.ring.shift();
    let total = this.ring.reduce((n, g) => n + g.bytes, 0);
    while (this.ring.length > 2 && total > MAX_RING_BYTES) total -= this.ring.shift()!.bytes;
  }

  private openSegment_(startMs: number, firstPts: number): boolean {
    const where = this.d.allocate();
    if (!where) {
      this.retryAfter = this.now() + 5000;
      return false;
    }
    const relPath = segmentRelPathFor(this.d.cameraId, this.d.config.stream, startMs);
    const file = new SegmentFile(path.join(where.root, relPath), {
      syncMs: this.d.syncMs,
      onError: (err) => this.writeFailed(err, relPath),
    });
    let id: number;
    try {
      id = this.d.repo.insertOpen({
        cameraId: this.d.cameraId,
        stream: this.d.config.stream,
        folderId: where.folderId,
        path: relPath,
        startMs,
        firstPts,
        runId: this.anchor!.runId,
        codec: this.scanner.videoCodec,
        clockOffsetMs: this.d.clockOffset(),
        trigger: this.d.config.mode,
      });
    } catch (err) {
      // Same start ms twice (a clock set back): skip this keyframe, try the next.
      this.log.warn('could not index a new segment', { err: err instanceof Error ? err.message : String(err) });
      void file.close();
      return false;
    }
    this.seg = {
      id,
      file,
      folderId: where.folderId,
      relPath,
      startMs,
      firstPts,
      runId: this.anchor!.runId,
      keyframes: [],
      lastFrameMs: startMs,
      progressAt: this.now(),
    };
    return true;
  }

  private writeFailed(err: Error, relPath: string): void {
    this.log.error('segment write failed', { path: relPath, err: err.message });
    this.d.onAlarm('recording_failed', { reason: 'write_error', detail: (err as NodeJS.ErrnoException).code ?? err.message });
    this.alarmRaised = true;
    this.retryAfter = this.now() + 10_000;
    if (this.seg?.relPath === relPath) this.closeSegment();
  }

  private closeSegment(): void {
    const s = this.seg;
    if (!s) return;
    this.seg = null;
    const endMs = Math.max(s.startMs, s.lastFrameMs + Math.round(this.frameMs));
    const done = (async () => {
      const bytes = await s.file.close();
      try {
        this.d.repo.close(s.id, { endMs, bytes, sha256: s.file.sha256, keyframes: s.keyframes.filter(([, off]) => off < bytes), status: 'ok' });
        this.d.onSegmentClosed?.(s.id);
      } catch (err) {
        this.log.error('could not index a closed segment (reconcile will at the next start)', { path: s.relPath, err: String(err) });
      }
    })();
    this.closing.add(done);
    void done.finally(() => this.closing.delete(done));
  }
}

function startsWithPat(buf: Buffer): boolean {
  return buf.length >= 4 && buf[0] === 0x47 && (((buf[1]! & 0x1f) << 8) | buf[2]!) === 0;
}
