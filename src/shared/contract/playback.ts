// What the playback socket (/playback?camera=<id>&at=<utc ms>&speed=<x>&paused=1) says besides the
// video, and what the player may tell it. Declared once for the core and the renderer's player.
//
// Media time: the player's clock (video.currentTime × 1000) starts at 0 at the first frame sent;
// `start` and each `map` tell which UTC instant a media time stands for, from then on (gaps and
// restarts of a camera's stream are closed up, so media time runs without holes).

export type PlaybackTextFrame =
  /** The first frame sent: the keyframe at or before the instant asked for. */
  | { type: 'start'; utcMs: number; requestedUtc: number; mediaMs: 0 }
  /** From media time `mediaMs` on, media time t stands for utcMs + (t − mediaMs). */
  | { type: 'map'; mediaMs: number; utcMs: number }
  /** No recording between these instants (playback skipped it). */
  | { type: 'gap'; fromUtc: number; toUtc: number }
  /** The recording ends here (nothing after it yet). */
  | { type: 'end'; utcMs: number }
  /** Nothing recorded at or after the instant asked for. */
  | { type: 'none'; requestedUtc: number }
  | { type: 'error'; reason: string };

/** `position`: where the player is (media ms), about once a second, so the server paces from there. */
export type PlaybackControl = { type: 'play' } | { type: 'pause' } | { type: 'speed'; rate: number } | { type: 'position'; mediaMs: number };

export function parsePlaybackText(text: string): PlaybackTextFrame | null {
  try {
    const v = JSON.parse(text) as { type?: unknown };
    if (v && typeof v === 'object' && ['start', 'map', 'gap', 'end', 'none', 'error'].includes(String(v.type))) return v as PlaybackTextFrame;
  } catch {
    // not ours
  }
  return null;
}

export function parsePlaybackControl(text: string): PlaybackControl | null {
  try {
    const v = JSON.parse(text) as { type?: unknown; rate?: unknown };
    if (v?.type === 'play' || v?.type === 'pause') return { type: v.type };
    if (v?.type === 'speed' && typeof v.rate === 'number' && Number.isFinite(v.rate)) return { type: 'speed', rate: v.rate };
    const m = (v as { mediaMs?: unknown }).mediaMs;
    if (v?.type === 'position' && typeof m === 'number' && Number.isFinite(m) && m >= 0) return { type: 'position', mediaMs: m };
  } catch {
    // ignored: a control we do not know changes nothing
  }
  return null;
}
