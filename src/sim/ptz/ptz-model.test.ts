import { describe, expect, it } from 'vitest';
import { PtzError, PtzModel } from './ptz-model';

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('PtzModel', () => {
  it('integrates ContinuousMove velocity over time and clamps to the limits', () => {
    const c = clock();
    const ptz = new PtzModel(c.now);
    ptz.continuousMove({ pan: 0.5, tilt: -1, zoom: 0.25 });
    c.advance(1000);
    expect(ptz.state()).toMatchObject({ pan: 0.5, tilt: -1, zoom: 0.25, panTiltMoving: true, zoomMoving: true });
    c.advance(3000);
    expect(ptz.state()).toMatchObject({ pan: 1, tilt: -1, zoom: 1 });
  });

  it('stops at the timeout and on Stop', () => {
    const c = clock();
    const ptz = new PtzModel(c.now);
    ptz.continuousMove({ pan: 1 }, 200);
    c.advance(1000);
    expect(ptz.state().pan).toBeCloseTo(0.2);
    expect(ptz.state().panTiltMoving).toBe(false);
    ptz.continuousMove({ pan: -1 });
    c.advance(100);
    ptz.stop();
    c.advance(1000);
    expect(ptz.state().pan).toBeCloseTo(0.1);
  });

  it('moves to absolute and relative targets at a speed', () => {
    const c = clock();
    const ptz = new PtzModel(c.now);
    ptz.absoluteMove({ pan: 0.5, zoom: 0.5 }, { pan: 1, zoom: 0.5 });
    c.advance(250);
    expect(ptz.state().pan).toBeCloseTo(0.25);
    c.advance(2000);
    expect(ptz.state()).toMatchObject({ pan: 0.5, zoom: 0.5, panTiltMoving: false, zoomMoving: false });
    ptz.relativeMove({ pan: -0.25 });
    c.advance(5000);
    expect(ptz.state().pan).toBeCloseTo(0.25);
  });

  it('keeps presets and a home position', () => {
    const c = clock();
    const ptz = new PtzModel(c.now);
    ptz.absoluteMove({ pan: 0.3, tilt: 0.2 }, { pan: 10, tilt: 10 });
    c.advance(1000);
    const token = ptz.setPreset('door');
    ptz.gotoHome({ pan: 10, tilt: 10 });
    c.advance(1000);
    expect(ptz.state().pan).toBe(0);
    ptz.gotoPreset(token, { pan: 10, tilt: 10 });
    c.advance(1000);
    expect(ptz.state()).toMatchObject({ pan: 0.3, tilt: 0.2 });
    expect(ptz.listPresets().map((p) => p.name)).toEqual(['door']);
    ptz.removePreset(token);
    expect(() => ptz.gotoPreset(token)).toThrow(PtzError);
  });
});
