// The cameras' places in name order (camera_facets.place, migration 017): integers with gaps,
// so that sorting a search's matches compares integers on a narrow row instead of long sort keys
// on a wide one. The triggers leave a camera added or renamed unplaced; it is placed here, between
// its neighbours, the next time the list sorts by place. Many at once (an import), or no gap left
// between two neighbours, and every camera is numbered afresh (~0.5 s at 100,000 cameras).
import { createLogger } from '../log/logger';
import type { Db } from '../store/database';
import { statement } from '../store/statements';

const log = createLogger('register');

/** The gap between neighbours after a renumbering: 32 cameras can go between any two. */
const PLACE_STEP = 2 ** 32;
/** More unplaced than this and a renumbering is cheaper than placing them one by one. */
const PLACE_ONE_BY_ONE = 64;

export class CameraOrder {
  constructor(private readonly db: Db) {}

  /**
   * Places every unplaced camera; false when that cannot be done now (another connection holds the
   * write lock, e.g. an import): the caller then walks the table in name order instead of waiting.
   */
  placed(): boolean {
    if (this.unplaced().length === 0) return true;
    if (this.db.inTransaction) return false;
    const busy = this.db.pragma('busy_timeout', { simple: true }) as number;
    // Not the usual wait: a search must not stall behind an import's transaction.
    this.db.pragma('busy_timeout = 0');
    try {
      // Read again inside: another connection may have changed them since.
      this.db.transaction(() => this.placeAll())();
      return true;
    } catch (err) {
      // Busy (an import, the audit worker) is the usual reason; a full disk or a read-only file
      // must not fail the search either: walking the table gives the same answer.
      const code = String((err as { code?: unknown }).code ?? '');
      if (!code.startsWith('SQLITE_BUSY') && !code.startsWith('SQLITE_LOCKED'))
        log.warn('cameras not placed in name order; searches walk the table', { error: err instanceof Error ? err.message : String(err) });
      return false;
    } finally {
      this.db.pragma(`busy_timeout = ${busy}`);
    }
  }

  /**
   * Places the unplaced cameras, inside the caller's transaction: an import does it before it
   * commits, in its worker, so the console's first search after it does not number 100,000
   * cameras on the core's thread.
   */
  placeAll(): void {
    const unplaced = this.unplaced();
    if (unplaced.length === 0) return;
    if (unplaced.length > PLACE_ONE_BY_ONE || !this.placeEach(unplaced)) this.renumber();
  }

  /** Up to one more than are placed one by one. */
  private unplaced(): number[] {
    return statement(this.db, 'SELECT search_rowid FROM camera_facets INDEXED BY camera_facets_unplaced WHERE place IS NULL LIMIT ?')
      .pluck()
      .all(PLACE_ONE_BY_ONE + 1) as number[];
  }

  /** Every camera numbered afresh in name order. */
  renumber(): void {
    statement(
      this.db,
      `UPDATE camera_facets SET place = r.n * ${PLACE_STEP}
       FROM (SELECT c.search_rowid AS id, row_number() OVER (ORDER BY c.sort_key, c.search_rowid) AS n FROM cameras c WHERE c.deleted_at IS NULL) r
       WHERE r.id = camera_facets.search_rowid`,
    ).run();
  }

  /** Each camera midway between its placed neighbours; false when two neighbours have no gap left. */
  private placeEach(searchRowids: readonly number[]): boolean {
    const keyOf = statement(this.db, 'SELECT sort_key FROM cameras WHERE search_rowid = ?').pluck();
    const neighbour = (before: boolean) =>
      statement(
        this.db,
        `SELECT f.place FROM cameras c JOIN camera_facets f ON f.search_rowid = c.search_rowid
         WHERE c.deleted_at IS NULL AND (c.sort_key, c.search_rowid) ${before ? '<' : '>'} (?, ?) AND f.place IS NOT NULL
         ORDER BY c.sort_key ${before ? 'DESC' : ''}, c.search_rowid ${before ? 'DESC' : ''} LIMIT 1`,
      ).pluck();
    const [prev, next] = [neighbour(true), neighbour(false)];
    const set = statement(this.db, 'UPDATE camera_facets SET place = ? WHERE search_rowid = ?');
    for (const id of searchRowids) {
      const key = keyOf.get(id) as string | undefined;
      if (key === undefined) return false;
      const low = (prev.get(key, id) as number | undefined) ?? 0;
      const high = (next.get(key, id) as number | undefined) ?? low + 2 * PLACE_STEP;
      // No gap left, or places near where JavaScript's numbers stop being exact: number afresh.
      if (high - low < 2 || high > Number.MAX_SAFE_INTEGER / 2) return false;
      set.run(low + Math.floor((high - low) / 2), id);
    }
    return true;
  }
}
