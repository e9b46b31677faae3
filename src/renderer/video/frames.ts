// The text frames of the video socket, as the renderer reads them (shapes: shared/contract/live).

import type { LiveState, LiveStats, OfflineReason, VideoTextFrame } from '../../shared/contract/live';

export type { OfflineReason, VideoTextFrame };
export type ServerLiveState = LiveState;
export type ServerLiveStats = LiveStats;

/** Parses a text frame; anything unexpected is ignored rather than trusted. */
export function parseTextFrame(text: string): VideoTextFrame | null {
  try {
    const v = JSON.parse(text) as { type?: unknown; state?: unknown; pts?: unknown; dts?: unknown; at?: unknown };
    if (v && (v.type === 'state' || v.type === 'stats') && typeof v.state === 'string') return v as VideoTextFrame;
    if (v && v.type === 'clock' && typeof v.pts === 'number' && typeof v.dts === 'number' && typeof v.at === 'number') return v as VideoTextFrame;
  } catch {
    // not JSON
  }
  return null;
}
