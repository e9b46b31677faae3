import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowsToDraw } from './row-budget';

const idAt = (arrived: (i: number) => boolean) => (i: number) => (arrived(i) ? `c${i}` : undefined);

describe('rows drawn per frame', () => {
  it('brings a page that arrived after a jump in over a few frames, the rows in view first, and never takes a drawn row away', () => {
    // 42 rows held (8 above the view, 26 in view, 8 below), none drawn yet: a page has just arrived.
    const view = { from: 1008, to: 1034 };
    const opts = { first: 1000, last: 1042, inViewFrom: view.from, inViewTo: view.to, idAt: idAt(() => true), budget: 12 };
    // The frame before showed rows far above (the jump).
    let wasInView = { from: 40, to: 66 };
    let drawn = new Set<string>();
    const frames: number[][] = [];
    for (let frame = 0; frame < 10; frame++) {
      const { draw, held } = rowsToDraw({ ...opts, wasInView, drawn });
      const before = drawn;
      drawn = new Set([...draw].map((i) => `c${i}`));
      wasInView = view;
      for (const id of before) expect(drawn.has(id)).toBe(true);
      frames.push([...draw].filter((i) => !before.has(`c${i}`)).sort((a, b) => a - b));
      if (!held) break;
    }
    expect(frames.map((f) => f.length)).toEqual([12, 12, 12, 6]);
    // The first frames fill the view from its top; then the rows below it; the rows above it last.
    expect(frames[0]).toEqual([1008, 1009, 1010, 1011, 1012, 1013, 1014, 1015, 1016, 1017, 1018, 1019]);
    // The view's last two rows, the eight below it, and the two just above it.
    expect(frames[2]).toEqual([1006, 1007, 1032, 1033, 1034, 1035, 1036, 1037, 1038, 1039, 1040, 1041]);
    expect(frames[3]).toEqual([1000, 1001, 1002, 1003, 1004, 1005]);
  });

  it('never holds back a steady scroll: the few rows coming into view are drawn at once', () => {
    const drawn = new Set(Array.from({ length: 42 }, (_, k) => `c${k}`));
    // Scrolled 4 rows down: rows 42..45 come in.
    const { draw, held } = rowsToDraw({
      first: 4,
      last: 46,
      inViewFrom: 12,
      inViewTo: 38,
      wasInView: { from: 8, to: 34 },
      idAt: idAt(() => true),
      drawn,
      budget: 4,
    });
    expect(held).toBe(false);
    expect([...draw].sort((a, b) => a - b)).toEqual(Array.from({ length: 42 }, (_, k) => k + 4));
  });

  for (const [way, step] of [
    ['down', 9],
    ['up', -9],
  ] as const)
    it(`a scroll ${way} faster than the budget never shows a loading row in view; the rows around it catch up when it stops`, () => {
      // Nine rows a frame against a budget of four: the rows below (or above) the view run out after
      // a few frames, and from then on the rows the scroll brings in are drawn beside the others.
      const overscan = 8;
      const span = 26;
      let top = step > 0 ? 1000 : 5000;
      let wasInView = { from: top, to: top + span };
      let drawn = new Set(Array.from({ length: span + 2 * overscan }, (_, k) => `c${top - overscan + k}`));
      const frame = () => {
        const first = top - overscan;
        const last = top + span + overscan;
        const r = rowsToDraw({ first, last, inViewFrom: top, inViewTo: top + span, wasInView, idAt: idAt(() => true), drawn, budget: 4 });
        for (let i = top; i < top + span; i++) expect(r.draw.has(i), `row ${i} in view at frame top ${top}`).toBe(true);
        drawn = new Set([...r.draw].map((i) => `c${i}`));
        wasInView = { from: top, to: top + span };
        return r;
      };
      let heldWhileScrolling = 0;
      for (let f = 0; f < 30; f++) {
        top += step;
        if (frame().held) heldWhileScrolling++;
      }
      // The budget did hold rows back (those around the view), never those in it.
      expect(heldWhileScrolling).toBeGreaterThan(20);
      // Stopped: the rows around the view come in at four a frame.
      let frames = 1;
      while (frame().held) frames++;
      expect(frames).toBeLessThanOrEqual(4);
    });

  it('a page that arrives late in a fast scroll is caught up while the table still scrolls', () => {
    // Nine rows a frame, budget four; the rows from 1100 on arrive only at frame 14 (their page was late).
    const span = 26;
    const overscan = 8;
    let top = 1000;
    let wasInView = { from: top, to: top + span };
    let drawn = new Set(Array.from({ length: span + 2 * overscan }, (_, k) => `c${top - overscan + k}`));
    const loadingInView: number[] = [];
    for (let f = 0; f < 40; f++) {
      top += 9;
      const arrivedNow = (i: number) => i < 1100 || f >= 14;
      const r = rowsToDraw({
        first: top - overscan,
        last: top + span + overscan,
        inViewFrom: top,
        inViewTo: top + span,
        wasInView,
        idAt: idAt(arrivedNow),
        drawn,
        budget: 4,
      });
      drawn = new Set([...r.draw].map((i) => `c${i}`));
      wasInView = { from: top, to: top + span };
      loadingInView.push(Array.from({ length: span }, (_, k) => top + k).filter((i) => !r.draw.has(i)).length);
    }
    // Before the page: its rows show as loading. Once it is there, fewer every frame, none soon after.
    expect(loadingInView[13]).toBe(26);
    for (let f = 15; f < 40; f++) expect(loadingInView[f]).toBeLessThanOrEqual(Math.max(0, loadingInView[f - 1]! - 1));
    expect(loadingInView.slice(24)).toEqual(new Array(16).fill(0));
  });

  it('keeps the rules for any rows, arrivals, view before and budget', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: -80, max: 80 }),
        fc.func(fc.boolean()),
        fc.func(fc.boolean()),
        fc.integer({ min: 0, max: 20 }),
        (first, span, a, b, moved, arrivedF, drawnF, budget) => {
          const last = first + span;
          const [inViewFrom, inViewTo] = [first + Math.min(a, b), first + Math.max(a, b)];
          const wasInView = { from: inViewFrom - moved, to: inViewTo - moved };
          const arrived = (i: number) => arrivedF(i);
          const drawn = new Set<string>();
          for (let i = first; i < last; i++) if (arrived(i) && drawnF(i)) drawn.add(`c${i}`);
          const { draw, held } = rowsToDraw({ first, last, inViewFrom, inViewTo, wasInView, idAt: idAt(arrived), drawn, budget });
          const rows = Array.from({ length: span }, (_, k) => first + k);
          const on = (i: number) => drawn.has(`c${i}`);
          // The scroll's own rows: newly in view, a run of arrived rows from a drawn row on the side the view came from.
          const scrolled = new Set<number>();
          for (let i = Math.max(inViewFrom, wasInView.to); i < inViewTo && (on(i - 1) || scrolled.has(i - 1)) && i - 1 >= first && arrived(i); i++) scrolled.add(i);
          for (let i = Math.min(inViewTo, wasInView.from) - 1; i >= inViewFrom && (on(i + 1) || scrolled.has(i + 1)) && i + 1 < last && arrived(i); i--) scrolled.add(i);
          // Only rows that have arrived, inside the range.
          for (const i of draw) expect(i >= first && i < last && arrived(i)).toBe(true);
          // Every row on screen stays, and every row the scroll brought in is drawn.
          for (const i of rows) if (on(i) || scrolled.has(i)) expect(draw.has(i)).toBe(true);
          // At most the budget of other new rows around the view; in view, as many more as the view
          // moved, unless it moved a whole view (a jump).
          const fresh = [...draw].filter((i) => !on(i) && !scrolled.has(i));
          const around = fresh.filter((i) => i < inViewFrom || i >= inViewTo).length;
          const step = Math.abs(moved);
          expect(around).toBeLessThanOrEqual(budget);
          expect(fresh.length).toBeLessThanOrEqual(budget + (step < inViewTo - inViewFrom ? step : 0));
          // Held exactly when an arrived row is left out.
          expect(held).toBe(rows.some((i) => arrived(i) && !draw.has(i)));
          // No new row outside the view while a row in view is held.
          const heldInView = rows.some((i) => i >= inViewFrom && i < inViewTo && arrived(i) && !draw.has(i));
          if (heldInView) for (const i of draw) if (!on(i)) expect(i >= inViewFrom && i < inViewTo).toBe(true);
        },
      ),
    );
  });
});
