import { describe, expect, it } from 'vitest';
import { makeTs, probeFrames } from '../testing/make-ts';
import { TsHub } from './hub';
import type { LiveSubscriber } from './types';

const ts = makeTs({ seconds: 6, gop: 25 }); // a keyframe every second

function feed(hub: TsHub, from: number, to: number, chunk = 8192) {
  for (let at = from; at < to; at += chunk) hub.push(ts.subarray(at, Math.min(to, at + chunk)));
}

describe('TsHub', () => {
  it('a viewer joining before any keyframe starts at the first keyframe, with PAT and PMT first', () => {
    const hub = new TsHub();
    feed(hub, 0, 188 * 3); // PAT, PMT and the start of the first frame
    const got: Buffer[] = [];
    hub.add({ data: (c) => got.push(c), state: () => {} });
    feed(hub, 188 * 3, ts.length);
    const all = Buffer.concat(got);
    expect(probeFrames(all, 2)[0]).toEqual({ key: true, pictType: 'I' });
  });

  it('skips a viewer that cannot keep up to the next keyframe instead of queueing for it', () => {
    const hub = new TsHub(100_000);
    let backlog = 0;
    const got: Buffer[] = [];
    const slow: LiveSubscriber = {
      data: (c) => {
        got.push(c);
        backlog += c.length;
      },
      state: () => {},
      backlog: () => backlog,
    };
    const fast: Buffer[] = [];
    hub.add(slow);
    hub.add({ data: (c) => fast.push(c), state: () => {} });
    feed(hub, 0, Math.floor(ts.length / 2));
    const slowBytes = got.reduce((n, c) => n + c.length, 0);
    expect(hub.counters.viewerDrops).toBeGreaterThan(0);
    // The slow viewer received about its bound, not everything.
    expect(slowBytes).toBeLessThan(fast.reduce((n, c) => n + c.length, 0));
    // It catches up: once it has drained, it resumes at a keyframe that decodes.
    backlog = 0;
    const before = got.length;
    feed(hub, Math.floor(ts.length / 2), ts.length);
    const resumed = Buffer.concat(got.slice(before));
    expect(probeFrames(resumed, 2)[0]).toEqual({ key: true, pictType: 'I' });
  });
});

describe('frame clocks', () => {
  it('sends each viewer the keyframe’s arrival before its bytes, also before a cached GOP', () => {
    let now = 1_000;
    const hub = new TsHub(undefined, undefined, () => now);
    const events: Array<['clock', number, number] | ['data', boolean]> = [];
    const early: LiveSubscriber = { data: () => events.push(['data', false]), state: () => {}, clock: (c) => events.push(['clock', c.pts, c.at]) };
    hub.add(early);
    feed(hub, 0, Math.floor(ts.length / 3));
    now = 2_000;
    const late: Array<{ pts: number; dts: number; at: number }> = [];
    let first: 'clock' | 'data' | null = null;
    hub.add({ data: () => (first ??= 'data'), state: () => {}, clock: (c) => ((first ??= 'clock'), late.push(c)) });
    expect(first).toBe('clock');
    const clocks = events.filter((e) => e[0] === 'clock');
    // One per keyframe so far (a keyframe every second of the 6 s test clip).
    expect(clocks.length).toBeGreaterThanOrEqual(1);
    expect(events[0]?.[0]).toBe('clock');
    // The cached GOP's anchor is the newest keyframe's: same PTS, arrival as the hub saw it.
    expect(late[0]!.pts).toBe(clocks[clocks.length - 1]![1]);
    expect(late[0]!.at).toBe(1_000);
    expect(late[0]!.dts).toBeLessThanOrEqual(late[0]!.pts);
    // PTS advance with the keyframes: 90 kHz × 1 s apart.
    if (clocks.length > 1) expect(clocks[1]![1] - clocks[0]![1]).toBe(90_000);
  });
});
