import { useEffect, useMemo, useState } from 'react';
import type { Tour, View } from '../../shared/contract';
import { sortByName } from '../../shared/text';
import { useApp } from '../app/app-context';
import { effectiveShortcuts } from './wall-actions';

/**
 * Views and tours visible to the user, in Vietnamese alphabetical order, reloaded when anyone
 * changes them. Each view carries the Shift+number it has for this user. `loaded` is false until
 * the first answer (a fresh window waits for it before choosing its default view).
 */
export function useViewsAndTours(): { views: View[]; tours: Tour[]; loaded: boolean } {
  const { api, connection } = useApp();
  const [views, setViews] = useState<View[] | null>(null);
  const [tours, setTours] = useState<Tour[]>([]);
  useEffect(() => {
    if (connection !== 'connected') return;
    let alive = true;
    const loadViews = () => api.call('views.list', {}).then((v) => alive && setViews(v), () => undefined);
    const loadTours = () => api.call('tours.list', {}).then((v) => alive && setTours(v), () => undefined);
    void loadViews();
    void loadTours();
    const offV = api.on('views.changed', () => void loadViews());
    const offT = api.on('tours.changed', () => void loadTours());
    return () => {
      alive = false;
      offV();
      offT();
    };
  }, [api, connection]);
  const sortedViews = useMemo(() => effectiveShortcuts(sortByName(views ?? [], (v) => v.name)), [views]);
  const sortedTours = useMemo(() => sortByName(tours, (x) => x.name), [tours]);
  return { views: sortedViews, tours: sortedTours, loaded: views !== null };
}
