// The camera table's commands, registered while it is shown: tick every camera the filters list
// (then change them all at once with the bulk bar), and untick them. The buttons and the command
// palette run them through the actions registry.
import { useMemo } from 'react';
import { useActions } from '../actions/ActionsProvider';
import type { ActionSpec } from '../actions/types';

export const REGISTER_ACTIONS = {
  selectAll: 'register.selectAll',
  clearSelection: 'register.clearSelection',
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
