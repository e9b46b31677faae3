// The text frames of the video socket, as the renderer reads them. They mirror
// src/core/media/live/types.ts (LiveState, LiveStats) and video-socket.ts (VideoTextFrame); the
// renderer may not import core, so the shapes are repeated here until they move to shared/contract.

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

export type ServerLiveState =
  | { state: 'idle' }
  | { state: 'connecting'; attempt: number }
  | { state: 'live'; since: number; codec: string; sourceCodec: string; transcoded: boolean; width: number | null; height: number | null }
  | { state: 'reconnecting'; reason: OfflineReason; attempt: number; retryAt: number; detail?: string }
  | { state: 'offline'; reason: OfflineReason; attempt: number; retryAt: number | null; detail?: string };

export interface ServerLiveStats {
  cameraId: string;
  stream: 'main' | 'sub';
  state: ServerLiveState['state'];
  codec: string | null;
  sourceCodec: string | null;
  transcoded: boolean;
  width: number | null;
  height: number | null;
  fps: number;
  kbps: number;
  viewers: number;
  msSinceLastFrame: number | null;
  starts: number;
  viewerDrops: number;
}

export type VideoTextFrame = ({ type: 'state' } & ServerLiveState) | ({ type: 'stats' } & ServerLiveStats);

/** Parses a text frame; anything unexpected is ignored rather than trusted. */
export function parseTextFrame(text: string): VideoTextFrame | null {
  try {
    const v = JSON.parse(text) as { type?: unknown; state?: unknown };
    if (v && (v.type === 'state' || v.type === 'stats') && typeof v.state === 'string') return v as VideoTextFrame;
  } catch {
    // not JSON
  }
  return null;
}
