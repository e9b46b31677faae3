// The IPC bridge: every message from a renderer goes through the same dispatcher as serve mode's
// WebSocket, after checking that it comes from the main frame of one of our own windows.
import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { callMessage, MAX_MESSAGE_BYTES, type CoreEvent } from '../shared/contract';
import type { Core } from '../core/core';
import { isAppUrl } from './security';

export const CALL_CHANNEL = 'watchfloor:call';
export const EVENT_CHANNEL = 'watchfloor:event';
export const VIDEO_CHANNEL = 'watchfloor:video';

function senderAllowed(event: IpcMainInvokeEvent | IpcMainEvent, appOrigin: string): boolean {
  const frame = event.senderFrame;
  return !!frame && frame === event.sender.mainFrame && isAppUrl(frame.url, appOrigin);
}

export function installBridge(core: Core, appOrigin: string, video: (contents: WebContents) => { base: string; token: string }): () => void {
  ipcMain.handle(CALL_CHANNEL, async (event, raw: unknown) => {
    if (!senderAllowed(event, appOrigin)) return { ok: false, error: { code: 'permission_denied', params: {} } };
    const size = JSON.stringify(raw ?? null).length;
    if (size > MAX_MESSAGE_BYTES) return { ok: false, error: { code: 'message_too_large', params: { bytes: size, limit: MAX_MESSAGE_BYTES } } };
    const msg = callMessage.safeParse(raw);
    if (!msg.success) return { ok: false, error: { code: 'bad_request', params: { problem: 'not_a_call' } } };
    return core.dispatcher.call(msg.data.method, msg.data.input, { user: core.localUser });
  });
  // Asked synchronously once by each preload (the bridge must exist before page scripts run).
  const onVideo = (event: IpcMainEvent) => {
    event.returnValue = senderAllowed(event, appOrigin) ? video(event.sender) : null;
  };
  ipcMain.on(VIDEO_CHANNEL, onVideo);
  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    ipcMain.off(VIDEO_CHANNEL, onVideo);
  };
}

export function forwardEvents(core: Core, contents: WebContents): () => void {
  return core.services.events.subscribe((event: CoreEvent) => {
    if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event);
  });
}
