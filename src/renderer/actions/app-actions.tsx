// The frame's own commands: Alt+1 … Alt+9 go to the visible pages, in navigation order.
import { useMemo } from 'react';
import type { PageId } from '../app/routes';
import { useActions } from './ActionsProvider';
import type { ActionSpec } from './types';

interface AppCtx {
  pages: readonly PageId[];
  navigate: (p: PageId) => void;
}

const GOTO: ActionSpec<AppCtx>[] = Array.from({ length: 9 }, (_, i) => ({
  name: `app.page${i + 1}`,
  labelKey: 'actions.gotoPage',
  labelParams: { n: i + 1 },
  group: 'app' as const,
  keys: [`Alt+${i + 1}`],
  whileTyping: true,
  enabled: (c: AppCtx) => i < c.pages.length,
  perform: (c: AppCtx) => c.navigate(c.pages[i]!),
}));

export function AppActions({ pages, navigate }: AppCtx) {
  const ctx = useMemo(() => ({ pages, navigate }), [pages, navigate]);
  useActions(GOTO, ctx);
  return null;
}
