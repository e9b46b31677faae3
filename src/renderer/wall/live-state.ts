// What a tile knows about its stream: the relay's state and stats as the core reports them on the
// video socket, plus the player's own troubles (a stalled decoder, a lost connection).

import type { LiveStats, OfflineReason as RelayReason } from '../../shared/contract/live';

/** The relay's reasons, plus the player's own: it froze, or lost its connection to the core. */
export type OfflineReason = RelayReason | 'player' | 'disconnected';

export type TileLiveState =
  | { state: 'idle' }
  | { state: 'connecting' }
  | { state: 'live'; codec: string; sourceCodec: string; transcoded: boolean; width: number | null; height: number | null }
  | { state: 'reconnecting'; reason: OfflineReason; retryAt: number | null }
  | { state: 'offline'; reason: OfflineReason; retryAt: number | null };

/** What the overlay shows of the relay's stats. */
export type TileStats = Pick<LiveStats, 'codec' | 'sourceCodec' | 'transcoded' | 'width' | 'height' | 'fps' | 'kbps' | 'viewers' | 'msSinceLastFrame'>;
