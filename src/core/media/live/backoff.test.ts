import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, isOfflineNow, retryDelay } from './backoff';

const noJitter = { ...DEFAULT_BACKOFF, jitter: 0 };

describe('retry backoff', () => {
  it('doubles from 1 s to a 30 s ceiling for a dropped camera', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((n) => retryDelay('unreachable', n, noJitter))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });

  it('keeps retrying a refused password, but only every 30 s', () => {
    expect(retryDelay('auth_failed', 1, noJitter)).toBe(30000);
    expect(retryDelay('auth_failed', 9, noJitter)).toBe(30000);
  });

  it('reports a wrong password offline at once and a network drop as reconnecting at first', () => {
    expect(isOfflineNow('auth_failed', 1, noJitter)).toBe(true);
    expect(isOfflineNow('unreachable', 1, noJitter)).toBe(false);
    expect(isOfflineNow('unreachable', 6, noJitter)).toBe(true);
  });
});
