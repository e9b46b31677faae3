// The columns' widths and the rows' font, read from the drawn table, so that its free text can be
// shortened to its column before it is drawn (fit-text.ts) instead of being clipped by CSS.
import { useLayoutEffect, useState, type ReactNode, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { canvasMeasure, fitText } from './fit-text';

export interface ColumnFit {
  /** Column `ci`'s text as it fits beside `reserve` CSS px of other content in its cell. */
  text(ci: number, text: string, reserve: number): ReactNode;
}

/**
 * Room kept free at the end of a cell, in screen px: a measuring error of a pixel or two falls in
 * the cell's padding, never on the next column.
 */
const SLACK = 2;

interface Measured {
  /** The columns (the grid's template) it was measured for: other columns are not fitted by it. */
  template: string;
  /** The widths and scale it was made for: measured again to the same, the same object is kept. */
  key: string;
  fit: ColumnFit;
}

/** What the probe says: letters with marks, capitals and digits, about as wide as a short name. */
export const PROBE_TEXT = 'Ngã tư Hàm Nghi 0123456789';

function measureTable(head: HTMLElement, probe: HTMLElement, template: string): Measured | null {
  // The probe (a hidden cell of the table, drawn in the rows' font): how wide the page draws what
  // the canvas measures (the console's UI scale zooms the page; the canvas does not know it).
  const sample = probe.firstChild;
  if (!(sample instanceof Text)) return null;
  const range = document.createRange();
  range.selectNodeContents(sample);
  const cs = getComputedStyle(probe);
  const font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
  const measures = canvasMeasure(font);
  const drawn = range.getBoundingClientRect().width;
  const onCanvas = measures?.measure(sample.data) ?? 0;
  if (!measures || !(drawn > 0 && onCanvas > 0)) return null;
  // Screen px per canvas px: the rooms below are turned into the canvas's unit once per text.
  const scale = drawn / onCanvas;
  // Each column's room for text, in screen px: its header cell less the padding rows share with it.
  const widths: number[] = [];
  let zoom = 1;
  for (const cell of [...head.children].slice(1) as HTMLElement[]) {
    const box = cell.getBoundingClientRect().width;
    zoom = cell.offsetWidth > 0 ? box / cell.offsetWidth : 1;
    const style = getComputedStyle(cell);
    widths.push(box - (parseFloat(style.paddingLeft) + parseFloat(style.paddingRight)) * zoom);
  }
  const key = `${font}|${scale.toFixed(4)}|${zoom.toFixed(4)}|${widths.map((w) => w.toFixed(1)).join(',')}`;
  return {
    template,
    key,
    fit: {
      text(ci, text, reserve) {
        const room = widths[ci];
        if (room === undefined) return text;
        const r = fitText(text, (room - reserve * zoom - SLACK) / scale, measures.measure, measures.atMost);
        if (!r.cut) return text;
        // Shortened on screen, whole on hover and to a screen reader (in a transparent copy: the usual
        // visually hidden text is itself a clip).
        return (
          <>
            <span aria-hidden="true" title={text}>
              {r.text}
            </span>
            <span className="vt__whole">{text}</span>
          </>
        );
      },
    },
  };
}

/**
 * The fitting for a table's columns (`template`: the grid's columns), or null until they are
 * measured (rows are clipped by CSS meanwhile, as they are in the commit that changes the columns).
 * Measured again when a column's width changes: the window, the detail panel beside the table. (A
 * UI-scale change scales the text and its room alike: the fitting still holds.)
 */
export function useColumnFit(head: RefObject<HTMLElement | null>, probe: RefObject<HTMLElement | null>, template: string): ColumnFit | null {
  const [measured, setMeasured] = useState<Measured | null>(null);
  // Measured by a ResizeObserver, which reports once when it starts: made anew when the columns
  // change, it measures then and whenever a column's width changes.
  useLayoutEffect(() => {
    const el = head.current;
    if (!el) return;
    const ro = new ResizeObserver(() => {
      const next = probe.current ? measureTable(el, probe.current, template) : null;
      // Drawn before this frame is painted (the observer reports between layout and paint): a frame
      // with the old widths would show unclipped text running over the next column. The same widths
      // measured again keep the rows as they are (a new fitting redraws every row).
      flushSync(() => setMeasured((was) => (was && next && was.key === next.key ? was : next)));
    });
    // Each column's header cell, not the header: a column can change width while the header keeps
    // its own (the columns wider than the table together, scrolled sideways).
    for (const cell of el.children) ro.observe(cell);
    return () => ro.disconnect();
  }, [head, probe, template]);
  return measured?.template === template ? measured.fit : null;
}
