// Click-to-centre and drag-a-box-to-zoom on the picture of a PTZ tile. Positions are fractions of
// the picture itself (the <video> draws it letterboxed, and maybe digitally zoomed: its box on
// screen, transform included, is what the operator sees), so the core can turn them into angles.
import { useRef, useState, type PointerEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { pictureSize, type PictureElement } from '../video/picture';

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The part of the element where the picture is (object-fit: contain). */
export function pictureRect(el: { width: number; height: number; left: number; top: number }, videoW: number, videoH: number) {
  if (!videoW || !videoH) return el;
  const scale = Math.min(el.width / videoW, el.height / videoH);
  const width = videoW * scale;
  const height = videoH * scale;
  return { left: el.left + (el.width - width) / 2, top: el.top + (el.height - height) / 2, width, height };
}

/** Drags shorter than this are clicks. */
const MIN_DRAG_PX = 8;

export function AimLayer({
  pictureRef,
  held,
  onCentre,
  onZoomBox,
}: {
  pictureRef: RefObject<PictureElement | null>;
  /** Someone else holds the camera: shown by the cursor; a click still asks the core, which says who. */
  held: boolean;
  onCentre(x: number, y: number, aspect: number): void;
  onZoomBox(box: Box, aspect: number): void;
}) {
  const { t } = useTranslation();
  const start = useRef<{ x: number; y: number; id: number } | null>(null);
  const [drag, setDrag] = useState<{ left: number; top: number; width: number; height: number } | null>(null);
  const layer = useRef<HTMLDivElement>(null);

  const picture = () => {
    const v = pictureRef.current;
    if (!v) return null;
    const r = v.getBoundingClientRect();
    const { width, height } = pictureSize(v);
    return { rect: pictureRect(r, width, height), aspect: width && height ? width / height : 16 / 9 };
  };

  const onDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    start.current = { x: e.clientX, y: e.clientY, id: e.pointerId };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onMove = (e: PointerEvent<HTMLDivElement>) => {
    const s = start.current;
    if (!s || Math.hypot(e.clientX - s.x, e.clientY - s.y) < MIN_DRAG_PX) return;
    const host = layer.current!.getBoundingClientRect();
    setDrag({ left: Math.min(s.x, e.clientX) - host.left, top: Math.min(s.y, e.clientY) - host.top, width: Math.abs(e.clientX - s.x), height: Math.abs(e.clientY - s.y) });
  };
  const onUp = (e: PointerEvent<HTMLDivElement>) => {
    const s = start.current;
    start.current = null;
    setDrag(null);
    const p = picture();
    if (!s || !p || p.rect.width === 0) return;
    const fx = (x: number) => (x - p.rect.left) / p.rect.width;
    const fy = (y: number) => (y - p.rect.top) / p.rect.height;
    const clamp = (v: number) => Math.max(0, Math.min(1, v));
    if (Math.hypot(e.clientX - s.x, e.clientY - s.y) < MIN_DRAG_PX) {
      const x = fx(e.clientX);
      const y = fy(e.clientY);
      if (x >= 0 && x <= 1 && y >= 0 && y <= 1) onCentre(x, y, p.aspect);
      return;
    }
    const x0 = clamp(fx(Math.min(s.x, e.clientX)));
    const x1 = clamp(fx(Math.max(s.x, e.clientX)));
    const y0 = clamp(fy(Math.min(s.y, e.clientY)));
    const y1 = clamp(fy(Math.max(s.y, e.clientY)));
    if (x1 - x0 > 0.01 && y1 - y0 > 0.01) onZoomBox({ x: x0, y: y0, w: x1 - x0, h: y1 - y0 }, p.aspect);
  };

  return (
    <div
      ref={layer}
      className={`ptz-aim${held ? ' ptz-aim--held' : ''}`}
      data-testid="ptz-aim"
      title={t('ptz.aimHint')}
      onPointerDown={onDown}
      onPointerMove={onMove}
      onPointerUp={onUp}
      onPointerCancel={() => {
        start.current = null;
        setDrag(null);
      }}
      // A double click would centre twice and maximise: in PTZ mode the picture is for aiming.
      onDoubleClick={(e) => e.stopPropagation()}
    >
      {drag ? <div className="ptz-aim__box" style={drag} /> : null}
    </div>
  );
}
