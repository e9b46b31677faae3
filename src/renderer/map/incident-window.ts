// Which incidents the map shows: those of the last 24 hours, 7 days or 30 days (moving with the
// clock), or of a fixed range the officer chose in the centre's time zone.
export type IncidentSpan = 'day' | 'week' | 'month';
export type IncidentWindow = { kind: IncidentSpan } | { kind: 'custom'; from: number; to: number };

const HOUR = 3600_000;
export const SPAN_MS: Record<IncidentSpan, number> = { day: 24 * HOUR, week: 7 * 24 * HOUR, month: 30 * 24 * HOUR };
export const DEFAULT_WINDOW: IncidentWindow = { kind: 'week' };

/** [from, to) in UTC ms at `now`. */
export function windowRange(w: IncidentWindow, now: number): [number, number] {
  return w.kind === 'custom' ? [w.from, w.to] : [now - SPAN_MS[w.kind], now];
}

/** A custom range starts as the last span shown, so switching to it changes nothing until edited. */
export function customFrom(w: IncidentWindow, now: number): IncidentWindow {
  if (w.kind === 'custom') return w;
  const [from, to] = windowRange(w, now);
  return { kind: 'custom', from, to };
}
