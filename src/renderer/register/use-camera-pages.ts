// The camera table's page cache (camera-page-cache.ts) for the filter and order on screen: a new
// cache when either changes, refreshed when the core says the register changed.
// Two ways to follow it, so that a page arriving redraws the rows and nothing else: the caller
// re-renders only when the total or the error changes; the rows subscribe to every page
// (`subscribe`/`version`, for useSyncExternalStore). A page arriving used to re-render the whole
// register view — its filters with the area tree, the column chooser — in the middle of a scroll.
import { useEffect, useMemo, useState } from 'react';
import type { CameraFilter, CameraRow } from '../../shared/contract';
import { useApp } from '../app/app-context';
import { CameraPageCache } from './camera-page-cache';

export const PAGE_SIZE = 200;

export interface CameraPages {
  total: number | null;
  error: unknown;
  row(index: number): CameraRow | undefined;
  /** The table shows rows start..end: make sure their pages are there. */
  need(start: number, end: number): void;
  /** Called on every page that arrives; returns the way to stop. */
  subscribe(listener: () => void): () => void;
  /** Bumps on every page that arrives. */
  version(): number;
}

export function useCameraPages(filter: CameraFilter, sort: string, descending: boolean): CameraPages {
  const { api } = useApp();
  const key = JSON.stringify([filter, sort, descending]);
  const [summary, setSummary] = useState<{ cache: CameraPageCache | null; total: number | null; error: unknown }>({ cache: null, total: null, error: null });
  const { cache, subscribe, version } = useMemo(() => {
    const listeners = new Set<() => void>();
    let version = 0;
    const cache: CameraPageCache = new CameraPageCache(
      PAGE_SIZE,
      (offset, limit) => api.call('register.cameras', { filter, sort: sort as 'name', descending, offset, limit }),
      () => {
        version++;
        for (const l of listeners) l();
        // The same values of the same cache leave the caller as it is (React skips an equal state).
        // The cache counts: a new filter's first page may bring the same total as the last one's.
        setSummary((s) => (s.cache === cache && s.total === cache.total && s.error === cache.error ? s : { cache, total: cache.total, error: cache.error }));
      },
    );
    return {
      cache,
      subscribe: (l: () => void) => (listeners.add(l), () => void listeners.delete(l)),
      version: () => version,
    };
    // The key stands for filter, sort and order.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key]);
  useEffect(() => api.on('register.changed', () => cache.refresh()), [api, cache]);
  const row = useMemo(() => cache.row.bind(cache), [cache]);
  const need = useMemo(() => cache.need.bind(cache), [cache]);
  // Read from the cache itself: `summary` is there to re-render, and a new filter's cache starts
  // with nothing known, not the last filter's total.
  void summary;
  return { total: cache.total, error: cache.error, row, need, subscribe, version };
}
