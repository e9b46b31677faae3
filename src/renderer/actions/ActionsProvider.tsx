// One registry per window, one key listener for every command. Hosts register their actions with
// useActions(specs, ctx) while mounted.
import { createContext, useContext, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Permission } from '../../shared/contract';
import { ActionRegistry } from './registry';
import type { ActionSpec, BoundAction } from './types';

const ActionsContext = createContext<ActionRegistry | null>(null);

export function ActionsProvider({ can, children }: { can: (p: Permission) => boolean; children: ReactNode }) {
  const [registry] = useState(() => new ActionRegistry());
  useEffect(() => registry.setAllowed((spec) => !spec.permission || can(spec.permission)), [registry, can]);
  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (registry.keyDown(e)) e.preventDefault();
    };
    const up = (e: KeyboardEvent) => registry.keyUp(e);
    // A key-up lost to another window or a hidden tab must not leave a camera turning.
    const releaseAll = () => registry.releaseAll();
    const onVisibility = () => document.hidden && registry.releaseAll();
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    window.addEventListener('blur', releaseAll);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      window.removeEventListener('blur', releaseAll);
      document.removeEventListener('visibilitychange', onVisibility);
      registry.releaseAll();
    };
  }, [registry]);
  return <ActionsContext.Provider value={registry}>{children}</ActionsContext.Provider>;
}

export function useActionRegistry(): ActionRegistry {
  const r = useContext(ActionsContext);
  if (!r) throw new Error('useActionRegistry outside ActionsProvider');
  return r;
}

/**
 * Registers `specs` bound to `ctx` while the calling component is mounted. `ctx` may change every
 * render (it carries the host's current state); the registration follows it.
 */
export function useActions<C>(specs: readonly ActionSpec<C, never>[], ctx: C): void {
  const registry = useActionRegistry();
  // One place in the order for the host's whole life; a new context re-binds in that place.
  const [host] = useState(() => registry.host());
  // Bound during the commit, not after paint: a key pressed right after a render (a view just
  // switched) must meet that render's context, not the one before it.
  useLayoutEffect(() => registry.update(host, specs, ctx), [registry, host, specs, ctx]);
  useEffect(() => () => registry.remove(host), [registry, host]);
}

/** The actions available now (for the palette and the key help), re-rendered when hosts change. */
export function useAvailableActions(): BoundAction[] {
  const registry = useActionRegistry();
  const snapshot = useRef<BoundAction[] | null>(null);
  return useSyncExternalStore(
    (l) =>
      registry.subscribe(() => {
        snapshot.current = registry.list();
        l();
      }),
    () => (snapshot.current ??= registry.list()),
  );
}
