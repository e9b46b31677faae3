// <input type="datetime-local"> speaks the browser's wall clock; the console shows times in its own
// zone (Asia/Ho_Chi_Minh by default), which need not be the browser's. These convert both ways.

function parts(ms: number, timeZone: string): Record<string, number> {
  let f: Intl.DateTimeFormat;
  try {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
  } catch {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: 'Asia/Ho_Chi_Minh',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
  }
  return Object.fromEntries(
    f
      .formatToParts(ms)
      .filter((p) => p.type !== 'literal')
      .map((p) => [p.type, Number(p.value)]),
  );
}

/** The zone's offset from UTC at `ms`, in ms. */
function offset(ms: number, timeZone: string): number {
  const p = parts(ms, timeZone);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(ms / 1000) * 1000;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DDTHH:mm' of `ms` in `timeZone`, for a datetime-local input. */
export function toZonedInput(ms: number, timeZone: string): string {
  const p = parts(ms, timeZone);
  return `${p.year}-${pad(p.month!)}-${pad(p.day!)}T${pad(p.hour!)}:${pad(p.minute!)}`;
}

/** The instant a datetime-local value names in `timeZone`, or null when it is not a full value. */
export function fromZonedInput(value: string, timeZone: string): number | null {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)/.exec(value);
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  const first = wall - offset(wall, timeZone);
  // Once more at the answer: a zone whose offset changed in between (summer time) lands right.
  return wall - offset(first, timeZone);
}
