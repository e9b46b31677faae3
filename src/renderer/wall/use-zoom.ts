import { useCallback, useEffect, useRef, useState, type PointerEvent, type WheelEvent } from 'react';
import type { TileZoom } from '../../shared/contract';

const IDENTITY: TileZoom = { scale: 1, x: 0, y: 0 };
const MAX = 8;
/** The wall keeps a tile's zoom once the hand has stopped, not on every wheel notch. */
const COMMIT_MS = 300;

/**
 * Digital zoom inside a tile: the wheel zooms around the cursor, dragging pans once zoomed. It only
 * scales the picture already received: no PTZ, no new stream. The shift is kept as a fraction of
 * the tile's size (CSS translate percentages), so it fits any window the wall comes back in.
 */
export function useZoom(initial: TileZoom | undefined, commit: (z: TileZoom) => void) {
  const [zoom, setZoom] = useState<TileZoom>(initial ?? IDENTITY);
  const drag = useRef<{ px: number; py: number; x: number; y: number } | null>(null);
  const committed = useRef(JSON.stringify(initial ?? IDENTITY));
  const commitRef = useRef(commit);
  useEffect(() => {
    commitRef.current = commit;
  }, [commit]);

  const latest = useRef(zoom);
  const commitNow = useCallback(() => {
    const text = JSON.stringify(latest.current);
    if (text === committed.current) return;
    committed.current = text;
    commitRef.current(latest.current);
  }, []);
  useEffect(() => {
    latest.current = zoom;
    const id = setTimeout(commitNow, COMMIT_MS);
    return () => clearTimeout(id);
  }, [zoom, commitNow]);

  const clamp = (z: TileZoom): TileZoom => {
    const max = (z.scale - 1) / 2;
    return { scale: z.scale, x: Math.max(-max, Math.min(max, z.x)), y: Math.max(-max, Math.min(max, z.y)) };
  };

  const onWheel = useCallback((e: WheelEvent<HTMLElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    if (!rect.width || !rect.height) return;
    // Cursor relative to the tile's centre, in tile fractions: the point under it stays put.
    const cx = (e.clientX - rect.left) / rect.width - 0.5;
    const cy = (e.clientY - rect.top) / rect.height - 0.5;
    setZoom((z) => {
      const scale = Math.max(1, Math.min(MAX, z.scale * Math.pow(1.2, -e.deltaY / 100)));
      if (scale === 1) return IDENTITY;
      const k = scale / z.scale;
      return clamp({ scale, x: cx - (cx - z.x) * k, y: cy - (cy - z.y) * k });
    });
  }, []);

  const onPointerDown = useCallback(
    (e: PointerEvent<HTMLElement>) => {
      if (zoom.scale === 1 || e.button !== 0) return;
      drag.current = { px: e.clientX, py: e.clientY, x: zoom.x, y: zoom.y };
      e.currentTarget.setPointerCapture(e.pointerId);
    },
    [zoom],
  );

  const onPointerMove = useCallback((e: PointerEvent<HTMLElement>) => {
    const d = drag.current;
    if (!d) return;
    const rect = e.currentTarget.getBoundingClientRect();
    if (!rect.width || !rect.height) return;
    setZoom((z) => clamp({ scale: z.scale, x: d.x + (e.clientX - d.px) / rect.width, y: d.y + (e.clientY - d.py) / rect.height }));
  }, []);

  const onPointerUp = useCallback(() => {
    drag.current = null;
  }, []);

  // The hand leaves the tile (to click a page, a button): keep the zoom now, not a moment later.
  const onPointerLeave = useCallback(() => {
    drag.current = null;
    commitNow();
  }, [commitNow]);

  const reset = useCallback(() => setZoom(IDENTITY), []);

  /** The CSS transform: translate percentages are of the video element, which fills the tile. */
  const transform = `translate(${(zoom.x * 100).toFixed(3)}%, ${(zoom.y * 100).toFixed(3)}%) scale(${zoom.scale})`;
  return { zoom, reset, transform, handlers: { onWheel, onPointerDown, onPointerMove, onPointerUp, onPointerLeave } };
}
