// One camera-stream: one ffmpeg (RTSP in, MPEG-TS out) feeding a fan-out hub, however many viewers.
// Started by the first viewer, stopped `graceMs` after the last leaves, restarted with backoff when
// ffmpeg dies. Codec choice: H.264 is copied; anything else is transcoded to H.264 (Chromium's MSE
// takes neither H.265 nor MJPEG). When the codec is not known beforehand we start in copy mode,
// hold the output back until ffmpeg's stderr names the input codec, and restart in transcode mode
// if it is not H.264 — so the common H.264 camera pays no extra probe connection.
import type { ChildProcess } from 'node:child_process';
import { redact, type Logger } from '../../log/logger';
import { isAppError } from '../../../shared/errors';
import { ffmpegCapabilities } from '../ffmpeg/capabilities';
import { DEFAULT_BACKOFF, isOfflineNow, retryDelay, type BackoffOptions } from './backoff';
import type { ChildRegistry } from './child-registry';
import { checkSource, modeForCodec, relayArgs, type RelayMode } from './ffmpeg-args';
import { classifyExit, FfmpegStderr, type StreamInfo } from './ffmpeg-stderr';
import { DEFAULT_MAX_BACKLOG_BYTES, TsHub } from './hub';
import type { LiveSource, LiveState, LiveStats, LiveSubscriber, OfflineReason, StreamKind } from './types';

export interface RelayTiming {
  /** Keep ffmpeg running this long after the last viewer left (a viewer switching layouts). */
  graceMs: number;
  /** No keyframe this long after start → `timeout`. */
  startTimeoutMs: number;
  /** No video frame this long while live → `timeout` (ffmpeg killed, restarted with backoff). */
  stallTimeoutMs: number;
  /** RTSP socket I/O timeout passed to ffmpeg. */
  socketTimeoutMs: number;
  /** Live this long → the failure count (and so the backoff) starts again from zero. */
  stableMs: number;
  /** SIGTERM, then SIGKILL after this long. */
  killGraceMs: number;
  backoff: BackoffOptions;
}

export const DEFAULT_TIMING: RelayTiming = {
  graceMs: 5000,
  startTimeoutMs: 10_000,
  stallTimeoutMs: 5000,
  socketTimeoutMs: 5000,
  stableMs: 10_000,
  killGraceMs: 2000,
  backoff: DEFAULT_BACKOFF,
};

export interface LiveRelayOptions {
  cameraId: string;
  stream: StreamKind;
  resolveSource: () => Promise<LiveSource>;
  ffmpegPath: string | null;
  children: ChildRegistry;
  logger: Logger;
  timing?: Partial<RelayTiming>;
  maxBacklogBytes?: number;
  onState?: (s: LiveState) => void;
  /** Called when the relay stopped after the grace period (the service may drop it). */
  onIdle?: () => void;
  /** Once a second while live: the frames per second that reached the hub over the last second. */
  onSample?: (fps: number) => void;
  /**
   * Asks the camera for a keyframe (ONVIF Media SetSynchronizationPoint), so the first viewer need
   * not wait up to a GOP. Fired, never awaited: at spawn and again when ffmpeg has the input open
   * (a keyframe sent before our RTSP PLAY is lost to us). Its errors are only logged.
   */
  requestKeyframe?: () => Promise<unknown>;
}

type KillCause = OfflineReason | 'stop' | 'switch';

interface Proc {
  child: ChildProcess;
  stderr: FfmpegStderr;
  mode: RelayMode;
  /** Output held back until stderr names the input codec (unknown codec, copy mode). */
  gate: Buffer[] | null;
  killedFor: KillCause | null;
  closed: Promise<void>;
}

/** 'H264', 'avc' → 'h264'; 'H265', 'hevc' → 'hevc'; 'JPEG' → 'mjpeg'. */
export function normaliseCodec(codec: string): string {
  const c = codec.toLowerCase();
  if (c === 'h264' || c === 'avc' || c === 'h.264') return 'h264';
  if (c === 'h265' || c === 'hevc' || c === 'h.265') return 'hevc';
  if (c === 'jpeg' || c === 'mjpeg') return 'mjpeg';
  return c;
}

export class LiveRelay {
  readonly cameraId: string;
  readonly stream: StreamKind;
  private readonly t: RelayTiming;
  private readonly hub: TsHub;
  private readonly log: Logger;
  private current: LiveState = { state: 'idle' };
  private readonly stateListeners = new Set<(s: LiveState) => void>();
  private launching = false;
  private proc: Proc | null = null;
  private generation = 0;
  private failures = 0;
  private starts = 0;
  /** When this start began and reached each step, for the log line that says where the time went. */
  private marks: { t0: number; source?: number; spawned?: number; bytes?: number; input?: number } = { t0: 0 };
  private learnedCodec: string | null = null;
  private disposed = false;
  private timers = new Map<'grace' | 'retry' | 'start' | 'stable' | 'watch', NodeJS.Timeout>();
  private sample = { at: 0, frames: 0, bytes: 0, fps: 0, kbps: 0 };

  constructor(private readonly o: LiveRelayOptions) {
    this.cameraId = o.cameraId;
    this.stream = o.stream;
    this.t = { ...DEFAULT_TIMING, ...o.timing, backoff: { ...DEFAULT_TIMING.backoff, ...o.timing?.backoff } };
    this.hub = new TsHub(o.maxBacklogBytes ?? DEFAULT_MAX_BACKLOG_BYTES);
    this.hub.onFirstKeyframe = () => this.becameLive();
    this.log = o.logger.child(`${o.cameraId}.${o.stream}`);
  }

  get state(): LiveState {
    return this.current;
  }

  get viewers(): number {
    return this.hub.viewerCount;
  }

  /** Adds a viewer; the first one starts ffmpeg. Returns the function that removes it. */
  subscribe(sub: LiveSubscriber): () => void {
    if (this.disposed) throw new Error('relay disposed');
    this.clearTimer('grace');
    // Idle, or failed while nobody watched (no retry pending): start now.
    const start = !this.proc && !this.launching && !this.timers.has('retry');
    const listener = (s: LiveState) => sub.state(s);
    this.stateListeners.add(listener);
    const remove = this.hub.add(sub);
    // launch() announces `connecting` synchronously; otherwise tell the newcomer where we are.
    if (start) void this.launch();
    else sub.state(this.current);
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      remove();
      this.stateListeners.delete(listener);
      if (this.hub.viewerCount === 0 && !this.disposed) {
        this.setTimer('grace', this.t.graceMs, () => void this.stop());
      }
    };
  }

  /** Start over now: new source (URL, credentials) and a fresh codec check, failures forgotten. */
  restart(): void {
    this.learnedCodec = null;
    this.failures = 0;
    this.clearTimer('retry');
    if (this.hub.viewerCount === 0 || this.disposed) return;
    if (this.proc) this.kill(this.proc, 'switch');
    else void this.launch();
  }

  /** Video frames (PES) this relay has passed on since it was created (benchmarks count against it). */
  get framesSent(): number {
    return this.hub.counters.frames;
  }

  stats(): LiveStats {
    const live = this.current.state === 'live' ? this.current : null;
    const last = this.hub.counters.lastFrameAt;
    return {
      cameraId: this.cameraId,
      stream: this.stream,
      state: this.current.state,
      codec: live?.codec ?? null,
      sourceCodec: live?.sourceCodec ?? null,
      transcoded: live?.transcoded ?? false,
      width: live?.width ?? null,
      height: live?.height ?? null,
      fps: live ? this.sample.fps : 0,
      kbps: live ? this.sample.kbps : 0,
      viewers: this.hub.viewerCount,
      msSinceLastFrame: last === null ? null : Date.now() - last,
      starts: this.starts,
      viewerDrops: this.hub.counters.viewerDrops,
    };
  }

  /** The ffmpeg pid, for tests and diagnostics. */
  get pid(): number | null {
    return this.proc?.child.pid ?? null;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.stop();
    this.stateListeners.clear();
  }

  private async stop(): Promise<void> {
    for (const name of [...this.timers.keys()]) this.clearTimer(name);
    this.generation++; // cancels a launch waiting on resolveSource
    this.failures = 0;
    const p = this.proc;
    if (p) {
      this.kill(p, 'stop');
      await p.closed;
    }
    this.setState({ state: 'idle' });
    if (this.disposed) return;
    // A viewer may have arrived while ffmpeg was exiting: serve it with a fresh start.
    if (this.hub.viewerCount > 0) void this.launch();
    else this.o.onIdle?.();
  }

  private async launch(): Promise<void> {
    if (this.disposed || this.hub.viewerCount === 0 || this.launching) return;
    this.launching = true;
    try {
      await this.spawnFfmpeg();
    } catch (err) {
      // Whatever went wrong is this stream's alone: it goes offline with the cause logged, and
      // nothing escapes as an unhandled rejection (which ends the whole core).
      this.log.error('could not start the stream', { err: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      if (!this.proc) this.failed('crashed', err instanceof Error ? err.message : String(err));
    } finally {
      this.launching = false;
    }
    // A stop() while we waited for the source cancelled this launch; a viewer who arrived since
    // found `launching` set and relied on us: start for them now.
    if (!this.proc && !this.disposed && this.current.state === 'idle' && this.hub.viewerCount > 0 && !this.timers.has('retry')) {
      void this.launch();
    }
  }

  private async spawnFfmpeg(): Promise<void> {
    const gen = ++this.generation;
    this.marks = { t0: Date.now() };
    this.setState({ state: 'connecting', attempt: this.failures });
    if (!this.o.ffmpegPath) return this.failed('ffmpeg_missing', 'no ffmpeg found');
    let source: LiveSource;
    let timeoutOption: 'timeout' | 'stimeout';
    try {
      source = await this.o.resolveSource();
      timeoutOption = (await ffmpegCapabilities(this.o.ffmpegPath)).rtspSocketTimeout;
    } catch (err) {
      if (gen !== this.generation) return;
      const reason: OfflineReason = isAppError(err) && err.code === 'not_found' ? 'stream_not_found' : 'source_error';
      return this.failed(reason, isAppError(err) ? err.code : String(err));
    }
    if (gen !== this.generation || this.disposed || this.hub.viewerCount === 0) return;
    this.marks.source = Date.now();
    // Checked again here, whatever the register said: no URL may make ffmpeg read a local file or
    // speak another protocol (ffmpeg-args' whitelists are the second fence).
    const checked = checkSource(source);
    if (!checked.ok) {
      this.log.error('camera source refused; ffmpeg not started', { problem: checked.problem, url: source.url });
      return this.failed('source_error', checked.problem);
    }

    // What ffmpeg itself said wins over what we were told (a profile may name the wrong codec).
    const known = this.learnedCodec ?? (source.codec ? normaliseCodec(source.codec) : null);
    const mode = known ? modeForCodec(known) : 'copy';
    const args = relayArgs({ source, mode, timeoutOption, socketTimeoutMs: this.t.socketTimeoutMs, codecKnown: !!known });
    this.hub.reset();
    this.starts++;
    const child = this.o.children.spawn(this.o.ffmpegPath, args, `${this.cameraId}.${this.stream}`);
    const proc: Proc = {
      child,
      mode,
      gate: known ? null : [],
      killedFor: null,
      stderr: new FfmpegStderr((info) => this.inputKnown(proc, info)),
      closed: new Promise((resolve) => child.once('close', () => resolve())),
    };
    this.proc = proc;
    this.marks.spawned = Date.now();
    this.log.info('ffmpeg started', { pid: child.pid, mode, transport: source.transport, url: source.url });

    child.stdout!.on('data', (chunk: Buffer) => {
      if (this.proc !== proc) return;
      this.marks.bytes ??= Date.now();
      if (proc.gate) {
        proc.gate.push(chunk);
        // Bounded: if stderr never names the codec, the start timeout ends this attempt.
        if (proc.gate.length > 256) proc.gate.shift();
        return;
      }
      this.hub.push(chunk);
    });
    child.stderr!.on('data', (chunk: Buffer) => proc.stderr.push(chunk));
    child.once('error', (err) => {
      // ENOENT and friends: no 'close' may follow a failed spawn, so settle here.
      this.log.error('ffmpeg could not start', { err: err.message });
      if (this.proc === proc && child.pid === undefined) {
        this.proc = null;
        proc.killedFor = 'stop'; // a 'close' may still follow: it must not fail a second time
        this.failed('ffmpeg_missing', err.message);
      }
    });
    void proc.closed.then(() => this.exited(proc, child.exitCode));
    this.setTimer('start', this.t.startTimeoutMs, () => this.kill(proc, 'timeout'));
    this.askKeyframe('spawn');
  }

  private askKeyframe(when: 'spawn' | 'input'): void {
    const ask = this.o.requestKeyframe;
    if (!ask || this.current.state === 'live') return;
    const t0 = Date.now();
    void ask().then(
      (sent) => this.log.debug('keyframe requested', { when, sent, ms: Date.now() - t0 }),
      (err: unknown) => this.log.info('keyframe request failed', { when, err: err instanceof Error ? err.message : String(err) }),
    );
  }

  /** stderr named the input codec: open the gate for H.264, else restart transcoding. */
  private inputKnown(proc: Proc, info: StreamInfo): void {
    if (this.proc === proc) {
      this.marks.input ??= Date.now();
      this.askKeyframe('input');
    }
    if (this.proc === proc && !proc.gate && modeForCodec(normaliseCodec(info.codec)) !== proc.mode) {
      // The codec we were told was wrong: start again in the mode the real one needs.
      this.learnedCodec = normaliseCodec(info.codec);
      this.log.warn('camera codec differs from its profile; restarting ffmpeg', { codec: this.learnedCodec });
      this.kill(proc, 'switch');
      return;
    }
    if (!proc.gate || this.proc !== proc) return;
    const codec = normaliseCodec(info.codec);
    if (modeForCodec(codec) === proc.mode) {
      const held = proc.gate;
      proc.gate = null;
      for (const chunk of held) this.hub.push(chunk);
      return;
    }
    this.learnedCodec = codec;
    this.log.info('camera codec needs a transcode; restarting ffmpeg', { codec });
    this.kill(proc, 'switch');
  }

  private becameLive(): void {
    const p = this.proc;
    if (!p) return;
    this.clearTimer('start');
    // Where a cold start's time went (a technician asking "why does this camera take 3 s?").
    const m = this.marks;
    const since = (t: number | undefined) => (t === undefined ? null : t - m.t0);
    this.log.info('live', { ms: Date.now() - m.t0, source: since(m.source), spawned: since(m.spawned), input: since(m.input), firstBytes: since(m.bytes) });
    const input = p.stderr.input;
    const output = p.stderr.output ?? input;
    this.setState({
      state: 'live',
      since: Date.now(),
      codec: normaliseCodec(this.hub.videoCodec ?? output?.codec ?? 'h264'),
      sourceCodec: input ? normaliseCodec(input.codec) : 'unknown',
      transcoded: p.mode === 'transcode',
      width: output?.width ?? null,
      height: output?.height ?? null,
    });
    this.setTimer('stable', this.t.stableMs, () => {
      this.failures = 0;
    });
    this.sample = { at: Date.now(), frames: this.hub.counters.frames, bytes: this.hub.counters.bytes, fps: 0, kbps: 0 };
    const tick = Math.min(1000, this.t.stallTimeoutMs);
    const watch = setInterval(() => this.watch(p), tick);
    watch.unref();
    this.clearTimer('watch');
    this.timers.set('watch', watch);
  }

  /** Once a second: refresh fps/kbps and kill a stalled ffmpeg. */
  private watch(p: Proc): void {
    if (this.proc !== p) return;
    const now = Date.now();
    const c = this.hub.counters;
    const dt = (now - this.sample.at) / 1000;
    if (dt > 0) {
      this.sample = {
        at: now,
        frames: c.frames,
        bytes: c.bytes,
        fps: Math.round(((c.frames - this.sample.frames) / dt) * 10) / 10,
        kbps: Math.round(((c.bytes - this.sample.bytes) * 8) / dt / 1000),
      };
      try {
        this.o.onSample?.(this.sample.fps);
      } catch (err) {
        this.log.error('sample listener threw', { err: err instanceof Error ? err.message : String(err) });
      }
    }
    if (c.lastFrameAt !== null && now - c.lastFrameAt > this.t.stallTimeoutMs) {
      this.log.warn('no video from ffmpeg; restarting', { ms: now - c.lastFrameAt });
      this.kill(p, 'timeout');
    }
  }

  private exited(p: Proc, code: number | null): void {
    if (this.proc === p) this.proc = null;
    this.clearTimer('start');
    this.clearTimer('watch');
    this.clearTimer('stable');
    if (p.killedFor === 'stop' || this.disposed) return;
    if (p.killedFor === 'switch') {
      void this.launch();
      return;
    }
    const reason = p.killedFor ?? classifyExit(p.stderr.exitLines(), code);
    this.failed(reason, p.stderr.tail(3));
  }

  private failed(reason: OfflineReason, rawDetail: string): void {
    if (this.disposed) return;
    // The detail reaches every viewer (video socket state frames); ffmpeg's own error lines name the
    // URL, password included ("rtsp://admin:pw@host/x: Server returned 401").
    const detail = redact(rawDetail);
    this.failures++;
    if (this.hub.viewerCount === 0) {
      // Nobody is watching any more: the grace timer will stop us; do not retry.
      this.setState({ state: 'offline', reason, attempt: this.failures, retryAt: null, detail });
      return;
    }
    const delay = retryDelay(reason, this.failures, this.t.backoff);
    const retryAt = Date.now() + delay;
    const offline = isOfflineNow(reason, this.failures, this.t.backoff);
    this.log.warn('stream failed', { reason, attempt: this.failures, retryInMs: delay, detail });
    this.setState(
      offline
        ? { state: 'offline', reason, attempt: this.failures, retryAt, detail }
        : { state: 'reconnecting', reason, attempt: this.failures, retryAt, detail },
    );
    this.setTimer('retry', delay, () => void this.launch());
  }

  private kill(p: Proc, cause: KillCause): void {
    if (p.killedFor === null || cause === 'stop') p.killedFor = cause;
    if (p.child.exitCode !== null || p.child.signalCode !== null) return;
    p.child.kill('SIGTERM');
    const force = setTimeout(() => {
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    }, this.t.killGraceMs);
    force.unref();
    void p.closed.then(() => clearTimeout(force));
  }

  private setState(s: LiveState): void {
    this.current = s;
    // One viewer's listener throwing must not stop the others hearing, nor the relay itself.
    for (const l of [...this.stateListeners, ...(this.o.onState ? [this.o.onState] : [])]) {
      try {
        l(s);
      } catch (err) {
        this.log.error('state listener threw', { err: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  private setTimer(name: 'grace' | 'retry' | 'start' | 'stable', ms: number, fn: () => void): void {
    this.clearTimer(name);
    const t = setTimeout(() => {
      this.timers.delete(name);
      fn();
    }, ms);
    this.timers.set(name, t);
  }

  private clearTimer(name: 'grace' | 'retry' | 'start' | 'stable' | 'watch'): void {
    const t = this.timers.get(name);
    if (t) {
      clearTimeout(t);
      this.timers.delete(name);
    }
  }
}
