import { describe, expect, it } from 'vitest';
import type { LiveState } from '../media/live';
import { FrameRateWatch } from './frame-rate-watch';
import type { Observation } from './health-service';

const live = (since = 1000): LiveState => ({ state: 'live', since, codec: 'h264', sourceCodec: 'h264', transcoded: false, width: 1280, height: 720 });

function rig(configured: number | null = 25) {
  const seen: { cameraId: string; stream: string; o: Observation }[] = [];
  let rate = configured;
  const w = new FrameRateWatch({ configured: () => rate, observe: (cameraId, stream, o) => seen.push({ cameraId, stream, o }), now: () => 5000 });
  return { w, seen, setConfigured: (v: number | null) => (rate = v) };
}

const feed = (w: FrameRateWatch, fps: number, n: number, stream: 'main' | 'sub' = 'main') => {
  for (let i = 0; i < n; i++) w.sample('cam', stream, fps);
};

describe('frame rate watch', () => {
  it('a main stream below 70 % of its configured rate for 10 s is degraded (low_fps), once', () => {
    const { w, seen } = rig(25);
    w.state('cam', 'main', live());
    feed(w, 5, 9);
    expect(seen).toEqual([]); // not yet 10 s of samples
    feed(w, 5, 1);
    expect(seen).toEqual([{ cameraId: 'cam', stream: 'main', o: { state: 'degraded', reason: 'low_fps', since: 5000 } }]);
    feed(w, 5, 20);
    expect(seen).toHaveLength(1);
    expect(w.isLow('cam')).toBe(true);
  });

  it('a stream at its rate, or a short dip, is left alone', () => {
    const { w, seen } = rig(25);
    w.state('cam', 'main', live());
    feed(w, 25, 10);
    feed(w, 0, 2); // two seconds of nothing: the 10 s mean is 20 fps, above 17.5
    feed(w, 24.8, 10);
    expect(seen).toEqual([]);
  });

  it('clears once the rate is back above 80 %, with the live state it had', () => {
    const { w, seen } = rig(25);
    w.state('cam', 'main', live(1234));
    feed(w, 10, 10);
    feed(w, 19, 10); // 76 %: above the line it crossed, but not recovered yet
    expect(seen).toHaveLength(1);
    feed(w, 25, 10);
    expect(seen.at(-1)).toEqual({ cameraId: 'cam', stream: 'main', o: { state: 'live', since: 1234 } });
    expect(w.isLow('cam')).toBe(false);
  });

  it('judges nothing without a configured rate, on the sub stream, or when not live; a relay restart counts again', () => {
    const none = rig(null);
    none.w.state('cam', 'main', live());
    feed(none.w, 1, 30);
    expect(none.seen).toEqual([]);

    const { w, seen } = rig(25);
    w.state('cam', 'sub', live());
    feed(w, 1, 30, 'sub');
    feed(w, 1, 30); // main never went live
    expect(seen).toEqual([]);
    w.state('cam', 'main', live());
    feed(w, 1, 6);
    w.state('cam', 'main', { state: 'reconnecting', reason: 'timeout', attempt: 1, retryAt: 0 });
    w.state('cam', 'main', live());
    feed(w, 1, 6);
    expect(seen).toEqual([]);
  });

  it('a configured rate removed while degraded clears it', () => {
    const { w, seen, setConfigured } = rig(25);
    w.state('cam', 'main', live(7));
    feed(w, 3, 10);
    setConfigured(null);
    feed(w, 3, 1);
    expect(seen.map((s) => s.o.state)).toEqual(['degraded', 'live']);
  });
});
