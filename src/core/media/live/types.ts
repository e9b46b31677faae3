// The live pipeline's public shapes. Plain data only: they cross to the renderer as JSON text
// frames on the video socket and to the API layer as events.
import type { LiveState, OfflineReason } from '../../../shared/contract/live';
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

export type { FrameClock, LiveState, LiveStateName, LiveStats, OfflineReason } from '../../../shared/contract/live';
import type { FrameClock } from '../../../shared/contract/live';

export interface LiveSubscriber {
  /** TS bytes: always whole 188-byte packets; the first chunk starts with PAT, PMT and a keyframe. */
  data(chunk: Buffer): void;
  state(s: LiveState): void;
  /** The wall-clock anchor of the keyframe whose bytes come next (see FrameClock). */
  clock?(c: FrameClock): void;
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
    case 'no_permission':
      return 'permission_denied';
    case 'unknown_camera':
      return 'not_found';
    case 'bad_request':
      return 'bad_request';
    case 'crashed':
    case 'source_error':
      return 'internal';
  }
}
