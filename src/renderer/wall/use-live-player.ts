// Placeholder until the player module lands: reports "connecting" and plays nothing.
import { useState, type RefObject } from 'react';
import type { TileLiveState, TileStats } from './live-state';

export function useLivePlayer(_video: RefObject<HTMLVideoElement | null>, url: string | null): { state: TileLiveState; stats: TileStats | null } {
  const [state] = useState<TileLiveState>({ state: url ? 'connecting' : 'idle' });
  return { state, stats: null };
}
