import { useCallback, useRef, useState, type PointerEvent, type WheelEvent } from 'react';

export interface Zoom {
  scale: number;
  x: number;
  y: number;
}

const IDENTITY: Zoom = { scale: 1, x: 0, y: 0 };
const MAX = 8;

/**
 * Digital zoom inside a tile: the wheel zooms around the cursor, dragging pans once zoomed.
 * It only scales the picture already received: no PTZ, no new stream.
 */
export function useZoom() {
  const [zoom, setZoom] = useState<Zoom>(IDENTITY);
  const drag = useRef<{ px: number; py: number; x: number; y: number } | null>(null);

  const clamp = (z: Zoom, w: number, h: number): Zoom => {
    const maxX = (w * (z.scale - 1)) / 2;
    const maxY = (h * (z.scale - 1)) / 2;
    return { scale: z.scale, x: Math.max(-maxX, Math.min(maxX, z.x)), y: Math.max(-maxY, Math.min(maxY, z.y)) };
  };

  const onWheel = useCallback((e: WheelEvent<HTMLElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    // Cursor relative to the tile's centre: the point under it stays put while zooming.
    const cx = e.clientX - rect.left - rect.width / 2;
    const cy = e.clientY - rect.top - rect.height / 2;
    setZoom((z) => {
      const scale = Math.max(1, Math.min(MAX, z.scale * Math.pow(1.2, -e.deltaY / 100)));
      if (scale === 1) return IDENTITY;
      const k = scale / z.scale;
      return clamp({ scale, x: cx - (cx - z.x) * k, y: cy - (cy - z.y) * k }, rect.width, rect.height);
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
    setZoom((z) => clamp({ scale: z.scale, x: d.x + e.clientX - d.px, y: d.y + e.clientY - d.py }, rect.width, rect.height));
  }, []);

  const onPointerUp = useCallback(() => {
    drag.current = null;
  }, []);

  const reset = useCallback(() => setZoom(IDENTITY), []);

  return { zoom, reset, handlers: { onWheel, onPointerDown, onPointerMove, onPointerUp } };
}
