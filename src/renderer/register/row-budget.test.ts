import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowsToDraw } from './row-budget';

const idAt = (arrived: (i: number) => boolean) => (i: number) => (arrived(i) ? `c${i}` : undefined);

describe('rows drawn per frame', () => {
  it('brings a page that arrived after a jump in over a few frames, the rows in view first, and never takes a drawn row away', () => {
    // 42 rows held (8 above the view, 26 in view, 8 below), none drawn yet: a page has just arrived.
    const opts = { first: 1000, last: 1042, inViewFrom: 1008, inViewTo: 1034, idAt: idAt(() => true), budget: 12 };
    let drawn = new Set<string>();
    const frames: number[][] = [];
    for (let frame = 0; frame < 10; frame++) {
      const { draw, held } = rowsToDraw({ ...opts, drawn });
      const before = drawn;
      drawn = new Set([...draw].map((i) => `c${i}`));
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
    const { draw, held } = rowsToDraw({ first: 4, last: 46, inViewFrom: 12, inViewTo: 38, idAt: idAt(() => true), drawn, budget: 12 });
    expect(held).toBe(false);
    expect([...draw].sort((a, b) => a - b)).toEqual(Array.from({ length: 42 }, (_, k) => k + 4));
  });

  it('keeps the rules for any rows, arrivals and budget', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.func(fc.boolean()),
        fc.func(fc.boolean()),
        fc.integer({ min: 0, max: 20 }),
        (first, span, a, b, arrivedF, drawnF, budget) => {
          const last = first + span;
          const [inViewFrom, inViewTo] = [first + Math.min(a, b), first + Math.max(a, b)];
          const arrived = (i: number) => arrivedF(i);
          const drawn = new Set<string>();
          for (let i = first; i < last; i++) if (arrived(i) && drawnF(i)) drawn.add(`c${i}`);
          const { draw, held } = rowsToDraw({ first, last, inViewFrom, inViewTo, idAt: idAt(arrived), drawn, budget });
          const rows = Array.from({ length: span }, (_, k) => first + k);
          // Only rows that have arrived, inside the range.
          for (const i of draw) expect(i >= first && i < last && arrived(i)).toBe(true);
          // Every row on screen stays.
          for (const i of rows) if (drawn.has(`c${i}`)) expect(draw.has(i)).toBe(true);
          // At most the budget of new rows.
          expect([...draw].filter((i) => !drawn.has(`c${i}`)).length).toBeLessThanOrEqual(budget);
          // Held exactly when an arrived row is left out.
          expect(held).toBe(rows.some((i) => arrived(i) && !draw.has(i)));
          // No new row outside the view while a row in view is held.
          const heldInView = rows.some((i) => i >= inViewFrom && i < inViewTo && arrived(i) && !draw.has(i));
          if (heldInView) for (const i of draw) if (!drawn.has(`c${i}`)) expect(i >= inViewFrom && i < inViewTo).toBe(true);
        },
      ),
    );
  });
});
