// Free text shortened to the width of its column, ending in "…", before it is drawn. CSS does
// this with `overflow: hidden` and `text-overflow: ellipsis`, but each such cell is a clip
// Chromium tracks in every frame of a scroll (three per row of the camera table: without them the
// scroll's main-thread work measured 4–6 % less). Text measured on a canvas needs none.

export const ELLIPSIS = '…';

/** The width of a text as it would be drawn, in the same unit as the widths it is fitted to. */
export type Measure = (text: string) => number;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Where a text may be cut: between what a reader sees as one letter (a letter and its marks, as
 * decomposed Vietnamese writes them; an emoji with its skin tone or joined parts).
 */
function cutPoints(text: string): number[] {
  const points: number[] = [];
  for (const g of graphemes.segment(text)) if (g.index > 0) points.push(g.index);
  return points;
}

/**
 * The text as it fits in `width`: whole when it fits, else its longest start (cut between what a
 * reader sees as letters, spaces before the cut dropped) with "…" after it; just "…" when not even
 * one letter fits.
 */
export function fitText(text: string, width: number, measure: Measure, atMost?: Measure): { text: string; cut: boolean } {
  // Spaces as the cell draws them (runs collapsed, none at the ends), so they are measured so too.
  text = text.replace(/\s+/g, ' ').trim();
  // Most texts are well short of their column: a cheap upper bound says so without shaping them.
  if ((atMost && atMost(text) <= width) || measure(text) <= width) return { text, cut: false };
  const points = cutPoints(text);
  const at = (k: number) => text.slice(0, points[k]).trimEnd() + ELLIPSIS;
  // The widths of the starts grow with their length: the longest that fits, by halving.
  let lo = -1;
  let hi = points.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (measure(at(mid)) <= width) lo = mid;
    else hi = mid;
  }
  return { text: lo < 0 ? ELLIPSIS : at(lo), cut: true };
}

/**
 * Measures for one font on a canvas: `measure` shapes the text as the page does (its widths
 * remembered: the same area and point names come up in row after row; bounded, so a long session's
 * scrolling does not keep every name it passed); `atMost` adds up its letters' widths, each
 * measured once, with room to spare for what shaping changes (kerning pairs, marks), to tell
 * that a text fits without shaping it.
 */
export function canvasMeasure(font: string): { measure: Measure; atMost: Measure } | null {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return null;
  ctx.font = font;
  const known = new Map<string, number>();
  const letters = new Map<string, number>();
  return {
    measure(text) {
      let w = known.get(text);
      if (w === undefined) {
        if (known.size > 20_000) known.clear();
        known.set(text, (w = ctx.measureText(text).width));
      }
      return w;
    },
    atMost(text) {
      let sum = 0;
      for (const ch of text) {
        let w = letters.get(ch);
        if (w === undefined) letters.set(ch, (w = ctx.measureText(ch).width));
        sum += w;
      }
      return sum * 1.05 + 4;
    },
  };
}
