import { describe, expect, it } from 'vitest';
import { axis, stickVelocity } from './use-gamepad';

describe('joystick axes', () => {
  it('ignore the dead zone and grow with deflection, in steps', () => {
    expect(axis(0.1)).toBe(0);
    expect(axis(-0.15)).toBe(0);
    expect(axis(1)).toBe(1);
    expect(axis(-1)).toBe(-1);
    expect(axis(0.575)).toBeCloseTo(0.5);
    expect(axis(0.2)).toBeCloseTo(0.05);
  });

  it('map the left stick to pan/tilt (up is up) and the right stick to zoom, scaled by the speed', () => {
    expect(stickVelocity([1, -1, 0, -1], 0.5)).toEqual({ pan: 0.5, tilt: 0.5, zoom: 0.5 });
    expect(stickVelocity([0.05, 0.02, 0, 0.1], 1)).toEqual({ pan: 0, tilt: 0, zoom: 0 });
  });
});
