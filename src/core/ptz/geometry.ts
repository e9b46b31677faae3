// Click-to-centre and box zoom: from a point (or box) on the picture and the field of view at the
// current zoom, the pan/tilt translation and the zoom to ask for, in ONVIF's generic spaces.
//
// The model: the horizontal field of view shrinks with the optical magnification, and
// magnification grows linearly with generic zoom (1× at 0, the zoom ratio at 1) — the usual
// relation on speed domes, and exactly the lab's. Angles on the picture are taken as linear in
// pixels: off by a few per cent at the picture's edge on a wide lens, so a second click finishes
// the job; cameras' generic pan spaces are seldom exactly linear in degrees either.
import type { PtzFov } from '../../shared/contract';

export interface Vector3 {
  pan: number;
  tilt: number;
  zoom: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Horizontal field of view (degrees) at generic zoom z. */
export function hfovAt(fov: PtzFov, zoom: number): number {
  return fov.hfovWideDeg / (1 + clamp(zoom, 0, 1) * (fov.zoomRatio - 1));
}

/** Generic zoom at which the horizontal field of view is `deg` (clamped to the lens). */
export function zoomFor(fov: PtzFov, deg: number): number {
  if (fov.zoomRatio <= 1) return 0;
  return clamp((fov.hfovWideDeg / deg - 1) / (fov.zoomRatio - 1), 0, 1);
}

/**
 * Pan/tilt translation that brings the picture point (x, y) — fractions, 0,0 top left — to the
 * centre. Tilt is positive upwards in ONVIF, the picture's y grows downwards.
 */
export function centreTranslation(fov: PtzFov, zoom: number, x: number, y: number, aspect: number): { pan: number; tilt: number } {
  const h = hfovAt(fov, zoom);
  const v = h / aspect;
  return {
    pan: ((x - 0.5) * h) / (fov.panRangeDeg / 2),
    tilt: (-(y - 0.5) * v) / (fov.tiltRangeDeg / 2),
  };
}

/**
 * Box zoom: centre the box, then zoom until it fills the picture (the larger of its width and
 * height, as fractions of the picture's, decides). Returns the pan/tilt translation and the zoom
 * to reach (absolute, generic).
 */
export function boxZoom(fov: PtzFov, zoom: number, box: { x: number; y: number; w: number; h: number }, aspect: number): { pan: number; tilt: number; zoom: number } {
  const { pan, tilt } = centreTranslation(fov, zoom, box.x + box.w / 2, box.y + box.h / 2, aspect);
  const k = clamp(Math.max(box.w, box.h), 0.01, 1);
  return { pan, tilt, zoom: zoomFor(fov, hfovAt(fov, zoom) * k) };
}

/** An absolute target from the current position and a translation, kept inside the spaces. */
export function absoluteTarget(current: Vector3, delta: Partial<Vector3>): Vector3 {
  return {
    pan: clamp(current.pan + (delta.pan ?? 0), -1, 1),
    tilt: clamp(current.tilt + (delta.tilt ?? 0), -1, 1),
    zoom: clamp(current.zoom + (delta.zoom ?? 0), 0, 1),
  };
}
