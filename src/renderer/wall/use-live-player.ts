// Binds a tile's <video> to the live player for as long as the tile shows that stream, and turns
// the player's states into what the tile says. The player itself is handed back so the tile can
// read the presented frame's time without a React render per frame.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { createLivePlayer, pathFromUrl, type DecodePath, type FallbackReason, type LivePlayer, type PlayerState, type PlayerStats } from '../video/live-player';
import type { OfflineReason, TileLiveState, TileStats } from './live-state';

type LiveInfo = Extract<TileLiveState, { state: 'live' }>;

export interface PathInfo {
  path: DecodePath;
  fallback: FallbackReason | null;
}

export function useLivePlayer(
  videoRef: RefObject<HTMLVideoElement | null>,
  canvasRef: RefObject<HTMLCanvasElement | null>,
  stillRef: RefObject<HTMLCanvasElement | null>,
  url: string | null,
): { state: TileLiveState; stats: TileStats | null; player: RefObject<LivePlayer | null>; path: PathInfo | null } {
  const [state, setState] = useState<TileLiveState>({ state: url ? 'connecting' : 'idle' });
  const [stats, setStats] = useState<TileStats | null>(null);
  const [path, setPath] = useState<PathInfo | null>(null);
  const player = useRef<LivePlayer | null>(null);

  useEffect(() => {
    const video = videoRef.current;
    const canvas = canvasRef.current;
    if (!url || !video || !canvas) return;
    let info: LiveInfo | null = null;
    const onState = (s: PlayerState) => {
      switch (s.state) {
        case 'idle':
        case 'connecting':
          setState({ state: 'connecting' });
          return;
        case 'live':
          // The server has video; the tile says "live" once frames are actually presented.
          info = { state: 'live', codec: s.codec, sourceCodec: s.sourceCodec, transcoded: s.transcoded, width: s.width, height: s.height };
          return;
        case 'playing':
          setState(info ?? { state: 'live', codec: 'h264', sourceCodec: 'h264', transcoded: false, width: null, height: null });
          return;
        case 'stalled':
          setState({ state: 'reconnecting', reason: 'player', retryAt: s.retryAt });
          return;
        case 'reconnecting':
        case 'offline':
          setState({ state: s.state, reason: s.reason as OfflineReason, retryAt: s.retryAt });
          return;
      }
    };
    const p = createLivePlayer({ video, canvas }, {
      url,
      path: pathFromUrl(),
      onPath: (path, fallback) => setPath({ path, fallback }),
      onState,
      onStats: (s: PlayerStats) => setStats(s),
      stillCanvas: stillRef.current,
    });
    player.current = p;
    return () => {
      player.current = null;
      p.dispose();
    };
  }, [videoRef, canvasRef, stillRef, url]);

  return { state, stats, player, path };
}
