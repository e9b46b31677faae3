import { describe, expect, it } from 'vitest';
import { absoluteTarget, boxZoom, centreTranslation, hfovAt, zoomFor } from './geometry';

// The camera lab's lens (src/sim/rtsp/sim_scene.py): the picture is 1/(1.5 + 1.5z) of a world
// whose width the pan range -1..1 sweeps minus one picture, i.e. 4/(1 + 3z) pan units wide.
const LAB = { hfovWideDeg: 180, zoomRatio: 4, panRangeDeg: 90, tiltRangeDeg: 50.625 };

describe('PTZ geometry', () => {
  it('narrows the field of view with magnification, and inverts', () => {
    const fov = { hfovWideDeg: 60, zoomRatio: 30, panRangeDeg: 360, tiltRangeDeg: 180 };
    expect(hfovAt(fov, 0)).toBe(60);
    expect(hfovAt(fov, 1)).toBeCloseTo(2);
    for (const z of [0, 0.25, 0.5, 1]) expect(zoomFor(fov, hfovAt(fov, z))).toBeCloseTo(z);
    expect(zoomFor(fov, 500)).toBe(0);
    expect(zoomFor(fov, 0.1)).toBe(1);
  });

  it('matches the lab: the picture is 4/(1+3z) generic pan units wide', () => {
    for (const z of [0, 1 / 3, 1]) {
      const edge = centreTranslation(LAB, z, 1, 0.5, 16 / 9);
      expect(edge.pan).toBeCloseTo(2 / (1 + 3 * z)); // half a picture to the right
      expect(edge.tilt).toBeCloseTo(0);
      const top = centreTranslation(LAB, z, 0.5, 0, 16 / 9);
      expect(top.tilt).toBeCloseTo(2 / (1 + 3 * z)); // up is positive; same units vertically in the lab
    }
  });

  it('centres a box and zooms until it fills the picture', () => {
    const fov = { hfovWideDeg: 60, zoomRatio: 30, panRangeDeg: 360, tiltRangeDeg: 180 };
    const r = boxZoom(fov, 0, { x: 0.5, y: 0.5, w: 0.25, h: 0.1 }, 16 / 9);
    expect(r.pan).toBeCloseTo((0.125 * 60) / 180);
    expect(hfovAt(fov, r.zoom)).toBeCloseTo(15); // a quarter of the width
    expect(boxZoom(fov, 1, { x: 0.4, y: 0.4, w: 0.2, h: 0.2 }, 16 / 9).zoom).toBe(1);
  });

  it('keeps absolute targets inside the generic spaces', () => {
    expect(absoluteTarget({ pan: 0.9, tilt: -0.95, zoom: 0.5 }, { pan: 0.3, tilt: -0.2, zoom: 0.8 })).toEqual({ pan: 1, tilt: -1, zoom: 1 });
  });
});
