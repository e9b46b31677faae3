import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Tour, View } from '../../shared/contract';
import { sortByName } from '../../shared/text';
import { useApp } from '../app/app-context';
import { effectiveShortcuts } from './wall-actions';

/**
 * Views and tours visible to the user, in Vietnamese alphabetical order, reloaded when anyone
 * changes them. Each view carries the Shift+number it has for this user. `loaded` is false until
 * the first answer (a fresh window waits for it before choosing its default view).
 *
 * `remember` puts a view this window just saved into the list at once: the reload that the
 * change event starts arrives later, and Shift+number pressed in between must load what was
 * saved, not the version before it. A list asked for before that save cannot undo it.
 */
export function useViewsAndTours(): { views: View[]; tours: Tour[]; loaded: boolean; remember: (v: View) => void } {
  const { api, connection } = useApp();
  const [views, setViews] = useState<View[] | null>(null);
  const [tours, setTours] = useState<Tour[]>([]);
  const saved = useRef(new Map<string, { view: View; epoch: number }>());
  const epoch = useRef(0);
  const remember = useCallback((v: View) => {
    epoch.current += 1;
    saved.current.set(v.id, { view: v, epoch: epoch.current });
    // Before the first list there is nothing to lay it over: that list, asked for earlier, takes it.
    setViews((list) => (list === null ? null : mergeSaved(list, saved.current, 0)));
  }, []);
  useEffect(() => {
    if (connection !== 'connected') return;
    let alive = true;
    const loadViews = () => {
      const asked = epoch.current;
      return api.call('views.list', {}).then((v) => alive && setViews(mergeSaved(v, saved.current, asked)), () => undefined);
    };
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
  return { views: sortedViews, tours: sortedTours, loaded: views !== null, remember };
}

/**
 * A list from the core, with what this window saved after the list was asked for laid over it
 * (`asked` is the save count when it was). Saves the list already knows are forgotten.
 */
export function mergeSaved(list: View[], saved: Map<string, { view: View; epoch: number }>, asked: number): View[] {
  const out = new Map(list.map((v) => [v.id, v]));
  for (const [id, { view, epoch }] of saved) {
    const listed = out.get(id);
    if (epoch > asked || (listed && listed.updatedAt < view.updatedAt)) out.set(id, view);
    else saved.delete(id);
  }
  return [...out.values()];
}
