// Which rows of a virtual table to draw in this frame. A page of rows that arrives after a jump
// down the table would make some forty rows at once (React, style, layout and paint of all of
// them in one frame: two or three times a frame's budget on a two-core machine without a GPU);
// they come in a few per frame instead, the rows in view first, top to bottom, then the rows below
// the view, then those above it. Rows already drawn always stay, and a scroll never shows a
// loading row beside the rows it moves: the rows a scroll brings into view next to rows on screen
// are drawn at once, however fast it goes.

export interface RowBudget {
  /** The rows to draw (indices); the others are shown as still loading. */
  draw: ReadonlySet<number>;
  /** Some rows that have arrived were held back for a later frame. */
  held: boolean;
}

export function rowsToDraw(opts: {
  /** The rows the table holds (in view and around it): first..last, last excluded. */
  first: number;
  last: number;
  /** The rows in view, inViewTo excluded. */
  inViewFrom: number;
  inViewTo: number;
  /** The rows that were in view in the frame on screen now (inViewTo excluded). */
  wasInView: { from: number; to: number };
  /** A row's id if it has arrived. */
  idAt(index: number): string | undefined;
  /** The rows on screen now. */
  drawn: ReadonlySet<string>;
  /** New rows allowed in this frame, besides those a scroll brings into view (see below). */
  budget: number;
}): RowBudget {
  const { first, last, idAt, drawn, wasInView } = opts;
  // Clamped: after a filter shortens the list, the view can lie past its end until it scrolls back.
  const inViewFrom = Math.min(last, Math.max(first, opts.inViewFrom));
  const inViewTo = Math.min(last, Math.max(inViewFrom, opts.inViewTo));
  const draw = new Set<number>();
  for (let i = first; i < last; i++) {
    const id = idAt(i);
    if (id !== undefined && drawn.has(id)) draw.add(i);
  }
  // The scroll's own rows: new in view, each next to a drawn row on the side the view came from.
  // After a jump the rows beside the new view were not drawn, and the budget applies.
  for (let i = Math.max(inViewFrom, wasInView.to); i < inViewTo && draw.has(i - 1) && idAt(i) !== undefined; i++) draw.add(i);
  for (let i = Math.min(inViewTo, wasInView.from) - 1; i >= inViewFrom && draw.has(i + 1) && idAt(i) !== undefined; i--) draw.add(i);
  // Rows in view still loading while the table scrolls (a page that came late, a view still
  // filling) get as many more as the view moved, so a fast scroll cannot outrun the budget and
  // leave the view loading; a jump (a move as long as the view) gets none, and fills at the budget.
  const moved = Math.abs(inViewFrom - wasInView.from);
  let scrollExtra = moved < inViewTo - inViewFrom ? moved : 0;
  let budget = opts.budget;
  let held = false;
  const consider = (i: number, inView: boolean) => {
    if (draw.has(i) || idAt(i) === undefined) return;
    if (inView && scrollExtra > 0) {
      scrollExtra--;
      draw.add(i);
    } else if (budget > 0) {
      budget--;
      draw.add(i);
    } else held = true;
  };
  for (let i = inViewFrom; i < inViewTo; i++) consider(i, true);
  for (let i = inViewTo; i < last; i++) consider(i, false);
  for (let i = inViewFrom - 1; i >= first; i--) consider(i, false);
  return { draw, held };
}
