// The register's commands, registered while their view is shown: in the camera table, tick every
// camera the filters list (then change them all at once with the bulk bar) and untick them; in the
// categories view, add, rename or disable one of the centre's own location categories. Buttons and
// the command palette run them through the actions registry.
import { useMemo } from 'react';
import { useActions } from '../actions/ActionsProvider';
import type { ActionSpec } from '../actions/types';

export const REGISTER_ACTIONS = {
  selectAll: 'register.selectAll',
  clearSelection: 'register.clearSelection',
  saveCategory: 'register.saveCategory',
} as const;

export interface CameraTableCtx {
  /** How many cameras the filters list now (null while unknown). */
  total: number | null;
  selected: number;
  selectAll(): Promise<void>;
  clearSelection(): void;
}

const SPECS: ActionSpec<CameraTableCtx, never>[] = [
  {
    name: REGISTER_ACTIONS.selectAll,
    labelKey: 'register.actions.selectAll',
    group: 'register',
    keys: ['Ctrl+A'],
    permission: 'register.manage',
    enabled: (c) => !!c.total && c.selected < c.total,
    perform: (c) => c.selectAll(),
  },
  {
    name: REGISTER_ACTIONS.clearSelection,
    labelKey: 'register.actions.clearSelection',
    group: 'register',
    permission: 'register.manage',
    enabled: (c) => c.selected > 0,
    perform: (c) => c.clearSelection(),
  },
];

export function useCameraTableActions(ctx: CameraTableCtx): void {
  const stable = useMemo(() => ctx, [ctx]);
  useActions(SPECS, stable);
}

export interface CategoryInput {
  id: string;
  name: string;
  disabled: boolean;
}

export interface CategoriesCtx {
  save(input: CategoryInput): Promise<void>;
}

const CATEGORY_SPECS: ActionSpec<CategoriesCtx, never>[] = [
  {
    name: REGISTER_ACTIONS.saveCategory,
    labelKey: 'register.categoriesView.add',
    group: 'register',
    hidden: true,
    permission: 'register.manage',
    perform: (c: CategoriesCtx, input: CategoryInput) => c.save(input),
  } as unknown as ActionSpec<CategoriesCtx, never>,
];

export function useCategoryActions(ctx: CategoriesCtx): void {
  const stable = useMemo(() => ctx, [ctx]);
  useActions(CATEGORY_SPECS, stable);
}
