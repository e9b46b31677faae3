import { describe, expect, it } from 'vitest';
import { inWindow, localWeekMinute, ruleVerdict, withinHours } from './alarm-rules';
import { DEFAULT_RULE } from './contract/alarms';

// 2026-11-27 is a Friday. 15:30 UTC = 22:30 in Ho Chi Minh City (UTC+7).
const FRI_2230_HCM = Date.UTC(2026, 10, 27, 15, 30);

describe('weekly hours', () => {
  it('reads the day and minute in the console’s zone', () => {
    expect(localWeekMinute(FRI_2230_HCM, 'Asia/Ho_Chi_Minh')).toEqual({ day: 5, minute: 22 * 60 + 30 });
    expect(localWeekMinute(FRI_2230_HCM, 'UTC')).toEqual({ day: 5, minute: 15 * 60 + 30 });
  });

  it('a window past midnight belongs to the day it starts on', () => {
    const night = { days: [5], from: '22:00', to: '06:00' };
    expect(inWindow(night, 5, 22 * 60 + 30)).toBe(true); // Friday 22:30
    expect(inWindow(night, 6, 5 * 60)).toBe(true); // Saturday 05:00, still Friday's night
    expect(inWindow(night, 6, 6 * 60)).toBe(false);
    expect(inWindow(night, 5, 5 * 60)).toBe(false); // Friday 05:00 is Thursday's night
    expect(inWindow({ days: [1, 2, 3, 4, 5], from: '07:30', to: '17:00' }, 3, 17 * 60)).toBe(false);
    expect(inWindow({ days: [0], from: '00:00', to: '24:00' }, 0, 23 * 60 + 59)).toBe(true);
  });

  it('no hours means always; the rule decides kind and priority; health alarms ignore the hours', () => {
    expect(withinHours([], FRI_2230_HCM, 'Asia/Ho_Chi_Minh')).toBe(true);
    const rule = {
      kinds: ['motion', 'camera_offline'] as const,
      hours: [{ days: [1, 2, 3, 4, 5], from: '08:00', to: '17:00' }],
      priorities: { motion: 'high' as const },
    };
    const r = { ...rule, kinds: [...rule.kinds] };
    expect(ruleVerdict(r, 'motion', FRI_2230_HCM, 'Asia/Ho_Chi_Minh')).toBeNull(); // outside the hours
    expect(ruleVerdict(r, 'motion', FRI_2230_HCM, 'UTC')).toBe('high'); // 15:30 UTC on a Friday
    expect(ruleVerdict(r, 'tampering', FRI_2230_HCM, 'UTC')).toBeNull(); // kind not wanted
    expect(ruleVerdict(r, 'camera_offline', FRI_2230_HCM, 'Asia/Ho_Chi_Minh')).toBe('high');
    expect(ruleVerdict(DEFAULT_RULE, 'disk_full', FRI_2230_HCM, 'Asia/Ho_Chi_Minh')).toBe('critical');
  });
});
