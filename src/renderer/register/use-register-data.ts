// The register's areas and categories for the screens (filters, pickers, the tree editor),
// reloaded whenever the core says the register changed.
import { useEffect, useMemo, useState } from 'react';
import type { AreaRecord, Category } from '../../shared/contract';
import { useApp } from '../app/app-context';

const collator = new Intl.Collator('vi');

export interface AreaNode extends AreaRecord {
  depth: number;
}

/** Areas in tree order (parents before children, siblings in Vietnamese order), retired ones last. */
export function treeOrder(areas: readonly AreaRecord[]): AreaNode[] {
  const byParent = new Map<string | null, AreaRecord[]>();
  const ids = new Set(areas.map((a) => a.id));
  for (const a of areas) {
    const parent = a.parentId && ids.has(a.parentId) ? a.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), a]);
  }
  const out: AreaNode[] = [];
  const walk = (parent: string | null, depth: number) => {
    const list = (byParent.get(parent) ?? [])
      .slice()
      .sort((x, y) => Number(!!x.retiredOn) - Number(!!y.retiredOn) || collator.compare(x.name, y.name));
    for (const a of list) {
      out.push({ ...a, depth });
      if (depth < 32) walk(a.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export function useRegisterData(): { areas: AreaNode[] | null; categories: Category[] } {
  const { api } = useApp();
  const [areas, setAreas] = useState<AreaRecord[] | null>(null);
  const [categories, setCategories] = useState<Category[]>([]);
  useEffect(() => {
    let alive = true;
    const load = () => {
      api.call('register.areas', {}).then(
        (a) => alive && setAreas(a),
        () => undefined,
      );
      api.call('register.categories', {}).then(
        (c) => alive && setCategories(c),
        () => undefined,
      );
    };
    load();
    const off = api.on('register.changed', load);
    return () => {
      alive = false;
      off();
    };
  }, [api]);
  return { areas: useMemo(() => (areas ? treeOrder(areas) : null), [areas]), categories };
}

/** A category's name: built-in ones translated, the centre's own as typed. */
export function categoryName(t: (k: string) => string, categories: readonly Category[], id: string | null): string {
  if (!id) return '';
  const c = categories.find((x) => x.id === id);
  return c && !c.builtin ? c.name : t(`register.enums.category.${id}`);
}
