// A table for 100,000 rows: only the rows in view (and a few around) are in the DOM, positioned in
// a spacer as tall as all rows; the header stays put. Rows arrive from the caller as they are
// needed. ARIA grid semantics (aria-rowcount/aria-rowindex) tell a screen reader where it is.
import { memo, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

export interface Column<R> {
  key: string;
  label: string;
  width: string;
  render(row: R): ReactNode;
}

const ROW_HEIGHT = 34;
const OVERSCAN = 8;

interface RowProps<R extends { id: string }> {
  index: number;
  row: R | undefined;
  columns: Column<R>[];
  template: string;
  selected: boolean;
  current: boolean;
  onToggle(id: string): void;
  onOpen(row: R): void;
  loadingText: string;
  selectLabel(row: R): string;
}

/**
 * One row, re-rendered only when its own data changes: while the table scrolls, rows already in
 * view keep their element and position, and only the few rows coming into view are made.
 */
const Row = memo(function Row<R extends { id: string }>({
  index: i,
  row: r,
  columns,
  template,
  selected,
  current,
  onToggle,
  onOpen,
  loadingText,
  selectLabel,
}: RowProps<R>) {
  return (
    <div
      role="row"
      aria-rowindex={i + 2}
      aria-selected={selected}
      className={`vt__row${current ? ' vt__row--current' : ''}${selected ? ' vt__row--selected' : ''}`}
      style={{ transform: `translateY(${i * ROW_HEIGHT}px)`, gridTemplateColumns: template }}
      onDoubleClick={() => r && onOpen(r)}
      onKeyDown={(e) => {
        if (r && e.key === 'Enter') onOpen(r);
        if (r && e.key === ' ' && e.target === e.currentTarget) {
          e.preventDefault();
          onToggle(r.id);
        }
      }}
      tabIndex={r ? 0 : -1}
    >
      {r ? (
        <>
          <div role="gridcell" className="vt__cell">
            <input type="checkbox" className="checkbox" aria-label={selectLabel(r)} checked={selected} onChange={() => onToggle(r.id)} />
          </div>
          {columns.map((c, ci) => (
            <div key={c.key} role={ci === 0 ? 'rowheader' : 'gridcell'} className="vt__cell" onClick={ci === 0 ? () => onOpen(r) : undefined}>
              {c.render(r)}
            </div>
          ))}
        </>
      ) : (
        <div role="gridcell" className="vt__cell muted" style={{ gridColumn: '1 / -1' }}>
          {loadingText}
        </div>
      )}
    </div>
  );
}) as <R extends { id: string }>(p: RowProps<R>) => ReactNode;

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
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(total, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);
  useEffect(() => need(first, last), [first, last, need]);
  const template = `2.5rem ${columns.map((c) => c.width).join(' ')}`;
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    const r = row(i);
    rows.push(
      <Row
        key={r?.id ?? `loading-${i}`}
        index={i}
        row={r}
        columns={columns}
        template={template}
        selected={!!r && selected.has(r.id)}
        current={!!r && r.id === current}
        onToggle={onToggle}
        onOpen={onOpen}
        loadingText={loadingText}
        selectLabel={selectLabel}
      />,
    );
  }
  return (
    <div className="vt" role="grid" aria-label={label} aria-rowcount={total + 1} aria-colcount={columns.length + 1}>
      <div
        className="vt__scroll"
        ref={scroller}
        // Re-render when a new row comes into view, not on every pixel scrolled.
        onScroll={(e) => setScrollTop(Math.floor(e.currentTarget.scrollTop / ROW_HEIGHT) * ROW_HEIGHT)}
        data-testid="camera-table-scroll"
      >
        {/* Inside the scroller, sticky: it scrolls sideways with the rows. */}
        <div role="row" aria-rowindex={1} className="vt__head" style={{ gridTemplateColumns: template }}>
          <div role="columnheader" className="vt__cell" />
          {columns.map((c) => (
            <div key={c.key} role="columnheader" className="vt__cell">
              {c.label}
            </div>
          ))}
        </div>
        <div className="vt__spacer" style={{ height: total * ROW_HEIGHT }}>
          {rows}
        </div>
      </div>
    </div>
  );
}
