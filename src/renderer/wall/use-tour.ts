// A tour cycles views or cameras with a dwell time; it can be paused and resumed. The wall's own
// state is restored when the tour stops.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Tour, TourStep } from '../../shared/contract';

export interface TourRun {
  tour: Tour;
  step: number;
  paused: boolean;
  nextAt: number | null;
  /** When paused: how much of the dwell was left. */
  remainingMs: number;
}

export function useTour(apply: (step: TourStep) => void) {
  const [run, setRun] = useState<TourRun | null>(null);
  const applyRef = useRef(apply);
  useEffect(() => {
    applyRef.current = apply;
  }, [apply]);

  const start = useCallback((tour: Tour) => {
    if (tour.steps.length === 0) return;
    applyRef.current(tour.steps[0]!);
    setRun({ tour, step: 0, paused: false, nextAt: Date.now() + tour.dwellSeconds * 1000, remainingMs: tour.dwellSeconds * 1000 });
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
        const step = (run.step + 1) % run.tour.steps.length;
        applyRef.current(run.tour.steps[step]!);
        setRun({ ...run, step, nextAt: Date.now() + run.tour.dwellSeconds * 1000, remainingMs: run.tour.dwellSeconds * 1000 });
      },
      Math.max(0, run.nextAt - Date.now()),
    );
    return () => clearTimeout(id);
  }, [run]);

  return { run, start, stop, pause, resume };
}
