// The live pipeline's public shapes. Plain data only: they cross to the renderer as JSON text
// frames on the video socket and to the API layer as events.
import type { ErrorCode } from '../../../shared/errors';

export type StreamKind = 'main' | 'sub';

/** Where to pull a camera-stream from. Credentials are put into the URL only for ffmpeg's argv. */
export interface LiveSource {
  url: string;
  username?: string;
  password?: string;
  transport: 'tcp' | 'udp';
  /** The codec when known (e.g. from the ONVIF profile); saves a probe restart for non-H.264. */
  codec?: string;
}

/** Why a stream is not delivering video. */
export type OfflineReason =
  | 'auth_failed'
  | 'unreachable'
  | 'stream_not_found'
  | 'unsupported_codec'
  | 'bad_response'
  | 'timeout'
  | 'ended'
  | 'crashed'
  | 'source_error'
  | 'ffmpeg_missing';

/**
 * - `idle`: nobody watches; no ffmpeg runs.
 * - `connecting`: ffmpeg started, no keyframe yet.
 * - `live`: video flows. `since` changes whenever a new ffmpeg (a new TS stream) took over, so a
 *   player can tell a restarted stream (timestamps from zero) from the one it is playing.
 * - `reconnecting`: a transient failure (network, timeout, stream ended); retry at `retryAt`.
 * - `offline`: a failure that needs a person (wrong password, no such stream, codec) or one that has
 *   lasted through the whole backoff (≥ ~30 s). We still retry, at `retryAt`.
 */
export type LiveState =
  | { state: 'idle' }
  | { state: 'connecting'; attempt: number }
  | { state: 'live'; since: number; codec: string; sourceCodec: string; transcoded: boolean; width: number | null; height: number | null }
  | { state: 'reconnecting'; reason: OfflineReason; attempt: number; retryAt: number; detail?: string }
  | { state: 'offline'; reason: OfflineReason; attempt: number; retryAt: number | null; detail?: string };

export type LiveStateName = LiveState['state'];

export interface LiveStats {
  cameraId: string;
  stream: StreamKind;
  state: LiveStateName;
  /** Codec delivered to viewers (always h264 once transcoded) and the camera's own codec. */
  codec: string | null;
  sourceCodec: string | null;
  transcoded: boolean;
  width: number | null;
  height: number | null;
  /** Frames and kbit/s delivered over the last second. */
  fps: number;
  kbps: number;
  viewers: number;
  /** Milliseconds since the last video frame left ffmpeg; null before the first. */
  msSinceLastFrame: number | null;
  /** How many times ffmpeg was (re)started for this stream since the relay was created. */
  starts: number;
  /** Times a slow viewer was skipped forward to the next keyframe. */
  viewerDrops: number;
}

export interface LiveSubscriber {
  /** TS bytes: always whole 188-byte packets; the first chunk starts with PAT, PMT and a keyframe. */
  data(chunk: Buffer): void;
  state(s: LiveState): void;
  /**
   * Bytes this subscriber has not yet delivered (e.g. ws.bufferedAmount). Above the hub's bound the
   * subscriber is skipped forward to the next keyframe instead of buffering without limit.
   */
  backlog?(): number;
}

export function reasonErrorCode(reason: OfflineReason): ErrorCode {
  switch (reason) {
    case 'auth_failed':
      return 'camera_auth_failed';
    case 'unreachable':
      return 'camera_unreachable';
    case 'stream_not_found':
      return 'camera_stream_not_found';
    case 'unsupported_codec':
      return 'camera_unsupported_codec';
    case 'bad_response':
      return 'camera_bad_response';
    case 'timeout':
    case 'ended':
      return 'camera_timeout';
    case 'ffmpeg_missing':
      return 'ffmpeg_missing';
    case 'crashed':
    case 'source_error':
      return 'internal';
  }
}
