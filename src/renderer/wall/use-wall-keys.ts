// The wall's keyboard: digits select tiles, arrows move the selection, Enter maximises, Esc
// restores, F toggles full screen, / (or Ctrl+K) opens camera search, Delete clears the tile,
// S takes a snapshot, I toggles stats, Shift+1…9 loads the first nine views.
import { useEffect } from 'react';
import { useActionRegistry } from '../actions/ActionsProvider';
import { neighbour } from '../../shared/layouts';
import type { WallAction, WallState } from './wall-state';

export interface WallKeyActions {
  dispatch(a: WallAction): void;
  focusSearch(): void;
  toggleFullscreen(): void;
  snapshot(): void;
  toggleStats(index: number): void;
  loadView(n: number): void;
}

const ARROWS: Record<string, 'left' | 'right' | 'up' | 'down'> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.tagName === 'TEXTAREA' || el.isContentEditable || !!el.closest('dialog'));
}

export function useWallKeys(state: WallState, actions: WallKeyActions): void {
  const registry = useActionRegistry();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A key an action takes (an open PTZ panel's arrows) is not also the wall's.
      if (registry.forKey(e)) return;
      if (e.altKey || e.metaKey) return;
      if ((e.ctrlKey && e.key.toLowerCase() === 'k') || (!e.ctrlKey && e.key === '/' && !typing(e.target))) {
        e.preventDefault();
        actions.focusSearch();
        return;
      }
      if (e.ctrlKey || typing(e.target)) return;
      const digit = /^Digit([0-9])$/.exec(e.code);
      if (digit) {
        const n = Number(digit[1]);
        e.preventDefault();
        if (e.shiftKey) {
          if (n >= 1) actions.loadView(n - 1);
        } else actions.dispatch({ type: 'select', index: n === 0 ? 9 : n - 1 });
        return;
      }
      const dir = ARROWS[e.key];
      if (dir) {
        e.preventDefault();
        actions.dispatch({ type: 'select', index: neighbour(state.layout, state.selected, dir) });
        return;
      }
      switch (e.key) {
        case 'Enter':
          e.preventDefault();
          actions.dispatch({ type: 'maximise', index: state.maximised === state.selected ? null : state.selected });
          return;
        case 'Escape':
          if (state.maximised !== null) actions.dispatch({ type: 'maximise', index: null });
          return;
        case 'f':
        case 'F':
          e.preventDefault();
          actions.toggleFullscreen();
          return;
        case 'Delete':
        case 'Backspace':
          actions.dispatch({ type: 'clear', index: state.selected });
          return;
        case 's':
        case 'S':
          actions.snapshot();
          return;
        case 'i':
        case 'I':
          actions.toggleStats(state.selected);
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [state, actions, registry]);
}
