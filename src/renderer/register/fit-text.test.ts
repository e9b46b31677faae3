import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ELLIPSIS, fitText, type Measure } from './fit-text';

// A proportional font of sorts: wide letters, narrow ones. Marks, skin tones and a lone half of a
// surrogate pair are narrow, so that a cut inside a letter would always look like it fits better.
const measure: Measure = (text) => {
  let w = 0;
  for (const ch of text) {
    const lone = ch.length === 1 && ch.charCodeAt(0) >= 0xd800 && ch.charCodeAt(0) <= 0xdfff;
    w += /\p{M}/u.test(ch) || /[\u{1F3FB}-\u{1F3FF}]/u.test(ch) || lone ? 1 : /[mwMW]/.test(ch) ? 12 : /[il .,]/.test(ch) ? 4 : 8;
  }
  return w;
};
const graphemes = (s: string) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)].map((g) => g.segment);

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

  it('never cuts an emoji from its skin tone, nor a pair of surrogates apart', () => {
    for (let width = 10; width < 60; width++) {
      const r = fitText('👍🏽👍🏽👍🏽👍🏽👍🏽', width, measure);
      const kept = r.cut ? r.text.slice(0, -ELLIPSIS.length) : r.text;
      expect(
        graphemes(kept).every((g) => g === '👍🏽'),
        `${width}: ${kept}`,
      ).toBe(true);
    }
  });

  it('measures spaces as the cell draws them: runs as one, none at the ends', () => {
    expect(fitText('  Chợ   Bến Thành ', 200, measure)).toEqual({ text: 'Chợ Bến Thành', cut: false });
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

  it('takes any text, however odd (control characters, lone surrogates, long runs), and never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.integer({ min: -10, max: 400 }), (raw, width) => {
        const { text, cut } = fitText(raw, width, measure);
        if (cut) expect(text.endsWith(ELLIPSIS)).toBe(true);
        else expect(measure(text)).toBeLessThanOrEqual(width);
      }),
    );
  });

  it('always fits, is the longest start that does, and is the whole text when that fits', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'm', 'i', ' ', 'ệ', 'e\u0302\u0323', 'Đ', '😀', '👍🏽'), maxLength: 40 }),
        fc.integer({ min: 12, max: 300 }),
        (raw, width) => {
          const { text, cut } = fitText(raw, width, measure);
          // Spaces as the cell draws them.
          const s = raw.replace(/\s+/g, ' ').trim();
          if (!cut) {
            expect(text).toBe(s);
            expect(measure(s)).toBeLessThanOrEqual(width);
            return;
          }
          expect(measure(s)).toBeGreaterThan(width);
          expect(measure(text)).toBeLessThanOrEqual(width);
          const kept = text.slice(0, -ELLIPSIS.length);
          expect(s.startsWith(kept)).toBe(true);
          // Cut between letters: the kept start is whole letters of the text.
          expect(graphemes(s).slice(0, graphemes(kept).length).join('')).toBe(kept);
          // One more letter (and the spaces before it) would not fit.
          const rest = graphemes(s.slice(kept.length));
          const more = (kept + rest.slice(0, rest.findIndex((g) => g.trim() !== '') + 1).join('')).trimEnd();
          if (more.length > kept.length) expect(measure(more + ELLIPSIS)).toBeGreaterThan(width);
        },
      ),
    );
  });
});
