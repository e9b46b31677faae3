import { describe, expect, it } from 'vitest';
import type { CameraRow } from '../../shared/contract';
import { CameraPageCache, type CameraPage } from './camera-page-cache';

const row = (id: string, status: CameraRow['status'] = 'working') => ({ id, name: id, status }) as CameraRow;

/** A register of `n` cameras whose answers the test releases by hand. */
function register(n: number) {
  let statuses = new Map<string, CameraRow['status']>();
  const waiting: (() => void)[] = [];
  const fetchPage = (offset: number, limit: number) => {
    const asOf = statuses; // the answer tells the register as it was when asked
    return new Promise<CameraPage>((resolve) =>
      waiting.push(() => {
        const rows: CameraRow[] = [];
        for (let i = offset; i < Math.min(n, offset + limit); i++) rows.push(row(`c${i}`, asOf.get(`c${i}`)));
        resolve({ rows, total: n });
      }),
    );
  };
  return {
    fetchPage,
    setStatus(id: string, s: CameraRow['status']) {
      statuses = new Map(statuses).set(id, s);
    },
    async answerAll(newestFirst = false) {
      const all = waiting.splice(0);
      for (const w of newestFirst ? all.reverse() : all) w();
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

describe('camera page cache', () => {
  it('fetches only the pages in view, once each', async () => {
    const reg = register(1000);
    let asked = 0;
    const cache = new CameraPageCache(
      100,
      (o, l) => (asked++, reg.fetchPage(o, l)),
      () => undefined,
    );
    cache.need(150, 260);
    cache.need(150, 260);
    expect(asked).toBe(2); // pages 1 and 2
    expect(cache.row(150)).toBeUndefined();
    await reg.answerAll();
    expect(cache.row(150)?.id).toBe('c150');
    expect(cache.row(50)).toBeUndefined();
    expect(cache.total).toBe(1000);
  });

  it('asks for the next page while the rows in view come near it, not before', async () => {
    const reg = register(1000);
    const asked: number[] = [];
    const cache = new CameraPageCache(
      100,
      (o, l) => (asked.push(o), reg.fetchPage(o, l)),
      () => undefined,
    );
    cache.need(0, 40);
    await reg.answerAll();
    cache.need(30, 70);
    expect(asked).toEqual([0]);
    cache.need(40, 80); // within a quarter page of row 100
    expect(asked).toEqual([0, 100]);
    await reg.answerAll();
    expect(cache.row(100)?.id).toBe('c100');
    // Never past the end of the register.
    cache.need(950, 1000);
    await reg.answerAll();
    expect(asked).toEqual([0, 100, 900]);
  });

  it('keeps showing the rows in view while they are fetched again, and keeps the unchanged ones', async () => {
    const reg = register(1000);
    let changes = 0;
    const cache = new CameraPageCache(100, reg.fetchPage, () => changes++);
    cache.need(0, 40);
    await reg.answerAll();
    const before = [cache.row(3), cache.row(4)];
    reg.setStatus('c4', 'offline');
    cache.refresh();
    // The officer still sees the rows, not "loading", while the new copy is on its way.
    expect(cache.row(3)).toBe(before[0]);
    expect(cache.row(4)?.status).toBe('working');
    await reg.answerAll();
    expect(cache.row(3)).toBe(before[0]); // unchanged: the same object, so its row is not redrawn
    expect(cache.row(4)?.status).toBe('offline');
    expect(changes).toBe(2);
  });

  it('drops an answer that a refresh overtook', async () => {
    const reg = register(1000);
    const cache = new CameraPageCache(100, reg.fetchPage, () => undefined);
    cache.need(0, 40);
    reg.setStatus('c1', 'offline');
    cache.refresh(); // the first answer, still on its way, is from before the change
    await reg.answerAll(true);
    expect(cache.row(1)?.status).toBe('offline');
  });

  it('an error is kept until a page arrives', async () => {
    let fail = true;
    const reg = register(10);
    const cache = new CameraPageCache(
      100,
      (o, l) => (fail ? Promise.reject(new Error('core_unavailable')) : reg.fetchPage(o, l)),
      () => undefined,
    );
    cache.need(0, 10);
    await new Promise((r) => setTimeout(r, 0));
    expect(cache.error).toBeInstanceOf(Error);
    fail = false;
    cache.refresh();
    await reg.answerAll();
    expect(cache.error).toBeNull();
    expect(cache.row(9)?.id).toBe('c9');
  });
});
