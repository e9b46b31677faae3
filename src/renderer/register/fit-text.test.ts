import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ELLIPSIS, fitText, type Measure } from './fit-text';

// A proportional font of sorts: wide letters, narrow ones, marks that take no room.
const measure: Measure = (text) => {
  let w = 0;
  for (const ch of text) w += /\p{M}/u.test(ch) ? 0 : /[mwMW]/.test(ch) ? 12 : /[il .,]/.test(ch) ? 4 : 8;
  return w;
};

describe('fitting free text to its column', () => {
  it('keeps a text that fits as it is', () => {
    expect(fitText('Lê Lợi 1', 200, measure)).toEqual({ text: 'Lê Lợi 1', cut: false });
    expect(fitText('', 0, measure)).toEqual({ text: '', cut: false });
  });

  it('cuts a long text to the longest start that fits, with "…"', () => {
    const r = fitText('Ngã tư Hàm Nghi - Tôn Đức Thắng', 100, measure);
    expect(r.cut).toBe(true);
    expect(r.text.endsWith(ELLIPSIS)).toBe(true);
    expect(measure(r.text)).toBeLessThanOrEqual(100);
    expect(r.text).toBe('Ngã tư Hàm N…');
  });

  it('never cuts a letter from its marks (decomposed Vietnamese)', () => {
    const nfd = 'Hàm Nghi Đồng Khởi'.normalize('NFD');
    for (let width = 10; width < measure(nfd); width += 3) {
      const { text } = fitText(nfd, width, measure);
      const kept = text.slice(0, -1);
      // The kept start, composed, is a start of the composed name: no mark left behind or split off.
      expect('Hàm Nghi Đồng Khởi'.startsWith(kept.normalize('NFC'))).toBe(true);
    }
  });

  it('drops the spaces before the "…" and says only "…" when nothing else fits', () => {
    expect(fitText('Chợ Bến Thành', 40, measure).text).toBe('Chợ…');
    expect(fitText('Mmmmm', 10, measure).text).toBe(ELLIPSIS);
  });

  it('trusts a quick upper bound that says a text fits, and measures when it does not', () => {
    const shaped: string[] = [];
    const counting: Measure = (t) => {
      shaped.push(t);
      return measure(t);
    };
    const atMost: Measure = (t) => measure(t) * 1.05 + 4;
    expect(fitText('Chợ Bến Thành', 200, counting, atMost)).toEqual({ text: 'Chợ Bến Thành', cut: false });
    expect(shaped).toEqual([]);
    // Near the edge the bound is not enough: measured, and whole since it fits.
    expect(fitText('Chợ Bến Thành', measure('Chợ Bến Thành'), counting, atMost)).toEqual({ text: 'Chợ Bến Thành', cut: false });
    expect(shaped).toEqual(['Chợ Bến Thành']);
  });

  it('always fits, is the longest start that does, and is the whole text when that fits', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'm', 'i', ' ', 'ệ', 'e\u0302\u0323', 'Đ', '😀'), maxLength: 40 }),
        fc.integer({ min: 12, max: 300 }),
        (s, width) => {
          const { text, cut } = fitText(s, width, measure);
          if (!cut) {
            expect(text).toBe(s);
            expect(measure(s)).toBeLessThanOrEqual(width);
            return;
          }
          expect(measure(s)).toBeGreaterThan(width);
          expect(measure(text)).toBeLessThanOrEqual(width);
          const kept = text.slice(0, -ELLIPSIS.length);
          expect(s.startsWith(kept)).toBe(true);
          // One more letter (with its marks) would not fit.
          const rest = s.slice(kept.length).match(/^\s*[^\p{M}][\p{M}]*/u)?.[0];
          if (rest) expect(measure((kept + rest).trimEnd() + ELLIPSIS)).toBeGreaterThan(width);
        },
      ),
    );
  });
});
