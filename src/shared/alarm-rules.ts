// Whether an alarm counts, by the camera's rule: its kind wanted, inside the rule's weekly hours
// (in the console's time zone), at the rule's priority. Pure, so the rule editor can say "active
// now" with the same answer the core gives.
import { DEFAULT_PRIORITY, type AlarmKind, type AlarmPriority, type AlarmRule, type WeeklyWindow } from './contract/alarms';

const DAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Day of the week (0 = Sunday) and minute of the day at `ms` in `timeZone`. */
export function localWeekMinute(ms: number, timeZone: string): { day: number; minute: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    } catch {
      f = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Ho_Chi_Minh', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    }
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(ms).map((p) => [p.type, p.value]));
  return { day: DAYS[parts.weekday ?? 'Sun'] ?? 0, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Inside a window; one whose end is not after its start runs past midnight into the next day. */
export function inWindow(w: WeeklyWindow, day: number, minute: number): boolean {
  const from = minutes(w.from);
  const to = minutes(w.to);
  if (to > from) return w.days.includes(day) && minute >= from && minute < to;
  const yesterday = (day + 6) % 7;
  return (w.days.includes(day) && minute >= from) || (w.days.includes(yesterday) && minute < to);
}

export function withinHours(hours: readonly WeeklyWindow[], ms: number, timeZone: string): boolean {
  if (hours.length === 0) return true;
  const { day, minute } = localWeekMinute(ms, timeZone);
  return hours.some((w) => inWindow(w, day, minute));
}

/** The priority an alarm gets, or null when the rule drops it. */
export function ruleVerdict(rule: AlarmRule, kind: AlarmKind, ms: number, timeZone: string): AlarmPriority | null {
  if (!rule.kinds.includes(kind)) return null;
  // Camera health and the recorder are not for the weekly hours to silence: a dead camera at 3 am
  // is still dead. The hours shape motion, tampering and video loss.
  const shaped = kind === 'motion' || kind === 'tampering' || kind === 'video_loss';
  if (shaped && !withinHours(rule.hours, ms, timeZone)) return null;
  return rule.priorities[kind] ?? DEFAULT_PRIORITY[kind];
}
