// The wall's layouts. Every layout is a grid of cols × rows units; a cell may span several units
// (a merged cell). Presets are data, so a custom grid is the same thing the editor produces.
import type { Layout, LayoutCell } from './contract';

function grid(n: number): Layout {
  const cells: LayoutCell[] = [];
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) cells.push({ x, y, w: 1, h: 1 });
  return { name: n === 1 ? '1' : `${n}x${n}`, cols: n, rows: n, cells };
}

/** One big cell of `big` × `big` in the top-left corner of an n × n grid, the rest single cells. */
function bigPlus(name: string, n: number, big: number): Layout {
  const cells: LayoutCell[] = [{ x: 0, y: 0, w: big, h: big }];
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) if (x >= big || y >= big) cells.push({ x, y, w: 1, h: 1 });
  return { name, cols: n, rows: n, cells };
}

/** 1+12: a 2 × 2 cell in the middle of a 4 × 4 grid, twelve single cells around it. */
function centred(): Layout {
  const cells: LayoutCell[] = [{ x: 1, y: 1, w: 2, h: 2 }];
  for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) if (!(x >= 1 && x <= 2 && y >= 1 && y <= 2)) cells.push({ x, y, w: 1, h: 1 });
  return { name: '1+12', cols: 4, rows: 4, cells };
}

/** 2+8: two 2 × 2 cells side by side on top of a 4 × 4 grid, eight single cells below. */
function twoPlusEight(): Layout {
  const cells: LayoutCell[] = [
    { x: 0, y: 0, w: 2, h: 2 },
    { x: 2, y: 0, w: 2, h: 2 },
  ];
  for (let y = 2; y < 4; y++) for (let x = 0; x < 4; x++) cells.push({ x, y, w: 1, h: 1 });
  return { name: '2+8', cols: 4, rows: 4, cells };
}

export const PRESETS: readonly Layout[] = [
  grid(1),
  grid(2),
  grid(3),
  grid(4),
  grid(5),
  grid(6),
  bigPlus('1+5', 3, 2),
  bigPlus('1+7', 4, 3),
  centred(),
  twoPlusEight(),
];

export function preset(name: string): Layout {
  return PRESETS.find((l) => l.name === name) ?? PRESETS[1]!;
}

/** True when the cells cover the grid exactly once: no gaps, no overlaps, nothing outside. */
export function isValidLayout(l: Layout): boolean {
  const seen = new Set<string>();
  for (const c of l.cells) {
    if (c.x < 0 || c.y < 0 || c.x + c.w > l.cols || c.y + c.h > l.rows) return false;
    for (let y = c.y; y < c.y + c.h; y++)
      for (let x = c.x; x < c.x + c.w; x++) {
        const k = `${x},${y}`;
        if (seen.has(k)) return false;
        seen.add(k);
      }
  }
  return seen.size === l.cols * l.rows;
}

/**
 * Merges the rectangle spanned by two grid units into one cell. Any cell partly inside the
 * rectangle is split back into single units first, so the result always stays valid.
 */
export function mergeCells(l: Layout, a: { x: number; y: number }, b: { x: number; y: number }): Layout {
  const x0 = Math.min(a.x, b.x);
  const y0 = Math.min(a.y, b.y);
  const x1 = Math.max(a.x, b.x);
  const y1 = Math.max(a.y, b.y);
  const inside = (x: number, y: number) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
  const cells: LayoutCell[] = [];
  for (const c of l.cells) {
    let touches = false;
    for (let y = c.y; y < c.y + c.h; y++) for (let x = c.x; x < c.x + c.w; x++) if (inside(x, y)) touches = true;
    if (!touches) {
      cells.push(c);
      continue;
    }
    for (let y = c.y; y < c.y + c.h; y++) for (let x = c.x; x < c.x + c.w; x++) if (!inside(x, y)) cells.push({ x, y, w: 1, h: 1 });
  }
  cells.push({ x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 });
  cells.sort((p, q) => p.y - q.y || p.x - q.x);
  return { name: 'custom', cols: l.cols, rows: l.rows, cells };
}

/** Splits the cell at a grid unit back into single units. */
export function splitCell(l: Layout, at: { x: number; y: number }): Layout {
  const cells: LayoutCell[] = [];
  for (const c of l.cells) {
    const hit = at.x >= c.x && at.x < c.x + c.w && at.y >= c.y && at.y < c.y + c.h;
    if (!hit || (c.w === 1 && c.h === 1)) cells.push(c);
    else for (let y = c.y; y < c.y + c.h; y++) for (let x = c.x; x < c.x + c.w; x++) cells.push({ x, y, w: 1, h: 1 });
  }
  cells.sort((p, q) => p.y - q.y || p.x - q.x);
  return { name: 'custom', cols: l.cols, rows: l.rows, cells };
}

/** Which cell is next to `from` in a direction, by the cells' centres (for arrow keys). */
export function neighbour(l: Layout, from: number, dir: 'left' | 'right' | 'up' | 'down'): number {
  const c = l.cells[from];
  if (!c) return 0;
  const cx = c.x + c.w / 2;
  const cy = c.y + c.h / 2;
  let best = from;
  let bestScore = Infinity;
  l.cells.forEach((o, i) => {
    if (i === from) return;
    const ox = o.x + o.w / 2;
    const oy = o.y + o.h / 2;
    const dx = ox - cx;
    const dy = oy - cy;
    const ok = dir === 'left' ? dx < 0 : dir === 'right' ? dx > 0 : dir === 'up' ? dy < 0 : dy > 0;
    if (!ok) return;
    const along = dir === 'left' || dir === 'right' ? Math.abs(dx) : Math.abs(dy);
    const across = dir === 'left' || dir === 'right' ? Math.abs(dy) : Math.abs(dx);
    const score = along + across * 2;
    if (score < bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}

/**
 * Main stream for a big tile, sub stream for small ones: a tile covering at least a quarter of the
 * wall (1, 2x2, the big cell of 1+5…) or shown maximised gets the main stream.
 */
export function autoStream(l: Layout, index: number, maximised: boolean): 'main' | 'sub' {
  if (maximised) return 'main';
  const c = l.cells[index];
  if (!c) return 'sub';
  return (c.w * c.h) / (l.cols * l.rows) >= 0.25 ? 'main' : 'sub';
}
