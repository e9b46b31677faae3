import { useEffect, useRef } from 'react';

const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

/**
 * Calls `onIdle` once after `minutes` without keyboard, mouse or touch input (0 = never). A wall
 * that only plays video is idle: the lock keeps it playing and asks for the password to act.
 */
export function useIdleLock(minutes: number, onIdle: () => void): void {
  const last = useRef(0);
  const callback = useRef(onIdle);
  useEffect(() => {
    callback.current = onIdle;
  }, [onIdle]);
  useEffect(() => {
    if (minutes <= 0) return;
    last.current = Date.now();
    const seen = () => {
      last.current = Date.now();
    };
    for (const e of INPUT_EVENTS) window.addEventListener(e, seen, { passive: true, capture: true });
    let fired = false;
    const timer = setInterval(() => {
      if (!fired && Date.now() - last.current >= minutes * 60_000) {
        fired = true;
        callback.current();
      }
    }, 5000);
    return () => {
      clearInterval(timer);
      for (const e of INPUT_EVENTS) window.removeEventListener(e, seen, { capture: true });
    };
  }, [minutes]);
}
