import { useEffect, useState } from 'react';
import type { Tour, View } from '../../shared/contract';
import { useApp } from '../app/app-context';

/** Views and tours visible to the user, reloaded when anyone changes them. */
export function useViewsAndTours(): { views: View[]; tours: Tour[] } {
  const { api } = useApp();
  const [views, setViews] = useState<View[]>([]);
  const [tours, setTours] = useState<Tour[]>([]);
  useEffect(() => {
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
  }, [api]);
  return { views, tours };
}
