// Wall-clock times in the console's zone, whatever zone the browser or machine is in: the clerk
// types "2025-03-03 07:30:00" meaning Ho Chi Minh City time, not the laptop's.

const parts = new Map<string, Intl.DateTimeFormat>();

function fmt(timeZone: string): Intl.DateTimeFormat {
  let f = parts.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    parts.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at an instant, in ms (Asia/Ho_Chi_Minh: +25 200 000). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const p = Object.fromEntries(
    fmt(timeZone)
      .formatToParts(epochMs)
      .map((x) => [x.type, x.value]),
  ) as Record<string, string>;
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour) % 24, Number(p.minute), Number(p.second));
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** "YYYY-MM-DDTHH:MM[:SS]" on the zone's wall clock → epoch ms; null when it is not such a text. */
export function zonedToUtc(wall: string, timeZone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(wall.trim());
  if (!m) return null;
  const naive = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  if (Number.isNaN(naive)) return null;
  // Two passes settle the offset even across a summer-time change.
  let guess = naive - zoneOffsetMs(naive, timeZone);
  guess = naive - zoneOffsetMs(guess, timeZone);
  return guess;
}

/** Epoch ms → "YYYY-MM-DDTHH:MM:SS" on the zone's wall clock (for datetime-local inputs). */
export function utcToZoned(epochMs: number, timeZone: string): string {
  const p = Object.fromEntries(
    fmt(timeZone)
      .formatToParts(epochMs)
      .map((x) => [x.type, x.value]),
  ) as Record<string, string>;
  return `${p.year}-${p.month}-${p.day}T${String(Number(p.hour) % 24).padStart(2, '0')}:${p.minute}:${p.second}`;
}
