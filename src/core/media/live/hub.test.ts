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
