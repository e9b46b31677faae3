// What the incident screens look things up in: categories (names in both languages), accounts an
// incident can be assigned to. Loaded once per screen and refreshed when asked.
import { useCallback, useEffect, useState } from 'react';
import type { IncidentCategory, MethodOutput } from '../../shared/contract';
import { useApp } from '../app/app-context';

export type Assignee = MethodOutput<'incidents.assignees'>[number];

export function categoryName(c: IncidentCategory | undefined, id: string, lang: string): string {
  if (!c) return id;
  return lang === 'vi' ? c.nameVi : c.nameEn;
}

export function useIncidentRefs(): { categories: IncidentCategory[]; assignees: Assignee[]; reload(): void } {
  const { api } = useApp();
  const [categories, setCategories] = useState<IncidentCategory[]>([]);
  const [assignees, setAssignees] = useState<Assignee[]>([]);
  const load = useCallback(() => {
    void api.call('incidents.categories', {}).then(setCategories, () => undefined);
    void api.call('incidents.assignees', {}).then(setAssignees, () => undefined);
  }, [api]);
  useEffect(load, [load]);
  return { categories, assignees, reload: load };
}

/** "51F-123.45, 30A 999.99" → the plates; empty pieces dropped. */
export const splitList = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
