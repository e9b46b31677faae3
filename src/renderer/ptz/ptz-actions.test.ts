import { describe, expect, it } from 'vitest';
import { ActionRegistry } from '../actions/registry';
import { PTZ_ACTIONS, type PtzCtx } from './ptz-actions';
import { PtzDrive, type Velocity } from './ptz-drive';

const key = (k: Partial<KeyboardEvent>): KeyboardEvent =>
  ({ key: '', code: '', ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, repeat: false, target: null, ...k }) as KeyboardEvent;

function setup(canSteer = true) {
  const sent: string[] = [];
  const drive = new PtzDrive(
    {
      move: async (v: Velocity) => void sent.push(`move ${v.pan} ${v.tilt} ${v.zoom}`),
      hold: async () => true,
      stop: async () => void sent.push('stop'),
    },
    () => undefined,
  );
  let speed = 0.5;
  const ctx: PtzCtx = {
    drive,
    get speed() {
      return speed;
    },
    setSpeed: (s) => (speed = s),
    canSteer,
    home: () => sent.push('home'),
    stop: () => sent.push('stop button'),
    release: () => sent.push('release'),
    gotoPreset: (t) => sent.push(`preset ${t}`),
    savePreset: () => sent.push('save'),
    hasPresets: true,
    canRelease: true,
  };
  const r = new ActionRegistry();
  const off = r.add(PTZ_ACTIONS, ctx);
  return { r, sent, drive, ctx, off, speed: () => speed };
}

const tick = () => new Promise((res) => setTimeout(res, 0));

describe('PTZ actions', () => {
  it('steer with arrows, + and − held down, at the chosen speed, and stop on key-up', async () => {
    const { r, sent, drive } = setup();
    expect(r.keyDown(key({ key: 'ArrowRight', code: 'ArrowRight' }))).toBe(true);
    expect(r.keyDown(key({ key: '+', code: 'Equal', shiftKey: true }))).toBe(true);
    await tick();
    expect(sent).toEqual(['move 0.5 0 0', 'move 0.5 0 0.5']);
    r.keyUp(key({ key: 'ArrowRight', code: 'ArrowRight' }));
    r.keyUp(key({ key: '+', code: 'Equal' }));
    expect(r.keyDown(key({ key: '-', code: 'Minus' }))).toBe(true);
    r.releaseAll(); // a blur
    await tick();
    expect(sent.slice(2)).toEqual(['move 0 0 0.5', 'stop', 'move 0 0 -0.5', 'stop']);
    drive.dispose();
  });

  it('change speed with [ and ], and run presets and the joystick by name', async () => {
    const { r, sent, speed, drive } = setup();
    r.keyDown(key({ key: ']', code: 'BracketRight' }));
    expect(speed()).toBe(0.75);
    r.keyDown(key({ key: '[', code: 'BracketLeft' }));
    r.keyDown(key({ key: '[', code: 'BracketLeft' }));
    expect(speed()).toBe(0.25);
    expect(r.run('ptz.gotoPreset', '7')).toBe(true);
    expect(r.press('ptz.joystick', 'gamepad', { pan: 0.3, tilt: -0.6, zoom: 0 })).toBe(true);
    r.releaseHeld('gamepad');
    await tick();
    expect(sent).toEqual(['preset 7', 'move 0.3 -0.6 0', 'stop']);
    drive.dispose();
  });

  it('still go to the core while someone else holds the camera: the core refuses, and says who', async () => {
    const errors: unknown[] = [];
    const drive = new PtzDrive(
      { move: async () => Promise.reject(new Error('ptz_locked')), hold: async () => true, stop: async () => undefined },
      (err) => errors.push(err),
    );
    const { r, ctx, off } = setup(false);
    off();
    r.add(PTZ_ACTIONS, { ...ctx, drive });
    expect(r.keyDown(key({ key: 'ArrowLeft', code: 'ArrowLeft' }))).toBe(true);
    await tick();
    expect(errors).toHaveLength(1);
  });
});
