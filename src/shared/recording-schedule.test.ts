import { describe, expect, it } from 'vitest';
import { localWeekMinute, minutesOf, scheduleActive } from './recording-schedule';

describe('weekly recording timetable', () => {
  // 2025-03-03 is a Monday. 00:30 UTC is 07:30 in Ho Chi Minh City (UTC+7).
  const mondayMorningVn = Date.UTC(2025, 2, 3, 0, 30);

  it('reads the weekday and time on the console zone’s wall clock', () => {
    expect(localWeekMinute(mondayMorningVn, 'Asia/Ho_Chi_Minh')).toEqual({ day: 1, minute: 7 * 60 + 30 });
    // The same instant is still Sunday evening in New York.
    expect(localWeekMinute(mondayMorningVn, 'America/New_York').day).toBe(7);
  });

  it('records inside a slot and not outside it; an empty timetable never records', () => {
    const slots = [{ day: 1, from: '07:00', to: '19:00' }];
    expect(scheduleActive(slots, mondayMorningVn, 'Asia/Ho_Chi_Minh')).toBe(true);
    expect(scheduleActive(slots, mondayMorningVn - 3600_000, 'Asia/Ho_Chi_Minh')).toBe(false);
    expect(scheduleActive(slots, mondayMorningVn, 'UTC')).toBe(false);
    expect(scheduleActive([], mondayMorningVn, 'UTC')).toBe(false);
  });

  it('takes 24:00 as the end of the day and refuses malformed times', () => {
    expect(minutesOf('24:00')).toBe(1440);
    expect(minutesOf('24:01')).toBeNull();
    expect(minutesOf('7:00')).toBeNull();
    const lateMonday = Date.UTC(2025, 2, 3, 16, 59); // 23:59 in Ho Chi Minh City
    expect(scheduleActive([{ day: 1, from: '20:00', to: '24:00' }], lateMonday, 'Asia/Ho_Chi_Minh')).toBe(true);
  });
});
