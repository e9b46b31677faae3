// i18n from the first string: Vietnamese and English. The system locale decides unless the
// console setting names a language; switching applies at once, without a reload.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_TIME_ZONE } from '../../shared/time-zone';
import en from './locales/en';
import vi from './locales/vi';
import registerEn from './locales/register.en';
import registerVi from './locales/register.vi';

export type Language = 'vi' | 'en';
export type LanguageSetting = Language | 'system';

export function systemLanguage(): Language {
  const langs = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const l of langs) {
    if (l.toLowerCase().startsWith('vi')) return 'vi';
    if (l.toLowerCase().startsWith('en')) return 'en';
  }
  return 'en';
}

export function resolveLanguage(setting: LanguageSetting): Language {
  return setting === 'system' ? systemLanguage() : setting;
}

export async function initI18n(): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: { ...en, register: registerEn } }, vi: { translation: { ...vi, register: registerVi } } },
    lng: localLanguage() ?? systemLanguage(),
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  document.documentElement.lang = i18next.language;
  return i18next;
}

const LOCAL_KEY = 'wf.language';

/** This browser's own choice (the sign-in screen's switch): wins over the console's setting. */
export function localLanguage(): Language | null {
  try {
    const v = localStorage.getItem(LOCAL_KEY);
    return v === 'vi' || v === 'en' ? v : null;
  } catch {
    return null;
  }
}

export function setLocalLanguage(lang: Language | null): void {
  try {
    if (lang) localStorage.setItem(LOCAL_KEY, lang);
    else localStorage.removeItem(LOCAL_KEY);
  } catch {
    // Storage refused (private mode): the choice lasts until reload.
  }
}

export async function applyLanguage(setting: LanguageSetting): Promise<void> {
  const lang = localLanguage() ?? resolveLanguage(setting);
  if (i18next.language !== lang) await i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Settings as the console uses them: a zone this browser's Intl does not know (an older core, a
 * hand-edited database) becomes the default zone, so no clock, label or file name can throw.
 */
export function usableSettings<S extends { timeZone: string }>(s: S): S {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: s.timeZone });
    return s;
  } catch {
    console.error(`Watchfloor: unknown time zone ${JSON.stringify(s.timeZone)}; showing ${DEFAULT_TIME_ZONE}`);
    return { ...s, timeZone: DEFAULT_TIME_ZONE };
  }
}

/**
 * A cached formatter for the zone, or for the default zone when `Intl` does not know it: a clock
 * must never throw (a bad zone once blanked the console, issue "Trust"), and building a formatter
 * every second for every tile is wasted work.
 */
function formatter(lang: Language, timeZone: string, options: Intl.DateTimeFormatOptions, kind: string): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone}|${kind}`;
  let f = formatters.get(key);
  if (!f) {
    const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
    try {
      f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    } catch {
      console.error(`Watchfloor: unknown time zone ${JSON.stringify(timeZone)}; showing ${DEFAULT_TIME_ZONE}`);
      f = new Intl.DateTimeFormat(locale, { ...options, timeZone: DEFAULT_TIME_ZONE });
    }
    formatters.set(key, f);
  }
  return f;
}

const DATE_TIME: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false };

/** The time zone dates are shown in: the setting, which defaults to Asia/Ho_Chi_Minh. */
export function formatDateTime(epochMs: number, lang: Language, timeZone: string, withMs = false): string {
  return withMs
    ? formatter(lang, timeZone, { ...DATE_TIME, fractionalSecondDigits: 3 }, 'datetime-ms').format(epochMs)
    : formatter(lang, timeZone, DATE_TIME, 'datetime').format(epochMs);
}

/** The time of day only (tiles): the status bar carries the date. */
export function formatTime(epochMs: number, lang: Language, timeZone: string): string {
  return formatter(lang, timeZone, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }, 'time').format(epochMs);
}

export function formatBytes(bytes: number, lang: Language): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 }).format(v)} ${units[u]}`;
}
