// The words a refused request turns into, in both languages, through the real locale files.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../i18n/locales/en';
import vi from '../i18n/locales/vi';
import { ApiError, errorText } from './client';

let t: (lang: 'en' | 'vi') => (key: string, params?: Record<string, unknown>) => string;

beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { en: { translation: en }, vi: { translation: vi } }, lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false } });
  t = (lang) => i18n.getFixedT(lang) as unknown as (key: string, params?: Record<string, unknown>) => string;
});

const bad = (params: Record<string, string | number>) => new ApiError({ code: 'bad_request', params });

describe('validation errors', () => {
  it('name the field in the user’s language and say what is wrong, never the raw field', () => {
    const dwell = bad({ method: 'settings.update', field: 'tourDwellSeconds', problem: 'too_big', maximum: 3600, origin: 'number' });
    expect(errorText(t('en'), dwell)).toBe('Tour dwell time may be at most 3600.');
    expect(errorText(t('vi'), dwell)).toBe('Thời gian mỗi bước tuần tra tối đa là 3600.');
    const name = bad({ method: 'views.save', field: 'name', problem: 'too_small', minimum: 1, origin: 'string' });
    expect(errorText(t('en'), name)).toBe('Name is required.');
    expect(errorText(t('vi'), name)).toBe('Tên chưa được nhập.');
    const steps = bad({ method: 'tours.save', field: 'steps', problem: 'too_small', minimum: 1, origin: 'array' });
    expect(errorText(t('en'), steps)).toBe('Steps must have at least 1.');
  });

  it('say "a value" for a field without a name of its own, and nothing raw for a nested path', () => {
    const text = errorText(t('en'), bad({ field: 'state.tiles.3.cameraId', problem: 'invalid_type' }));
    expect(text).toBe('A value is missing or not the right kind of value.');
    expect(text).not.toMatch(/cameraId|tiles/);
  });
});
