// A tour cycles views or cameras with a dwell time; it can be paused and resumed. Steps whose
// cameras are all known to be down (offline, awaiting repair) are skipped rather than shown black
// for a whole dwell. The wall's own state is restored when the tour stops (the page keeps it).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Tour, TourStep } from '../../shared/contract';

export interface TourRun {
  tour: Tour;
  step: number;
  paused: boolean;
  nextAt: number | null;
  /** When paused: how much of the dwell was left. */
  remainingMs: number;
  /** Steps passed over at the last switch because nothing in them could be shown. */
  skipped: number;
}

/**
 * `usable(step)`: false for a step with nothing to show. `apply(step)`: puts it on the wall.
 * When no step is usable the tour stays on the next one anyway: an empty tour is worse than a
 * black tile that says why.
 */
export function useTour(apply: (step: TourStep) => void, usable: (step: TourStep) => boolean) {
  const [run, setRun] = useState<TourRun | null>(null);
  const applyRef = useRef(apply);
  const usableRef = useRef(usable);
  useEffect(() => {
    applyRef.current = apply;
    usableRef.current = usable;
  }, [apply, usable]);

  /** The first usable step from `from` on (wrapping), and how many were passed over. */
  const pick = (tour: Tour, from: number): { step: number; skipped: number } => {
    const n = tour.steps.length;
    for (let k = 0; k < n; k++) {
      const i = (from + k) % n;
      if (usableRef.current(tour.steps[i]!)) return { step: i, skipped: k };
    }
    return { step: from % n, skipped: 0 };
  };

  const start = useCallback((tour: Tour) => {
    if (tour.steps.length === 0) return;
    const { step, skipped } = pick(tour, 0);
    applyRef.current(tour.steps[step]!);
    setRun({ tour, step, paused: false, nextAt: Date.now() + tour.dwellSeconds * 1000, remainingMs: tour.dwellSeconds * 1000, skipped });
  }, []);

  const stop = useCallback(() => setRun(null), []);

  const pause = useCallback(() => {
    setRun((r) => (r && !r.paused ? { ...r, paused: true, remainingMs: Math.max(0, (r.nextAt ?? Date.now()) - Date.now()), nextAt: null } : r));
  }, []);

  const resume = useCallback(() => {
    setRun((r) => (r && r.paused ? { ...r, paused: false, nextAt: Date.now() + r.remainingMs } : r));
  }, []);

  useEffect(() => {
    if (!run || run.paused || run.nextAt === null) return;
    const id = setTimeout(
      () => {
        const { step, skipped } = pick(run.tour, run.step + 1);
        applyRef.current(run.tour.steps[step]!);
        setRun({ ...run, step, skipped, nextAt: Date.now() + run.tour.dwellSeconds * 1000, remainingMs: run.tour.dwellSeconds * 1000 });
      },
      Math.max(0, run.nextAt - Date.now()),
    );
    return () => clearTimeout(id);
  }, [run]);

  return { run, start, stop, pause, resume };
}
