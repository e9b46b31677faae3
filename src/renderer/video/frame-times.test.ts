import { describe, expect, it } from 'vitest';
import { FrameTimes } from './frame-times';

describe('frame times', () => {
  it('maps a presented frame to its keyframe’s arrival plus the PTS difference', () => {
    const f = new FrameTimes();
    // The first anchor's DTS is the media timeline's zero (mpegts.js's dtsBase).
    f.anchor({ pts: 900_000, dts: 900_000, at: 1_700_000_000_000, source: 'arrival' });
    expect(f.timeOf(0)).toEqual({ time: 1_700_000_000_000, source: 'arrival' });
    expect(f.timeOf(0.4)).toEqual({ time: 1_700_000_000_400, source: 'arrival' });
    // The next keyframe arrived 30 ms later than its PTS says: frames after it follow it.
    f.anchor({ pts: 900_000 + 180_000, dts: 900_000 + 180_000, at: 1_700_000_002_030, source: 'arrival' });
    expect(f.timeOf(1.96).time).toBe(1_700_000_001_960);
    expect(f.timeOf(2.04).time).toBe(1_700_000_002_070);
  });

  it('knows no time before an anchor, and none across an absurd gap', () => {
    const f = new FrameTimes();
    expect(f.timeOf(1)).toEqual({ time: null, source: null });
    f.anchor({ pts: 90_000, dts: 90_000, at: 5_000, source: 'arrival' });
    expect(f.timeOf(600).time).toBeNull();
  });

  it('starts again from the next keyframe after a restart', () => {
    const f = new FrameTimes();
    f.anchor({ pts: 90_000, dts: 90_000, at: 5_000, source: 'arrival' });
    f.restart();
    f.anchor({ pts: 9_000_000, dts: 9_000_000, at: 70_000, source: 'arrival' });
    expect(f.timeOf(0.5).time).toBe(70_500);
  });
});
