import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PtzDrive, scaled, type DriveApi, type Velocity } from './ptz-drive';

let calls: string[];
let holdAnswer: boolean;
const api: DriveApi = {
  move: async (v: Velocity) => void calls.push(`move ${v.pan} ${v.tilt} ${v.zoom}`),
  hold: async () => (calls.push('hold'), holdAnswer),
  stop: async () => void calls.push('stop'),
};
const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
  calls = [];
  holdAnswer = true;
});
afterEach(() => vi.useRealTimers());

describe('PtzDrive', () => {
  it('sends the sum of what is held, keeps it alive, and stops when the last source lets go', async () => {
    const d = new PtzDrive(api, () => undefined);
    d.press('key:ArrowLeft', scaled('left', 0.5));
    d.press('key:ArrowUp', scaled('up', 0.5));
    d.press('key:ArrowUp', scaled('up', 0.5)); // auto-repeat changes nothing
    await flush();
    expect(calls).toEqual(['move -0.5 0 0', 'move -0.5 0.5 0']);
    await vi.advanceTimersByTimeAsync(600);
    expect(calls.filter((c) => c === 'hold')).toHaveLength(2);
    d.release('key:ArrowLeft');
    d.release('key:ArrowUp');
    await flush();
    expect(calls.slice(-2)).toEqual(['move 0 0.5 0', 'stop']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls.at(-1)).toBe('stop'); // no holds once stopped
  });

  it('clamps a joystick and a button together, and stops everything on releaseAll', async () => {
    const d = new PtzDrive(api, () => undefined);
    d.press('joystick', { pan: 0.8, tilt: 0, zoom: 0 });
    d.press('button', scaled('right', 1));
    d.releaseAll();
    await flush();
    expect(calls).toEqual(['move 0.8 0 0', 'move 1 0 0', 'stop']);
  });

  it('gives up when the core says the move is no longer ours', async () => {
    const lost = vi.fn();
    const d = new PtzDrive(api, () => undefined, lost);
    d.press('key', scaled('zoomIn', 1));
    holdAnswer = false;
    await vi.advanceTimersByTimeAsync(300);
    expect(lost).toHaveBeenCalledOnce();
    expect(d.moving).toBe(false);
    d.release('key');
    await flush();
    expect(calls).not.toContain('stop');
  });

  it('reports a refused move and forgets it', async () => {
    const onError = vi.fn();
    const refusing: DriveApi = { ...api, move: async () => Promise.reject(new Error('ptz_locked')) };
    const d = new PtzDrive(refusing, onError);
    d.press('key', scaled('down', 1));
    await flush();
    expect(onError).toHaveBeenCalledOnce();
    expect(d.moving).toBe(false);
    await vi.advanceTimersByTimeAsync(600);
    expect(calls).toEqual([]);
  });
});
