// Time zones as people name them: by city, in the officer's language, with the offset. The IANA
// id (Asia/Ho_Chi_Minh) is for the machine; "TP. Hồ Chí Minh (GMT+7)" is for the person.
import type { Language } from './index';

/** Cities a Vietnamese centre is likely to need, with their names in both languages. */
const CITIES: Record<string, { vi: string; en: string }> = {
  'Asia/Ho_Chi_Minh': { vi: 'TP. Hồ Chí Minh, Hà Nội', en: 'Ho Chi Minh City, Hanoi' },
  'Asia/Bangkok': { vi: 'Băng Cốc', en: 'Bangkok' },
  'Asia/Vientiane': { vi: 'Viêng Chăn', en: 'Vientiane' },
  'Asia/Phnom_Penh': { vi: 'Phnôm Pênh', en: 'Phnom Penh' },
  'Asia/Jakarta': { vi: 'Gia-các-ta', en: 'Jakarta' },
  'Asia/Yangon': { vi: 'Yangon', en: 'Yangon' },
  'Asia/Singapore': { vi: 'Xin-ga-po', en: 'Singapore' },
  'Asia/Kuala_Lumpur': { vi: 'Kuala Lumpur', en: 'Kuala Lumpur' },
  'Asia/Manila': { vi: 'Ma-ni-la', en: 'Manila' },
  'Asia/Shanghai': { vi: 'Bắc Kinh, Thượng Hải', en: 'Beijing, Shanghai' },
  'Asia/Hong_Kong': { vi: 'Hồng Kông', en: 'Hong Kong' },
  'Asia/Taipei': { vi: 'Đài Bắc', en: 'Taipei' },
  'Asia/Seoul': { vi: 'Xơ-un', en: 'Seoul' },
  'Asia/Tokyo': { vi: 'Tô-ki-ô', en: 'Tokyo' },
  'Asia/Kolkata': { vi: 'Niu Đê-li', en: 'New Delhi' },
  'Asia/Dubai': { vi: 'Đu-bai', en: 'Dubai' },
  'Europe/Moscow': { vi: 'Mát-xcơ-va', en: 'Moscow' },
  'Europe/Berlin': { vi: 'Béc-lin', en: 'Berlin' },
  'Europe/Paris': { vi: 'Pa-ri', en: 'Paris' },
  'Europe/London': { vi: 'Luân Đôn', en: 'London' },
  'America/New_York': { vi: 'Niu Oóc', en: 'New York' },
  'America/Los_Angeles': { vi: 'Lốt An-giơ-lét', en: 'Los Angeles' },
  'Australia/Sydney': { vi: 'Xít-ni', en: 'Sydney' },
  UTC: { vi: 'Giờ phối hợp quốc tế (UTC)', en: 'Coordinated Universal Time (UTC)' },
};

export const COMMON_ZONES = Object.keys(CITIES);

export function cityName(zone: string, lang: Language): string {
  const known = CITIES[zone];
  if (known) return known[lang];
  const last = zone.split('/').pop() ?? zone;
  return last.replace(/_/g, ' ');
}

/** One formatter per zone: the console clock asks every second, and making one costs a millisecond. */
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** "GMT+7", "GMT-3:30", "GMT" for the zone at that moment (summer time differs). */
export function zoneOffset(zone: string, at = Date.now()): string {
  try {
    let format = offsetFormats.get(zone);
    if (!format) offsetFormats.set(zone, (format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'shortOffset' })));
    const part = format.formatToParts(at).find((p) => p.type === 'timeZoneName');
    return part?.value ?? zone;
  } catch {
    return zone;
  }
}

/** Minutes east of UTC, for ordering a list by offset. */
function offsetMinutes(zone: string, at: number): number {
  const m = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(zoneOffset(zone, at));
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
}

export function zoneLabel(zone: string, lang: Language, at = Date.now()): string {
  return `${cityName(zone, lang)} (${zoneOffset(zone, at)})`;
}

/** Every zone the runtime knows, ordered by offset then city, the common ones first. */
export function zoneOptions(lang: Language, at = Date.now()): { common: { id: string; label: string }[]; all: { id: string; label: string }[] } {
  const collator = new Intl.Collator(lang === 'vi' ? 'vi' : 'en');
  const toOption = (id: string) => ({ id, label: zoneLabel(id, lang, at), off: offsetMinutes(id, at), city: cityName(id, lang) });
  const order = (a: ReturnType<typeof toOption>, b: ReturnType<typeof toOption>) => a.off - b.off || collator.compare(a.city, b.city);
  const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const rest = supported.filter((z) => !CITIES[z]);
  const strip = ({ id, label }: { id: string; label: string }) => ({ id, label });
  return { common: COMMON_ZONES.map(toOption).sort(order).map(strip), all: rest.map(toOption).sort(order).map(strip) };
}
