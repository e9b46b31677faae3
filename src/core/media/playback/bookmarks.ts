// Bookmarks: an instant of a camera with a note, added live or in playback. The note is stored a
// second time folded (lower case, no diacritics) so that "nguyen hue" finds "Nguyễn Huệ".
import { randomUUID } from 'node:crypto';
import type { Bookmark } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { foldText } from '../../../shared/text';
import type { Db } from '../../store/database';

interface Row {
  id: string;
  camera_id: string;
  at_ms: number;
  note: string;
  created_by: string | null;
  created_at: number;
}

const toBookmark = (r: Row): Bookmark => ({
  id: r.id,
  cameraId: r.camera_id,
  at: r.at_ms,
  note: r.note,
  createdBy: r.created_by,
  createdAt: r.created_at,
});

export class Bookmarks {
  constructor(private readonly db: Db) {}

  add(b: { id?: string; cameraId: string; at: number; note: string; createdBy: string | null }, now = Date.now()): Bookmark {
    if (b.id) {
      const existing = this.db.prepare('SELECT * FROM bookmarks WHERE id = ?').get(b.id) as Row | undefined;
      if (existing) {
        // The same request again (a retry after a lost answer) finds what the first one made.
        if (existing.camera_id === b.cameraId && existing.at_ms === b.at && existing.note === b.note) return toBookmark(existing);
        throw new AppError('conflict', { kind: 'bookmark', id: b.id });
      }
    }
    const id = b.id ?? randomUUID();
    this.db
      .prepare('INSERT INTO bookmarks (id, camera_id, at_ms, note, note_folded, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, b.cameraId, b.at, b.note, foldText(b.note), b.createdBy, now);
    return toBookmark(this.db.prepare('SELECT * FROM bookmarks WHERE id = ?').get(id) as Row);
  }

  get(id: string): Bookmark | null {
    const r = this.db.prepare('SELECT * FROM bookmarks WHERE id = ?').get(id) as Row | undefined;
    return r ? toBookmark(r) : null;
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM bookmarks WHERE id = ?').run(id);
  }

  /** Newest first; every word of the query must occur in the folded note. */
  search(query: string, cameraIds: readonly string[] | null, limit: number): Bookmark[] {
    const words = foldText(query).split(/\s+/).filter(Boolean).slice(0, 8);
    const where: string[] = [];
    const args: unknown[] = [];
    for (const w of words) {
      where.push("note_folded LIKE ? ESCAPE '\\'");
      args.push(`%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    if (cameraIds) {
      if (cameraIds.length === 0) return [];
      where.push(`camera_id IN (${cameraIds.map(() => '?').join(',')})`);
      args.push(...cameraIds);
    }
    const sql = `SELECT * FROM bookmarks ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at_ms DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, limit) as Row[]).map(toBookmark);
  }

  between(cameraId: string, from: number, to: number): Bookmark[] {
    return (
      this.db
        .prepare('SELECT * FROM bookmarks WHERE camera_id = ? AND at_ms >= ? AND at_ms < ? ORDER BY at_ms LIMIT 1000')
        .all(cameraId, from, to) as Row[]
    ).map(toBookmark);
  }
}
