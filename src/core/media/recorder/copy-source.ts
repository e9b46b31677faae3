// The recorder's own ffmpeg, for the cameras the live relay transcodes (H.265): the wall gets H.264
// because Chromium needs it, but evidence must be the camera's own stream, copied. Same argument
// array as the relay in copy mode (whitelists, redaction, no shell); restarted with backoff.
import type { Logger } from '../../log/logger';
import { redact } from '../../log/logger';
import { ffmpegCapabilities } from '../ffmpeg/capabilities';
import type { ChildRegistry } from '../live/child-registry';
import { relayArgs } from '../live/ffmpeg-args';
import { classifyExit, FfmpegStderr } from '../live/ffmpeg-stderr';
import type { LiveSource, LiveSubscriber, OfflineReason } from '../live/types';
import { TsAligner } from '../ts/aligner';

export interface CopySourceOptions {
  tag: string;
  ffmpegPath: string;
  children: ChildRegistry;
  resolveSource: () => Promise<LiveSource>;
  logger: Logger;
  stallMs?: number;
}

/** Starts copying at once; returns the function that stops it, resolving once its ffmpeg exited. */
export function startCopySource(o: CopySourceOptions, sub: LiveSubscriber): () => Promise<void> {
  let stopped = false;
  let failures = 0;
  let child: ReturnType<ChildRegistry['spawn']> | null = null;
  let retry: NodeJS.Timeout | null = null;
  let watch: NodeJS.Timeout | null = null;
  const stallMs = o.stallMs ?? 10_000;

  const launch = async () => {
    if (stopped) return;
    sub.state({ state: 'connecting', attempt: failures });
    let args: string[];
    try {
      const source = await o.resolveSource();
      const caps = await ffmpegCapabilities(o.ffmpegPath);
      args = relayArgs({ source, mode: 'copy', timeoutOption: caps.rtspSocketTimeout, socketTimeoutMs: 5000 });
    } catch (err) {
      return failed('source_error', err instanceof Error ? err.message : String(err));
    }
    if (stopped) return;
    const c = o.children.spawn(o.ffmpegPath, args, o.tag);
    child = c;
    const aligner = new TsAligner();
    const stderr = new FfmpegStderr();
    let lastData = Date.now();
    let live = false;
    c.stdout!.on('data', (chunk: Buffer) => {
      lastData = Date.now();
      const whole = aligner.push(chunk);
      if (!whole.length) return;
      if (!live) {
        live = true;
        const info = stderr.input;
        sub.state({
          state: 'live',
          since: Date.now(),
          codec: info?.codec ?? 'unknown',
          sourceCodec: info?.codec ?? 'unknown',
          transcoded: false,
          width: info?.width ?? null,
          height: info?.height ?? null,
        });
      }
      sub.data(whole);
    });
    c.stderr!.on('data', (d: Buffer) => stderr.push(d));
    watch = setInterval(() => {
      if (Date.now() - lastData > stallMs) c.kill('SIGKILL');
    }, 1000);
    watch.unref();
    c.once('close', (code) => {
      if (watch) clearInterval(watch);
      watch = null;
      child = null;
      if (stopped) return;
      if (live) failures = 0;
      failed(classifyExit(stderr.exitLines(), code), redact(stderr.tail(3)));
    });
  };

  const failed = (reason: OfflineReason, detail: string) => {
    if (stopped) return;
    failures++;
    const delay = Math.min(30_000, 1000 * 2 ** Math.min(5, failures - 1));
    o.logger.warn('recording copy ffmpeg failed', { tag: o.tag, reason, detail, retryInMs: delay });
    sub.state({ state: 'reconnecting', reason, attempt: failures, retryAt: Date.now() + delay, detail });
    retry = setTimeout(() => void launch(), delay);
  };

  void launch();
  return () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    if (watch) clearInterval(watch);
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return Promise.resolve();
    const closed = new Promise<void>((r) => c.once('close', () => r()));
    c.kill('SIGTERM');
    const force = setTimeout(() => c.kill('SIGKILL'), 2000);
    return closed.then(() => clearTimeout(force));
  };
}
