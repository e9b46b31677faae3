import { useEffect, useState } from 'react';
import type { RegisterTree } from '../../shared/contract';
import { useApp } from '../app/app-context';

/** The register's tree, reloaded whenever the core says it changed. */
export function useRegister(): RegisterTree | null {
  const { api } = useApp();
  const [tree, setTree] = useState<RegisterTree | null>(null);
  useEffect(() => {
    let alive = true;
    const load = () =>
      api.call('register.tree', {}).then(
        (t) => alive && setTree(t),
        () => undefined,
      );
    void load();
    const off = api.on('register.changed', () => void load());
    return () => {
      alive = false;
      off();
    };
  }, [api]);
  return tree;
}
