import { describe, expect, it } from 'vitest';
import { utcToZoned, zonedToUtc, zoneOffsetMs } from './zoned-time';

describe('wall-clock times in the console zone', () => {
  it('reads a typed date and time in Ho Chi Minh City, whatever the machine’s zone', () => {
    expect(zonedToUtc('2025-03-03T07:30:00', 'Asia/Ho_Chi_Minh')).toBe(Date.UTC(2025, 2, 3, 0, 30));
    expect(zonedToUtc('2025-03-03 07:30', 'Asia/Ho_Chi_Minh')).toBe(Date.UTC(2025, 2, 3, 0, 30));
    expect(utcToZoned(Date.UTC(2025, 2, 3, 0, 30), 'Asia/Ho_Chi_Minh')).toBe('2025-03-03T07:30:00');
    expect(zoneOffsetMs(Date.UTC(2025, 2, 3), 'Asia/Ho_Chi_Minh')).toBe(7 * 3600_000);
  });

  it('follows summer time where there is one, and refuses what is not a date and time', () => {
    expect(zonedToUtc('2025-07-01T12:00:00', 'Europe/Paris')).toBe(Date.UTC(2025, 6, 1, 10));
    expect(zonedToUtc('2025-01-01T12:00:00', 'Europe/Paris')).toBe(Date.UTC(2025, 0, 1, 11));
    expect(zonedToUtc('03/03/2025 7:30', 'Asia/Ho_Chi_Minh')).toBeNull();
  });
});
