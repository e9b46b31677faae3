// Retry delays. Transient failures: 1 s doubling to 30 s, so a camera that drops comes back by
// itself quickly and a dead one costs one connection attempt every 30 s. A refused password is
// retried too — a technician may fix it on the camera, or a lab/camera may refuse auth for a
// while — but only every 30 s from the start: cameras often lock an account after a handful of
// failures within minutes (e.g. 7 attempts), and hammering at 1–2 s would trigger that lock.
// After a credentials edit the caller uses restart(), which retries at once.
// A little jitter spreads the reconnects of many cameras behind one failed switch.
import type { OfflineReason } from './types';

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  authRetryMs: number;
  /** 0..1: the delay is stretched by up to this fraction at random. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1000, maxMs: 30_000, authRetryMs: 30_000, jitter: 0.1 };

/** Delay before attempt number `attempt` (1 = first retry after a failure). */
export function retryDelay(reason: OfflineReason, attempt: number, o: BackoffOptions, random = Math.random): number {
  const base = reason === 'auth_failed' ? o.authRetryMs : Math.min(o.maxMs, o.initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (1 + o.jitter * random()));
}

/** Failures a person must fix are `offline` at once; others are `reconnecting` until the backoff tops out. */
export function isOfflineNow(reason: OfflineReason, attempt: number, o: BackoffOptions): boolean {
  switch (reason) {
    case 'auth_failed':
    case 'stream_not_found':
    case 'unsupported_codec':
    case 'bad_response':
    case 'ffmpeg_missing':
    case 'source_error':
    case 'no_permission':
    case 'unknown_camera':
    case 'bad_request':
      return true;
    case 'unreachable':
    case 'timeout':
    case 'ended':
    case 'crashed':
      return o.initialMs * 2 ** Math.max(0, attempt - 1) >= o.maxMs;
  }
}
