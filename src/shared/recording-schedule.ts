// A weekly recording timetable, read in the console's time zone: "Monday 07:00–19:00" means 07:00 on
// the wall clock of the monitoring centre, summer time or not. Days are ISO (1 = Monday … 7 = Sunday).

export interface ScheduleSlot {
  day: number;
  /** 'HH:MM', inclusive. */
  from: string;
  /** 'HH:MM', exclusive; '24:00' is the end of the day. */
  to: string;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

export function minutesOf(hhmm: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}

/** The ISO weekday and minute of the day of an instant in a time zone. */
export function localWeekMinute(epochMs: number, timeZone: string): { day: number; minute: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  let day = 1;
  let hour = 0;
  let minute = 0;
  for (const p of f.formatToParts(epochMs)) {
    if (p.type === 'weekday') day = WEEKDAYS[p.value] ?? 1;
    else if (p.type === 'hour') hour = Number(p.value) % 24;
    else if (p.type === 'minute') minute = Number(p.value);
  }
  return { day, minute: hour * 60 + minute };
}

/** True when the instant falls in one of the slots. An empty timetable never records. */
export function scheduleActive(slots: readonly ScheduleSlot[], epochMs: number, timeZone: string): boolean {
  if (slots.length === 0) return false;
  const { day, minute } = localWeekMinute(epochMs, timeZone);
  return slots.some((s) => {
    const from = minutesOf(s.from);
    const to = minutesOf(s.to);
    return s.day === day && from !== null && to !== null && minute >= from && minute < to;
  });
}
