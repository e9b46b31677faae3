// The camera table's rows, a page at a time (100,000 cameras are never all in the browser), for one
// filter and order. A refresh (the core said the register changed) keeps showing the rows it has
// until their new copy arrives: statuses change every few seconds on a live network, and the rows
// in view must not blink to "loading" each time. A row that came back unchanged keeps its object,
// so the table does not redraw it.
import type { CameraRow } from '../../shared/contract';

export interface CameraPage {
  rows: CameraRow[];
  total: number;
}

export class CameraPageCache {
  private pages = new Map<number, CameraRow[]>();
  /** The rows before the last refresh, shown until their page is fetched again. */
  private stale = new Map<number, CameraRow[]>();
  private loading = new Set<number>();
  private generation = 0;
  private visible: [number, number] = [0, 0];
  total: number | null = null;
  error: unknown = null;

  constructor(
    private readonly pageSize: number,
    private readonly fetchPage: (offset: number, limit: number) => Promise<CameraPage>,
    /** Called when a page or an error arrives. */
    private readonly changed: () => void,
  ) {}

  row(index: number): CameraRow | undefined {
    const page = Math.floor(index / this.pageSize);
    return (this.pages.get(page) ?? this.stale.get(page))?.[index % this.pageSize];
  }

  /**
   * The table shows rows start..end: make sure their pages are there, and the next (or previous)
   * page too once the rows in view come within a quarter page of it, so that a steady scroll finds
   * its rows already there instead of drawing "loading" rows and then redrawing them.
   */
  need(start: number, end: number): void {
    this.visible = [start, end];
    const ahead = Math.floor(this.pageSize / 4);
    const from = Math.max(0, start - ahead);
    const to = Math.max(from, Math.min(this.total ?? Infinity, end + ahead) - 1);
    for (let p = Math.floor(from / this.pageSize); p <= Math.floor(to / this.pageSize); p++) this.load(p);
  }

  /** The register changed: fetch the pages in view again, showing the old rows meanwhile. */
  refresh(): void {
    this.generation++;
    this.stale = new Map([...this.stale, ...this.pages]);
    this.pages = new Map();
    this.loading = new Set();
    this.need(...this.visible);
  }

  private load(page: number): void {
    if (this.pages.has(page) || this.loading.has(page)) return;
    this.loading.add(page);
    const gen = this.generation;
    const current = () => gen === this.generation;
    this.fetchPage(page * this.pageSize, this.pageSize).then(
      (r) => {
        if (!current()) return;
        this.loading.delete(page);
        this.pages.set(page, keepUnchanged(this.stale.get(page), r.rows));
        this.stale.delete(page);
        this.total = r.total;
        this.error = null;
        this.changed();
      },
      (err: unknown) => {
        if (!current()) return;
        this.loading.delete(page);
        this.error = err;
        this.changed();
      },
    );
  }
}

/** The new page, with each row that did not change replaced by its old object. */
function keepUnchanged(before: CameraRow[] | undefined, after: CameraRow[]): CameraRow[] {
  if (!before) return after;
  const old = new Map(before.map((r) => [r.id, r]));
  return after.map((r) => {
    const o = old.get(r.id);
    return o && JSON.stringify(o) === JSON.stringify(r) ? o : r;
  });
}
