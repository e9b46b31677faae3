// A live player's decoding engine: what turns the video socket's bytes into presented frames. The
// player (live-player.ts) owns states, the stall watchdog, backoff and the frame clock; an engine
// only decodes and shows. Two engines: WebCodecs (canvas) and MSE (mpegts.js into a <video>).

export type DecodePath = 'webcodecs' | 'mse';

/**
 * Why a tile plays through MSE rather than WebCodecs (said in the stats overlay):
 * `forced` (?player=mse), `no_webcodecs` (the browser has no VideoDecoder, or the page is not a
 * secure context), `no_h264` (its VideoDecoder cannot decode this H.264 profile).
 */
export type FallbackReason = 'forced' | 'no_webcodecs' | 'no_h264';

export interface EngineHooks {
  /** A text frame of the video socket (state, stats, clock). */
  onText(text: string): void;
  /** The engine cannot go on (socket closed, decoder failed): the player recreates it. */
  onFailure(cause: 'player_error' | 'socket_closed'): void;
  /** A frame was presented: its media time (MSE) or its PTS in ms (WebCodecs). */
  onPresented(at: { mediaTime: number } | { ptsMs: number }): void;
  /** WebCodecs cannot decode this stream: the player falls back to MSE. */
  onUnsupported?(reason: FallbackReason): void;
}

export interface Engine {
  readonly path: DecodePath;
  /** Frames presented so far (the watchdog's and the stats' count). */
  frames(): number;
  /** Frames decoded but never shown (a newer one won, or skipped to catch up). */
  dropped(): number;
  /** What the engine holds beyond the newest frame, in ms, or null. */
  latencyMs(): number | null;
  stop(): void;
}
