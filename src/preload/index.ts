// The sandboxed preload: exposes exactly the bridge the renderer's transport expects
// (window.watchfloor: call, onEvent, video base + token) and nothing else; never ipcRenderer.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const CALL = 'watchfloor:call';
const EVENT = 'watchfloor:event';
const VIDEO = 'watchfloor:video';
const SESSION_ENDED = 'watchfloor:session-ended';

// Synchronous once, at load: the bridge must exist before the page's scripts run.
const video = (ipcRenderer.sendSync(VIDEO) as { base: string; token: string } | null) ?? { base: '', token: '' };

contextBridge.exposeInMainWorld('watchfloor', {
  call: (method: string, input: unknown) => ipcRenderer.invoke(CALL, { kind: 'call', id: 0, method, input }),
  onEvent: (listener: (event: unknown) => void) => {
    const wrapped = (_e: IpcRendererEvent, event: unknown) => listener(event);
    ipcRenderer.on(EVENT, wrapped);
    return () => ipcRenderer.removeListener(EVENT, wrapped);
  },
  onSessionEnded: (listener: () => void) => {
    const wrapped = () => listener();
    ipcRenderer.on(SESSION_ENDED, wrapped);
    return () => ipcRenderer.removeListener(SESSION_ENDED, wrapped);
  },
  videoBase: video.base,
  videoToken: video.token,
});
