import { describe, expect, it } from 'vitest';
import { customFrom, SPAN_MS, windowRange } from './incident-window';

const NOW = Date.UTC(2026, 10, 28, 3, 0);

describe('the map’s incident window', () => {
  it('moves the last 24 hours, 7 days and 30 days with the clock', () => {
    expect(windowRange({ kind: 'day' }, NOW)).toEqual([NOW - 24 * 3600_000, NOW]);
    expect(windowRange({ kind: 'week' }, NOW + 5000)).toEqual([NOW + 5000 - 7 * 24 * 3600_000, NOW + 5000]);
    expect(windowRange({ kind: 'month' }, NOW)[0]).toBe(NOW - SPAN_MS.month);
  });

  it('keeps a chosen range fixed, and starts it as the span shown until then', () => {
    const custom = customFrom({ kind: 'day' }, NOW);
    expect(custom).toEqual({ kind: 'custom', from: NOW - SPAN_MS.day, to: NOW });
    expect(windowRange(custom, NOW + 3600_000)).toEqual([NOW - SPAN_MS.day, NOW]);
    expect(customFrom(custom, NOW + 1)).toBe(custom);
  });
});
