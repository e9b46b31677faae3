// Undo for the wall: every change that removes or replaces something the officer put there can be
// taken back with Ctrl+Z (or the toast's Undo), so no command needs to ask "are you sure?" first.
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { WallAction, WallState } from './wall-state';

const DEPTH = 30;

/** Which changes are worth a step back: those that take something off or change the arrangement. */
function undoable(a: WallAction, s: WallState): boolean {
  switch (a.type) {
    case 'clear':
      return !!s.tiles[a.index];
    case 'assign':
      return !!s.tiles[a.index] && s.tiles[a.index]?.cameraId !== a.cameraId;
    case 'layout':
    case 'swap':
    case 'load':
    case 'camera':
    case 'forgetParked':
    case 'place':
    case 'unpark':
      return true;
    default:
      return false;
  }
}

export interface Undo {
  /** What the last undoable change was (for the toast). */
  what: WallAction['type'];
  index: number | null;
  at: number;
}

export function useWallHistory(state: WallState, dispatch: (a: WallAction) => void) {
  const past = useRef<WallState[]>([]);
  const current = useRef(state);
  useLayoutEffect(() => {
    current.current = state;
  }, [state]);
  const [last, setLast] = useState<Undo | null>(null);
  const [depth, setDepth] = useState(0);

  const act = useCallback(
    (a: WallAction) => {
      const s = current.current;
      if (undoable(a, s)) {
        past.current = [...past.current.slice(-(DEPTH - 1)), s];
        setDepth(past.current.length);
        setLast({ what: a.type, index: 'index' in a && typeof a.index === 'number' ? a.index : null, at: Date.now() });
      }
      dispatch(a);
    },
    [dispatch],
  );

  const undo = useCallback(() => {
    const prev = past.current.pop();
    if (!prev) return false;
    setDepth(past.current.length);
    dispatch({ type: 'restore', state: prev });
    setLast(null);
    return true;
  }, [dispatch]);

  const forgetLast = useCallback(() => setLast(null), []);
  return { act, undo, canUndo: depth > 0, last, forgetLast };
}
