// Time zones: the console shows UTC timestamps in one configured zone (design.md, "Time"). A zone
// `Intl` does not know makes every DateTimeFormat throw a RangeError — before this check a stored
// `Not/AZone` blanked the console on every page for every client (issue "Trust": settings).

/** Where the console runs unless told otherwise (Ho Chi Minh City; design.md). */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

let known: Map<string, string> | null = null;

/** The engine's zone names by lower case (`asia/saigon` → `Asia/Saigon`). */
function knownZones(): Map<string, string> {
  if (!known) {
    const list = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    known = new Map([...list, 'UTC'].map((z) => [z.toLowerCase(), z]));
  }
  return known;
}

/**
 * The zone with its usual spelling (`asia/saigon` → `Asia/Saigon`, `utc` → `UTC`), or null when
 * `Intl` does not know it. The name the user chose is kept: resolvedOptions() would turn
 * `Asia/Ho_Chi_Minh` into `Asia/Saigon` on an older ICU (Node 20), which is the same zone but not
 * what the operator picked. An alias the engine does not list keeps the case it was typed in.
 */
export function canonicalTimeZone(zone: string): string | null {
  if (zone.length === 0 || zone.length > 64) return null;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  const lower = zone.toLowerCase();
  return knownZones().get(lower) ?? (resolved.toLowerCase() === lower ? resolved : zone);
}
