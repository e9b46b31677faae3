// Which rows of a virtual table to draw in this frame. A page of rows that arrives after a jump
// down the table would make some forty rows at once (React, style, layout and paint of all of
// them in one frame: twice a frame's budget on a two-core machine without a GPU); they come in a
// few per frame instead, the rows in view first, top to bottom, then the rows below the view,
// then those above it. Rows already drawn always stay.

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
  /** A row's id if it has arrived. */
  idAt(index: number): string | undefined;
  /** The rows on screen now. */
  drawn: ReadonlySet<string>;
  /** New rows allowed in this frame. */
  budget: number;
}): RowBudget {
  const { first, last, idAt, drawn } = opts;
  // Clamped: after a filter shortens the list, the view can lie past its end until it scrolls back.
  const inViewFrom = Math.min(last, Math.max(first, opts.inViewFrom));
  const inViewTo = Math.min(last, Math.max(inViewFrom, opts.inViewTo));
  const draw = new Set<number>();
  let budget = opts.budget;
  let held = false;
  const consider = (i: number) => {
    const id = idAt(i);
    if (id === undefined) return;
    if (drawn.has(id)) draw.add(i);
    else if (budget > 0) {
      budget--;
      draw.add(i);
    } else held = true;
  };
  for (let i = inViewFrom; i < inViewTo; i++) consider(i);
  for (let i = inViewTo; i < last; i++) consider(i);
  for (let i = inViewFrom - 1; i >= first; i--) consider(i);
  return { draw, held };
}
