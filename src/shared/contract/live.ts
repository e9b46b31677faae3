// What the video socket says besides video: the relay's state and its stats, as JSON text frames.
// Declared once here for the core (src/core/media/live) and the renderer's player.

/** Why a stream is not delivering video. The last three come from the /video route itself. */
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
  | 'ffmpeg_missing'
  | 'no_permission'
  | 'unknown_camera'
  | 'bad_request';

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
  stream: 'main' | 'sub';
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

/**
 * When a keyframe reached the core, in the stream's own time (90 kHz PTS and DTS): the player maps
 * every presented frame's timestamp to the wall clock from the newest of these, so a tile's clock
 * is the time of the picture it shows and stops when the picture stops. Sent before the keyframe's
 * bytes (and before a joining viewer's cached GOP). `source`: `arrival` is when the core received
 * it; `camera` would be the camera's own capture time, where a stream carries one.
 */
export interface FrameClock {
  pts: number;
  dts: number;
  at: number;
  source: 'arrival' | 'camera';
}

/** The video socket's text frames. */
export type VideoTextFrame = ({ type: 'state' } & LiveState) | ({ type: 'stats' } & LiveStats) | ({ type: 'clock' } & FrameClock);
