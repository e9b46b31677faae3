// The camera table's page cache (camera-page-cache.ts) for the filter and order on screen: a new
// cache when either changes, refreshed when the core says the register changed.
import { useEffect, useMemo, useReducer } from 'react';
import type { CameraFilter, CameraRow } from '../../shared/contract';
import { useApp } from '../app/app-context';
import { CameraPageCache } from './camera-page-cache';

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
  const [version, bump] = useReducer((v: number) => v + 1, 0);
  const cache = useMemo(
    () =>
      new CameraPageCache(
        PAGE_SIZE,
        (offset, limit) => api.call('register.cameras', { filter, sort: sort as 'name', descending, offset, limit }),
        bump,
      ),
    // The key stands for filter, sort and order.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );
  useEffect(() => api.on('register.changed', () => cache.refresh()), [api, cache]);
  const row = useMemo(() => cache.row.bind(cache), [cache]);
  const need = useMemo(() => cache.need.bind(cache), [cache]);
  return { total: cache.total, row, need, version, error: cache.error };
}
