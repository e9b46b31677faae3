// Multi-monitor in serve mode: each console window has a key; the core remembers which view it
// shows, whether it is a wall-only window, and where it sits, so after a restart "Reopen windows"
// puts them back (browsers allow window.open only from a click, so the operator confirms once).
// Each window's wall itself is kept by use-wall-store.
import { useCallback, useEffect, useState } from 'react';
import type { WorkspaceWindow } from '../../shared/contract';
import { useApp } from '../app/app-context';

/** The wall route's parameters, e.g. #/wall?window=w2&mode=wall&view=… */
export function hashParams(): URLSearchParams {
  return new URLSearchParams(location.hash.split('?')[1] ?? '');
}

export const windowKeyFromHash = (): string => {
  const key = hashParams().get('window');
  return key && /^[A-Za-z0-9_-]{1,40}$/.test(key) ? key : 'main';
};
export const windowModeFromHash = (): 'console' | 'wall' => (hashParams().get('mode') === 'wall' ? 'wall' : 'console');

/**
 * Takes `view` and `camera` out of the address once acted on: they are commands ("show this"),
 * and a reload must bring back the wall as it is now, not run them again.
 */
export function consumeHashCommands(): { view: string | null; camera: string | null } {
  const params = hashParams();
  const view = params.get('view');
  const camera = params.get('camera');
  if (view || camera) {
    params.delete('view');
    params.delete('camera');
    const rest = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${location.search}#/wall${rest ? `?${rest}` : ''}`);
  }
  return { view, camera };
}

function place(key: string, viewId: string | null, mode: 'console' | 'wall'): WorkspaceWindow {
  return {
    key,
    viewId,
    mode,
    left: Math.round(window.screenX),
    top: Math.round(window.screenY),
    width: Math.max(200, Math.round(window.outerWidth)),
    height: Math.max(150, Math.round(window.outerHeight)),
    displayId: null,
  };
}

export function openViewWindow(key: string, viewId: string | null, mode: 'console' | 'wall', at?: WorkspaceWindow): Window | null {
  const features = at && at.left !== null && at.top !== null && at.width && at.height ? `popup,left=${at.left},top=${at.top},width=${at.width},height=${at.height}` : 'popup,width=1280,height=800';
  const q = new URLSearchParams({ window: key, ...(mode === 'wall' ? { mode } : {}), ...(viewId ? { view: viewId } : {}) });
  return window.open(`${location.pathname}#/wall?${q.toString()}`, `watchfloor-${key}`, features);
}

export function useWindowPlace(viewId: string | null) {
  const { api, system } = useApp();
  const key = windowKeyFromHash();
  const mode = windowModeFromHash();
  const [others, setOthers] = useState<WorkspaceWindow[]>([]);

  // Remember this window's view and position now and on move/resize (polled: browsers have no move
  // event). Closing a window does not forget it: a browser quitting closes every window too, and
  // those are the ones to bring back. The operator forgets them from the main window instead.
  useEffect(() => {
    const save = () => void api.call('workspace.saveWindow', { window: place(key, viewId, mode), closed: false }).catch(() => undefined);
    save();
    let last = JSON.stringify(place(key, viewId, mode));
    const id = setInterval(() => {
      const now = JSON.stringify(place(key, viewId, mode));
      if (now !== last) {
        last = now;
        save();
      }
    }, 2000);
    return () => clearInterval(id);
  }, [api, key, viewId, mode]);

  useEffect(() => {
    // The desktop app reopens its windows itself at start; a browser needs the operator's click.
    if (key !== 'main' || system.shell === 'electron') return;
    void api.call('workspace.get', {}).then((w) => setOthers(w.windows.filter((x) => x.key !== 'main')), () => undefined);
  }, [api, key, system.shell]);

  // Each reopened window brings back its own wall (kept per window in the core), not a view.
  const reopen = useCallback(() => {
    for (const w of others) openViewWindow(w.key, null, w.mode, w);
    setOthers([]);
  }, [others]);

  const forget = useCallback(() => {
    for (const w of others) void api.call('workspace.saveWindow', { window: w, closed: true }).catch(() => undefined);
    setOthers([]);
  }, [api, others]);

  const openNew = useCallback((view: string | null, newMode: 'console' | 'wall') => {
    const k = `w${Date.now().toString(36)}`;
    openViewWindow(k, view, newMode);
  }, []);

  return { key, mode, others, reopen, forget, openNew };
}
