// The camera table's rows, fetched a page at a time as the table scrolls (100,000 cameras are never
// all in the browser): a page cache keyed by filter and order, dropped when either changes, and
// refreshed when the core says the register changed.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CameraFilter, CameraRow } from '../../shared/contract';
import { useApp } from '../app/app-context';

export const PAGE_SIZE = 200;

export interface CameraPages {
  total: number | null;
  row(index: number): CameraRow | undefined;
  /** The table shows rows start..end: make sure their pages are there. */
  need(start: number, end: number): void;
  /** Bumps on every page that arrives, so the table re-renders. */
  version: number;
  error: unknown;
}

export function useCameraPages(filter: CameraFilter, sort: string, descending: boolean): CameraPages {
  const { api } = useApp();
  const key = JSON.stringify([filter, sort, descending]);
  const pages = useRef(new Map<number, CameraRow[]>());
  const loading = useRef(new Set<number>());
  const generation = useRef(0);
  const [total, setTotal] = useState<number | null>(null);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const visible = useRef<[number, number]>([0, PAGE_SIZE]);

  const load = useCallback(
    (page: number) => {
      if (pages.current.has(page) || loading.current.has(page)) return;
      loading.current.add(page);
      const gen = generation.current;
      api
        .call('register.cameras', { filter, sort: sort as 'name', descending, offset: page * PAGE_SIZE, limit: PAGE_SIZE })
        .then(
          (r) => {
            if (gen !== generation.current) return;
            pages.current.set(page, r.rows);
            setTotal(r.total);
            setError(null);
            setVersion((v) => v + 1);
          },
          (err: unknown) => gen === generation.current && setError(err),
        )
        .finally(() => loading.current.delete(page));
    },
    // The key stands for filter, sort and order.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );

  const need = useCallback(
    (start: number, end: number) => {
      visible.current = [start, end];
      for (let p = Math.floor(start / PAGE_SIZE); p <= Math.floor(Math.max(start, end - 1) / PAGE_SIZE); p++) load(p);
    },
    [load],
  );

  useEffect(() => {
    const reset = () => {
      generation.current++;
      pages.current = new Map();
      loading.current = new Set();
      const [start, end] = visible.current;
      need(start, end);
    };
    reset();
    const off = api.on('register.changed', reset);
    return off;
  }, [api, need]);

  return {
    total,
    row: (i) => pages.current.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE],
    need,
    version,
    error,
  };
}
