// Every error code and validation problem the core can send has a sentence in both languages.
import { describe, expect, it } from 'vitest';
import { VALIDATION_PROBLEMS } from '../../shared/contract/problems';
import { ERROR_CODES } from '../../shared/errors';
import en from './locales/en';
import vi from './locales/vi';

describe('locales', () => {
  it('translate every error code and every validation problem, in English and Vietnamese', () => {
    for (const [name, m] of [
      ['en', en],
      ['vi', vi],
    ] as const) {
      for (const code of ERROR_CODES) expect(m.errors[code], `${name} errors.${code}`).toBeTruthy();
      for (const p of VALIDATION_PROBLEMS) expect((m.problems as Record<string, string>)[p], `${name} problems.${p}`).toBeTruthy();
    }
    // Vietnamese text is written with its diacritics.
    expect(vi.errors.outcome_unknown).toMatch(/[ăâđêôơư]/);
  });
});
