// The camera table's page cache (camera-page-cache.ts) for the filter and order on screen: a new
// cache when either changes, refreshed when the core says the register changed.
// Two ways to follow it, so that a page arriving redraws the rows and nothing else: the caller
// re-renders only when the total or the error changes; the rows subscribe to every page
// (`subscribe`/`version`, for useSyncExternalStore). A page arriving used to re-render the whole
// register view — its filters with the area tree, the column chooser — in the middle of a scroll.
import { useEffect, useMemo, useReducer } from 'react';
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

/**
 * A page cache with its two kinds of listener: every page (`subscribe`, `version`), and `summary`
 * only when the total or the error changed. What the caller last heard starts from nothing for a
 * new cache, so a new filter's first page re-renders the caller even with the old filter's total.
 */
function followPages(fetchPage: ConstructorParameters<typeof CameraPageCache>[1], summary: () => void) {
  const listeners = new Set<() => void>();
  let version = 0;
  let told: { total: number | null; error: unknown } = { total: null, error: null };
  const cache: CameraPageCache = new CameraPageCache(PAGE_SIZE, fetchPage, () => {
    version++;
    for (const l of listeners) l();
    if (told.total === cache.total && told.error === cache.error) return;
    told = { total: cache.total, error: cache.error };
    summary();
  });
  return {
    cache,
    subscribe: (l: () => void) => (listeners.add(l), () => void listeners.delete(l)),
    version: () => version,
  };
}

export function useCameraPages(filter: CameraFilter, sort: string, descending: boolean): CameraPages {
  const { api } = useApp();
  const key = JSON.stringify([filter, sort, descending]);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const { cache, subscribe, version } = useMemo(
    () => followPages((offset, limit) => api.call('register.cameras', { filter, sort: sort as 'name', descending, offset, limit }), rerender),
    // The key stands for filter, sort and order.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );
  useEffect(() => api.on('register.changed', () => cache.refresh()), [api, cache]);
  const row = useMemo(() => cache.row.bind(cache), [cache]);
  const need = useMemo(() => cache.need.bind(cache), [cache]);
  return { total: cache.total, error: cache.error, row, need, subscribe, version };
}
