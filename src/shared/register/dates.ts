// Effective dates are calendar days (YYYY-MM-DD) in Vietnam's time (UTC+7 all year, no summer
// time): "from 1 July 2025 the wards are merged" means the same day for every console.
export const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The first day any record can have: "since before the register was kept". */
export const BEGINNING = '0001-01-01';

const VN_OFFSET_MS = 7 * 3600_000;

export function vietnamDay(ms: number = Date.now()): string {
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** Epoch ms of the end of a day in Vietnam (the first instant of the next day). */
export function endOfVietnamDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - VN_OFFSET_MS + 86_400_000;
}

export function isDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}
