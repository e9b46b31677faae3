// What a tile knows about its stream: the relay's state and stats as the core reports them on the
// video socket, plus the player's own troubles (a stalled decoder, a lost connection).
// Mirrors src/core/media/live/types.ts, which the renderer may not import.

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
  | 'player'
  | 'disconnected'
  | 'no_permission'
  | 'unknown_camera'
  | 'bad_request';

export type TileLiveState =
  | { state: 'idle' }
  | { state: 'connecting' }
  | { state: 'live'; codec: string; sourceCodec: string; transcoded: boolean; width: number | null; height: number | null }
  | { state: 'reconnecting'; reason: OfflineReason; retryAt: number | null }
  | { state: 'offline'; reason: OfflineReason; retryAt: number | null };

export interface TileStats {
  codec: string | null;
  sourceCodec: string | null;
  transcoded: boolean;
  width: number | null;
  height: number | null;
  fps: number;
  kbps: number;
  viewers: number;
  msSinceLastFrame: number | null;
}
