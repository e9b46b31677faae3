// A table for 100,000 rows: only the rows in view (and a few around) are in the DOM, in order,
// each placed at its own height in a spacer as tall as all rows; the header stays put. Rows arrive
// from the caller as they are needed. ARIA grid semantics (aria-rowcount/aria-rowindex) tell a
// screen reader where it is.
import { memo, useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { PROBE_TEXT, useColumnFit, type ColumnFit } from './column-fit';
import { rowsToDraw } from './row-budget';

export interface Column<R> {
  key: string;
  label: string;
  width: string;
  /**
   * The column holds words from a fixed list (a status, a date), not free text: its cells are not
   * clipped, and a word longer than the column wraps onto a second line of the row. Each clip is a
   * paint property Chromium walks every frame of a scroll (measured: ~2 ms of a frame's p95).
   */
  words?: boolean;
  /**
   * The column's cells are free text the table shortens to the column with "…" (column-fit.tsx)
   * instead of clipping them: `render` draws its text through the `fit` it is given. `reserve`: CSS
   * px of the cell taken beside the text (the name's health dot); rows for which `when` is false
   * (a tag after the name) are clipped as before.
   */
  fit?: { reserve?: number; when?(row: R): boolean };
  /** Classes of a row's cell beside the table's own: the cell drawn as a badge is one element less than a badge in it. */
  cellClass?(row: R): string;
  render(row: R, fit: (text: string) => ReactNode): ReactNode;
}

const asIs = (text: string) => text;

const ROW_HEIGHT = 34;
/**
 * Rows drawn beyond the view on both sides. Fewer behind the scroll was tried: rows taken away just
 * above the view made Chromium raster those tiles again, half as much raster work once more.
 */
const OVERSCAN = 8;
/**
 * Rows made new in one frame at most (row-budget.ts), besides the rows a scroll brings into view
 * next to rows on screen (those are never held back). Four is what a steady scroll of three or
 * four rows a frame makes anyway: the rows after a far jump come in over a few frames no heavier
 * than a scroll's (twelve a frame made those frames the slowest of a scroll: measured).
 */
const NEW_ROWS_PER_FRAME = 4;

interface RowProps<R extends { id: string }> {
  index: number;
  row: R;
  columns: Column<R>[];
  selected: boolean;
  current: boolean;
  onToggle(id: string): void;
  onOpen(row: R): void;
  selectLabel(row: R): string;
  fit: ColumnFit | null;
}

/**
 * One row, re-rendered only when its own data changes: while the table scrolls, rows already in
 * view keep their element and position, and only the few rows coming into view are made.
 */
const Row = memo(function Row<R extends { id: string }>({
  index: i,
  row: r,
  columns,
  selected,
  current,
  onToggle,
  onOpen,
  selectLabel,
  fit,
}: RowProps<R>) {
  return (
    <div
      role="row"
      aria-rowindex={i + 2}
      aria-selected={selected}
      className={`vt__row${current ? ' vt__row--current' : ''}${selected ? ' vt__row--selected' : ''}`}
      // Placed once and never moved: a row that stays put is not drawn again as the table scrolls
      // (rows stacked in one moving window were all re-rastered on every step). By `top`, not a
      // transform: a transform gave each row a paint property node of its own, and paint per
      // scroll measured a fifth higher.
      style={{ top: i * ROW_HEIGHT }}
      onDoubleClick={() => onOpen(r)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onOpen(r);
        if (e.key === ' ' && e.target === e.currentTarget) {
          e.preventDefault();
          if (!e.repeat) onToggle(r.id);
        }
      }}
      tabIndex={0}
    >
      <div role="gridcell" className="vt__cell vt__cell--words">
        {/* A checkbox by its role, not an <input>: React sets up every input it makes (value
            tracking, an event listener of its own), a fifth of its work for a row coming into view. */}
        <span
          role="checkbox"
          className="vt__check"
          aria-label={selectLabel(r)}
          aria-checked={selected}
          tabIndex={0}
          onClick={() => onToggle(r.id)}
          onKeyDown={(e) => {
            if (e.key !== ' ') return;
            e.preventDefault();
            // Once per press, as a native checkbox: a held key would flick the row on and off.
            if (!e.repeat) onToggle(r.id);
          }}
        />
      </div>
      {columns.map((c, ci) => {
        const fitted = fit && c.fit && (!c.fit.when || c.fit.when(r));
        const kind = c.words ? 'vt__cell vt__cell--words' : fitted ? 'vt__cell vt__cell--fit' : 'vt__cell';
        return (
          <div
            key={c.key}
            role={ci === 0 ? 'rowheader' : 'gridcell'}
            className={c.cellClass ? `${kind} ${c.cellClass(r)}` : kind}
            onClick={ci === 0 ? () => onOpen(r) : undefined}
          >
            {c.render(r, fitted ? (text) => fit.text(ci, text, c.fit!.reserve ?? 0) : asIs)}
          </div>
        );
      })}
    </div>
  );
}) as <R extends { id: string }>(p: RowProps<R>) => ReactNode;

/**
 * Rows whose page has not arrived yet, as one plain block: after a jump down the table, one element
 * to make and paint instead of forty rows that are replaced a moment later.
 */
function LoadingRows({ index, count, inView, text }: { index: number; count: number; inView: number; text: string }) {
  // Said on the block's first row in view: the block may begin above the view.
  const at = Math.min(Math.max(0, inView - index), count - 1);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-busy="true"
      className="vt__loading"
      style={{ top: index * ROW_HEIGHT, height: count * ROW_HEIGHT }}
    >
      <div role="gridcell" className="vt__cell muted" style={{ marginTop: at * ROW_HEIGHT }}>
        {text}
      </div>
    </div>
  );
}

export function VirtualTable<R extends { id: string }>({
  label,
  total,
  columns,
  row,
  need,
  selected,
  onToggle,
  onOpen,
  current,
  loadingText,
  selectLabel,
}: {
  label: string;
  total: number;
  columns: Column<R>[];
  row(index: number): R | undefined;
  need(start: number, end: number): void;
  selected: ReadonlySet<string>;
  onToggle(id: string): void;
  onOpen(row: R): void;
  current: string | null;
  loadingText: string;
  selectLabel(row: R): string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLDivElement>(null);
  const probe = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);
  const inView = { from: Math.floor(scrollTop / ROW_HEIGHT), to: Math.ceil((scrollTop + height) / ROW_HEIGHT) };
  const first = Math.max(0, inView.from - OVERSCAN);
  const last = Math.min(total, inView.to + OVERSCAN);
  useEffect(() => need(first, last), [first, last, need]);
  // The rows on screen (the last commit's), so that rows not made yet count against the budget.
  // Read while rendering on purpose: it is what the DOM holds now, written only when React commits,
  // so a render that is thrown away sees the same rows.
  const onScreen = useRef<{ rows: ReadonlySet<string>; view: { from: number; to: number } }>({ rows: new Set(), view: { from: 0, to: 0 } });
  const [, nextFrame] = useState(0);
  /* eslint-disable react-hooks/refs -- the last commit's rows and view, see above */
  const before = onScreen.current;
  const { draw, held } = rowsToDraw({
    first,
    last,
    inViewFrom: inView.from,
    inViewTo: inView.to,
    wasInView: before.view,
    idAt: (i) => row(i)?.id,
    drawn: before.rows,
    budget: NEW_ROWS_PER_FRAME,
  });
  /* eslint-enable react-hooks/refs */
  const shown = (i: number) => (draw.has(i) ? row(i) : undefined);
  const template = `2.5rem ${columns.map((c) => c.width).join(' ')}`;
  const fit = useColumnFit(head, probe, template);
  // The first row wholly below the sticky header (which covers the top of the scroller).
  const firstUnderHead = inView.from + 1;
  const rows: ReactNode[] = [];
  const ids: string[] = [];
  let gaps = 0;
  for (let i = first; i < last; i++) {
    const r = shown(i);
    if (!r) {
      let end = i + 1;
      while (end < last && !shown(end)) end++;
      // Keyed by its order, so a block that moves as the table scrolls is updated, not made anew.
      rows.push(<LoadingRows key={`loading-${gaps++}`} index={i} count={end - i} inView={firstUnderHead} text={loadingText} />);
      i = end - 1;
      continue;
    }
    ids.push(r.id);
    rows.push(
      <Row
        key={r.id}
        index={i}
        row={r}
        columns={columns}
        selected={selected.has(r.id)}
        current={r.id === current}
        onToggle={onToggle}
        onOpen={onOpen}
        selectLabel={selectLabel}
        fit={fit}
      />,
    );
  }
  useLayoutEffect(() => {
    onScreen.current = { rows: new Set(ids), view: inView };
    if (!held) return;
    // The rest in the next frame: asked from an animation frame, React draws them after this one.
    const f = requestAnimationFrame(() => nextFrame((n) => n + 1));
    return () => cancelAnimationFrame(f);
  });
  return (
    // The columns are one custom property, set once here for the header and every row.
    <div
      className="vt"
      role="grid"
      aria-label={label}
      aria-rowcount={total + 1}
      aria-colcount={columns.length + 1}
      style={{ '--vt-columns': template } as CSSProperties}
    >
      <div
        className="vt__scroll"
        ref={scroller}
        // Re-render when a new row comes into view, not on every pixel scrolled.
        onScroll={(e) => setScrollTop(Math.floor(e.currentTarget.scrollTop / ROW_HEIGHT) * ROW_HEIGHT)}
        data-testid="camera-table-scroll"
      >
        {/* Inside the scroller, sticky: it scrolls sideways with the rows. */}
        <div role="row" aria-rowindex={1} className="vt__head" ref={head}>
          <div role="columnheader" className="vt__cell" />
          {columns.map((c) => (
            <div key={c.key} role="columnheader" className="vt__cell">
              {c.label}
            </div>
          ))}
        </div>
        <div className="vt__spacer" style={{ height: total * ROW_HEIGHT }}>
          {/* Never seen: the rows' font as drawn, for fitting their text (column-fit.tsx). */}
          <div className="vt__cell vt__probe" aria-hidden="true" ref={probe}>
            {PROBE_TEXT}
          </div>
          {rows}
        </div>
      </div>
    </div>
  );
}
