// Free text shortened to the width of its column, ending in "…", before it is drawn. CSS does
// this with `overflow: hidden` and `text-overflow: ellipsis`, but each such cell is a clip
// Chromium tracks in every frame of a scroll: three per row of the camera table, measured at a
// tenth of the main thread's work while the table scrolls. Text measured on a canvas needs none.

export const ELLIPSIS = '…';

/** The width of a text as it would be drawn, in the same unit as the widths it is fitted to. */
export type Measure = (text: string) => number;

/** Where a text may be cut: not inside a letter and its marks (NFD Vietnamese), nor a surrogate pair. */
function cutPoints(text: string): number[] {
  const points: number[] = [];
  for (let i = 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff) continue;
    if (/\p{M}/u.test(text[i]!)) continue;
    points.push(i);
  }
  return points;
}

/**
 * The text as it fits in `width`: whole when it fits, else its longest start (cut between what a
 * reader sees as letters, spaces before the cut dropped) with "…" after it; just "…" when not even
 * one letter fits.
 */
export function fitText(text: string, width: number, measure: Measure): { text: string; cut: boolean } {
  if (measure(text) <= width) return { text, cut: false };
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
 * A canvas measure for one font, its widths remembered: the same area and point names come up in
 * row after row. Bounded, so a long session's scrolling does not keep every name it passed.
 */
export function canvasMeasure(font: string, scale: number): Measure | null {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return null;
  ctx.font = font;
  const known = new Map<string, number>();
  return (text) => {
    let w = known.get(text);
    if (w === undefined) {
      if (known.size > 20_000) known.clear();
      known.set(text, (w = ctx.measureText(text).width * scale));
    }
    return w;
  };
}
