import { describe, expect, it, vi } from 'vitest';
import { formatDateTime, formatTime } from './index';

describe('clock formatting', () => {
  it('never throws on a zone Intl does not know: it shows the default zone instead', () => {
    const at = Date.UTC(2026, 2, 1, 1, 2, 3); // 08:02:03 in Ho Chi Minh City
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(formatTime(at, 'en', 'Not/AZone')).toBe('08:02:03');
    expect(formatDateTime(at, 'vi', 'Not/AZone')).toContain('08:02:03');
    expect(err).toHaveBeenCalled();
    err.mockRestore();
  });

  it('formats in the zone it is given', () => {
    const at = Date.UTC(2026, 2, 1, 1, 2, 3);
    expect(formatTime(at, 'en', 'UTC')).toBe('01:02:03');
    expect(formatDateTime(at, 'en', 'Asia/Bangkok', true)).toBe('01/03/2026, 08:02:03.000');
  });
});
