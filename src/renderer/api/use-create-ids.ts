import { useCallback, useMemo, useRef } from 'react';
import { newId } from './new-id';

/**
 * Ids for creates whose form closes before the answer comes (save view, new tour): the same id is
 * used again for the same thing (`key`, e.g. the name) until a save of it succeeds, so saving again
 * after a failure the UI could not confirm updates the first record instead of adding a twin.
 */
export function useCreateIds(): { idFor(key: string): string; done(key: string): void } {
  const ids = useRef(new Map<string, string>());
  const idFor = useCallback((key: string) => {
    let id = ids.current.get(key);
    if (!id) {
      id = newId();
      ids.current.set(key, id);
    }
    return id;
  }, []);
  const done = useCallback((key: string) => void ids.current.delete(key), []);
  return useMemo(() => ({ idFor, done }), [idFor, done]);
}
