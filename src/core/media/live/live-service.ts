// The live video service: one LiveRelay per camera-stream, created on the first subscription and
// dropped when it stops after its grace period. It owns the ffmpeg child registry (pid files,
// leftovers from a crashed run are reaped on construction) and relays state changes to listeners
// so the API layer can publish camera status events.
import { createLogger, type Logger } from '../../log/logger';
import { locateFfmpeg } from '../ffmpeg/locate';
import { ChildRegistry } from './child-registry';
import { LiveRelay, type RelayTiming } from './live-relay';
import type { LiveSource, LiveState, LiveStats, LiveSubscriber, StreamKind } from './types';

export interface LiveServiceOptions {
  resolveSource: (cameraId: string, stream: StreamKind) => Promise<LiveSource>;
  /** Default: media/ffmpeg's lookup (FFMPEG_PATH, PATH, npm package). */
  ffmpegPath?: string;
  /** Where pid files live (e.g. <data-dir>/run). */
  runtimeDir: string;
  logger?: Logger;
  /** Shorthand for timing.graceMs. */
  graceMs?: number;
  timing?: Partial<RelayTiming>;
  /** Per-viewer backlog bound before it is skipped to the next keyframe. */
  maxBacklogBytes?: number;
  /** Start ffmpeg under `setpriv --pdeathsig KILL` on Linux (default true). */
  deathSignal?: boolean;
  /** Cold start: ask the camera for a keyframe when a relay starts (see LiveRelayOptions). */
  requestKeyframe?: (cameraId: string, stream: StreamKind) => Promise<unknown>;
}

/** A live stream's measured frame rate, once a second (see LiveRelayOptions.onSample). */
export interface LiveSampleEvent {
  cameraId: string;
  stream: StreamKind;
  fps: number;
}

export interface LiveStateEvent {
  cameraId: string;
  stream: StreamKind;
  state: LiveState;
}

const key = (cameraId: string, stream: StreamKind) => `${cameraId}\u0000${stream}`;

export class LiveService {
  private readonly relays = new Map<string, LiveRelay>();
  private readonly listeners = new Set<(e: LiveStateEvent) => void>();
  private readonly sampleListeners = new Set<(e: LiveSampleEvent) => void>();
  /**
   * Codecs learned from earlier relays of a camera-stream: a relay is dropped after its grace
   * period, and without this every new one of an H.265 or MJPEG camera would start in copy mode,
   * read the codec, then start again (≈ 0.5–1 s more for the operator, every time).
   */
  private readonly learnedCodecs = new Map<string, string>();
  private readonly children: ChildRegistry;
  private readonly log: Logger;
  private readonly ffmpegPath: string | null;
  private disposed = false;

  constructor(private readonly o: LiveServiceOptions) {
    this.log = o.logger ?? createLogger('live');
    this.children = new ChildRegistry({ runtimeDir: o.runtimeDir, logger: this.log, deathSignal: o.deathSignal });
    this.children.reapLeftovers();
    let ffmpegPath: string | null = o.ffmpegPath ?? null;
    if (!ffmpegPath) {
      try {
        ffmpegPath = locateFfmpeg().ffmpegPath;
      } catch (err) {
        // Not fatal for the app: every stream reports offline/ffmpeg_missing instead.
        this.log.error('no ffmpeg: live video is unavailable', { err: String(err) });
      }
    }
    this.ffmpegPath = ffmpegPath;
  }

  /** Watches a camera-stream. The subscriber gets the current state at once. Returns unsubscribe. */
  subscribe(cameraId: string, stream: StreamKind, subscriber: LiveSubscriber): () => void {
    if (this.disposed) throw new Error('LiveService disposed');
    const k = key(cameraId, stream);
    let relay = this.relays.get(k);
    if (!relay) {
      const created: LiveRelay = new LiveRelay({
        cameraId,
        stream,
        resolveSource: async () => {
          const source = await this.o.resolveSource(cameraId, stream);
          const learned = this.learnedCodecs.get(k);
          return source.codec || !learned ? source : { ...source, codec: learned };
        },
        ffmpegPath: this.ffmpegPath,
        children: this.children,
        logger: this.log,
        timing: { ...this.o.timing, ...(this.o.graceMs !== undefined ? { graceMs: this.o.graceMs } : {}) },
        maxBacklogBytes: this.o.maxBacklogBytes,
        ...(this.o.requestKeyframe ? { requestKeyframe: () => this.o.requestKeyframe!(cameraId, stream) } : {}),
        onState: (state) => {
          if (state.state === 'live' && state.sourceCodec !== 'unknown') this.learnedCodecs.set(k, state.sourceCodec);
          this.emit({ cameraId, stream, state });
        },
        onIdle: () => {
          if (this.relays.get(k) === created && created.viewers === 0) this.relays.delete(k);
        },
        onSample: (fps) => {
          for (const l of [...this.sampleListeners]) l({ cameraId, stream, fps });
        },
      });
      relay = created;
      this.relays.set(k, relay);
    }
    return relay.subscribe(subscriber);
  }

  stats(): LiveStats[] {
    return [...this.relays.values()].map((r) => r.stats());
  }

  statsFor(cameraId: string, stream: StreamKind): LiveStats | null {
    return this.relays.get(key(cameraId, stream))?.stats() ?? null;
  }

  /** Video frames the camera-stream's relay has passed on so far (0 when none runs). */
  framesSent(cameraId: string, stream: StreamKind): number {
    return this.relays.get(key(cameraId, stream))?.framesSent ?? 0;
  }

  /** The current state of a camera-stream (`idle` when nobody watches). */
  stateOf(cameraId: string, stream: StreamKind): LiveState {
    return this.relays.get(key(cameraId, stream))?.state ?? { state: 'idle' };
  }

  /** Reconnects both streams of a camera now, e.g. after its URL or password changed. */
  restart(cameraId: string): void {
    for (const s of ['main', 'sub'] as const) {
      // The camera may have changed (new URL, new firmware): check its codec afresh.
      this.learnedCodecs.delete(key(cameraId, s));
      this.relays.get(key(cameraId, s))?.restart();
    }
  }

  /** Listens to every state change of every stream. Returns the function that stops listening. */
  onState(cb: (e: LiveStateEvent) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** Listens to every live stream's measured frame rate, once a second. Returns the function that stops listening. */
  onSample(cb: (e: LiveSampleEvent) => void): () => void {
    this.sampleListeners.add(cb);
    return () => this.sampleListeners.delete(cb);
  }

  /** ffmpeg pids by camera-stream (diagnostics and tests). */
  pids(): Array<{ cameraId: string; stream: StreamKind; pid: number | null }> {
    return [...this.relays.values()].map((r) => ({ cameraId: r.cameraId, stream: r.stream, pid: r.pid }));
  }

  /** Stops every ffmpeg and waits until each has exited. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await Promise.all([...this.relays.values()].map((r) => r.dispose()));
    this.relays.clear();
    this.children.dispose();
    this.listeners.clear();
  }

  private emit(e: LiveStateEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch (err) {
        this.log.error('state listener threw', { err: String(err) });
      }
    }
  }
}
