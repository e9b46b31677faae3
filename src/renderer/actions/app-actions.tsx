// The frame's own commands: Alt+1 … Alt+9 (and Alt+0 for the tenth) go to the visible pages, in navigation order. Each is
// named after its page, so the palette offers "Go to: Map" rather than "Go to page 2".
import { useMemo } from 'react';
import type { PageId } from '../app/routes';
import { useActions } from './ActionsProvider';
import type { ActionSpec } from './types';

interface AppCtx {
  pages: readonly PageId[];
  navigate: (p: PageId) => void;
}

export function AppActions({ pages, navigate }: AppCtx) {
  const ctx = useMemo(() => ({ pages, navigate }), [pages, navigate]);
  const specs = useMemo(
    () =>
      pages.slice(0, 10).map(
        (page, i): ActionSpec<AppCtx> => ({
          name: `app.page${i + 1}`,
          labelKey: 'actions.gotoPage',
          labelParams: { n: i + 1, page },
          group: 'app',
          keys: [`Alt+${(i + 1) % 10}`],
          whileTyping: true,
          family: { labelKey: 'actions.gotoPages', keys: 'Alt+1 … 9, 0' },
          perform: (c) => c.navigate(page),
        }),
      ),
    [pages],
  );
  useActions(specs, ctx);
  return null;
}
