// Multi-monitor in serve mode: each console window has a key; the core remembers which view it
// shows and where it sits, so after a restart "Reopen windows" puts them back (browsers allow
// window.open only from a click, so the operator confirms once).
import { useCallback, useEffect, useState } from 'react';
import type { WorkspaceWindow } from '../../shared/contract';
import { useApp } from '../app/app-context';

/** A parameter of the wall's route, e.g. #/wall?window=w2&view=… */
function hashParam(name: 'window' | 'view' | 'camera'): string | null {
  return new URLSearchParams(location.hash.split('?')[1] ?? '').get(name);
}

export const windowKeyFromHash = (): string => hashParam('window') ?? 'main';
export const viewFromHash = (): string | null => hashParam('view');
export const cameraFromHash = (): string | null => hashParam('camera');

function place(key: string, viewId: string | null): WorkspaceWindow {
  return {
    key,
    viewId,
    left: Math.round(window.screenX),
    top: Math.round(window.screenY),
    width: Math.max(200, Math.round(window.outerWidth)),
    height: Math.max(150, Math.round(window.outerHeight)),
    displayId: null,
  };
}

export function openViewWindow(key: string, viewId: string | null, at?: WorkspaceWindow): Window | null {
  const features = at && at.left !== null && at.top !== null && at.width && at.height ? `popup,left=${at.left},top=${at.top},width=${at.width},height=${at.height}` : 'popup,width=1280,height=800';
  const q = new URLSearchParams({ window: key, ...(viewId ? { view: viewId } : {}) });
  return window.open(`${location.pathname}#/wall?${q.toString()}`, `watchfloor-${key}`, features);
}

export function useWindowPlace(viewId: string | null) {
  const { api, system } = useApp();
  const key = windowKeyFromHash();
  const [others, setOthers] = useState<WorkspaceWindow[]>([]);

  // Remember this window's view and position now and on move/resize (polled: browsers have no move
  // event). Closing a window does not forget it: a browser quitting closes every window too, and
  // those are the ones to bring back. The operator forgets them from the main window instead.
  useEffect(() => {
    const save = () => void api.call('workspace.saveWindow', { window: place(key, viewId), closed: false }).catch(() => undefined);
    save();
    let last = JSON.stringify(place(key, viewId));
    const id = setInterval(() => {
      const now = JSON.stringify(place(key, viewId));
      if (now !== last) {
        last = now;
        save();
      }
    }, 2000);
    return () => clearInterval(id);
  }, [api, key, viewId]);

  useEffect(() => {
    // The desktop app reopens its windows itself at start; a browser needs the operator's click.
    if (key !== 'main' || system.shell === 'electron') return;
    void api.call('workspace.get', {}).then((w) => setOthers(w.windows.filter((x) => x.key !== 'main')), () => undefined);
  }, [api, key, system.shell]);

  const reopen = useCallback(() => {
    for (const w of others) openViewWindow(w.key, w.viewId, w);
    setOthers([]);
  }, [others]);

  const forget = useCallback(() => {
    for (const w of others) void api.call('workspace.saveWindow', { window: w, closed: true }).catch(() => undefined);
    setOthers([]);
  }, [api, others]);

  const openNew = useCallback((view: string | null) => {
    const k = `w${Date.now().toString(36)}`;
    openViewWindow(k, view);
  }, []);

  return { key, others, reopen, forget, openNew };
}
