import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../store/database';
import { Bookmarks } from './bookmarks';

const dir = mkdtempSync(path.join(os.tmpdir(), 'wf-bookmarks-'));
const { db } = openDatabase({ dataDir: dir });
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('bookmarks', () => {
  const b = new Bookmarks(db);
  b.add({ cameraId: 'c1', at: 1000, note: 'Xe máy vượt đèn đỏ ở Nguyễn Huệ', createdBy: 'u1' });
  b.add({ cameraId: 'c2', at: 2000, note: 'Đám đông trước chợ Bến Thành', createdBy: 'u1' });
  b.add({ cameraId: 'c1', at: 3000, note: '100% chắc chắn: xe_tải', createdBy: 'u2' });

  it('finds notes without diacritics or case, every word, newest first', () => {
    expect(b.search('nguyen hue', null, 10).map((x) => x.at)).toEqual([1000]);
    expect(b.search('DAM DONG ben thanh', null, 10).map((x) => x.at)).toEqual([2000]);
    expect(b.search('', null, 10).map((x) => x.at)).toEqual([3000, 2000, 1000]);
    expect(b.search('', ['c2'], 10).map((x) => x.cameraId)).toEqual(['c2']);
    expect(b.search('', [], 10)).toEqual([]);
  });

  it('takes % and _ in a query literally', () => {
    expect(b.search('100%', null, 10).map((x) => x.at)).toEqual([3000]);
    expect(b.search('xe_t', null, 10).map((x) => x.at)).toEqual([3000]);
    expect(b.search('xe%', null, 10)).toEqual([]);
  });

  it('makes a retried add with the same id harmless, and refuses other content under it', () => {
    const id = '0f7e3c1a-1111-4222-8333-444455556666';
    const first = b.add({ id, cameraId: 'c1', at: 5, note: 'x', createdBy: null });
    expect(b.add({ id, cameraId: 'c1', at: 5, note: 'x', createdBy: null })).toEqual(first);
    expect(() => b.add({ id, cameraId: 'c1', at: 6, note: 'x', createdBy: null })).toThrow(/conflict/);
  });
});
