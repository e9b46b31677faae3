// What a tile tells the officer, from everything it knows: the player (frames presented or not),
// the relay's state, the register (awaiting repair), and whether the core itself is in reach. One
// place decides, so every tile says the same thing for the same situation.
import type { Camera } from '../../shared/contract';
import type { FrameInfo } from '../video/frame-times';
import type { OfflineReason, TileLiveState } from './live-state';

/**
 * No new picture for longer than this, and the tile says so; longer for a camera whose own frame
 * rate is slow (twice its frame interval), so a 1 fps camera does not blink between its frames.
 */
export const STALE_AFTER_MS = 1000;

export function staleAfter(frame: FrameInfo): number {
  return Math.max(STALE_AFTER_MS, 2 * (frame.intervalMs ?? 0));
}

export type TileStatus =
  /** The core is out of reach: one banner says so for the whole wall; the tile keeps its last picture. */
  | { kind: 'outage' }
  | { kind: 'idle' }
  | { kind: 'connecting' }
  | { kind: 'live' }
  /** Frames stopped arriving (frozen stream, player restarting) while nothing else is known yet. */
  | { kind: 'stale'; seconds: number }
  | { kind: 'reconnecting'; reason: OfflineReason; retryAt: number | null }
  | { kind: 'offline'; reason: OfflineReason }
  /** The register says the camera awaits repair: a known fault, not a new one. */
  | { kind: 'repair' }
  | { kind: 'decommissioned' }
  | { kind: 'no_permission' }
  | { kind: 'unknown_camera' };

export type TileStatusKind = TileStatus['kind'];

export function tileStatus(live: TileLiveState, frame: FrameInfo, perfNow: number, registerStatus: Camera['status'] | undefined, coreUp: boolean): TileStatus {
  if (!coreUp) return { kind: 'outage' };
  if (live.state === 'offline' && (live.reason === 'no_permission' || live.reason === 'unknown_camera')) return { kind: live.reason };
  const since = frame.presentedAt === null ? null : perfNow - frame.presentedAt;
  if (live.state === 'live') return since !== null && since > staleAfter(frame) ? { kind: 'stale', seconds: Math.floor(since / 1000) } : { kind: 'live' };
  if (registerStatus === 'awaiting_repair') return { kind: 'repair' };
  if (registerStatus === 'decommissioned') return { kind: 'decommissioned' };
  // The player froze and is starting over: for the officer the picture is simply not new.
  const playerTrouble = (live.state === 'reconnecting' && live.reason === 'player') || live.state === 'connecting';
  if (playerTrouble && since !== null) return { kind: 'stale', seconds: Math.floor(since / 1000) };
  switch (live.state) {
    case 'idle':
      return { kind: 'idle' };
    case 'connecting':
      return { kind: 'connecting' };
    case 'reconnecting':
      return { kind: 'reconnecting', reason: live.reason, retryAt: live.retryAt };
    case 'offline':
      return { kind: 'offline', reason: live.reason };
  }
}

/** Whether the picture shown is the stream's own (live or frozen) or a kept still. */
export function showsVideo(s: TileStatus): boolean {
  return s.kind === 'live' || s.kind === 'stale';
}
