// The IPC bridge: every message from a renderer goes through the same dispatcher as serve mode's
// WebSocket, after checking that it comes from the main frame of one of our own windows. The
// desktop app holds one session for all its windows (one operator at one console); its token stays
// in this process and never reaches a page.
import { ipcMain, webContents, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { callMessage, MAX_MESSAGE_BYTES, type CoreEvent } from '../shared/contract';
import type { CallContext } from '../core/api/dispatcher';
import { hashToken } from '../core/auth/auth-service';
import type { Principal } from '../core/auth/principal';
import type { Core } from '../core/core';
import { isAppUrl } from './security';

export const CALL_CHANNEL = 'watchfloor:call';
export const EVENT_CHANNEL = 'watchfloor:event';
export const VIDEO_CHANNEL = 'watchfloor:video';
export const SESSION_ENDED_CHANNEL = 'watchfloor:session-ended';

/** The desktop app's session: set by sign-in, cleared by sign-out or when the core ends it. */
export class AppSession {
  token: string | null = null;
  constructor(private readonly core: Core) {}
  principal(): Principal | null {
    return this.core.services.auth.resolve(this.token);
  }
}

function senderAllowed(event: IpcMainInvokeEvent | IpcMainEvent, appOrigin: string): boolean {
  const frame = event.senderFrame;
  return !!frame && frame === event.sender.mainFrame && isAppUrl(frame.url, appOrigin);
}

export function installBridge(
  core: Core,
  appOrigin: string,
  session: AppSession,
  video: (contents: WebContents) => { base: string; token: string },
  onSignedIn: (p: Principal) => void,
): () => void {
  ipcMain.handle(CALL_CHANNEL, async (event, raw: unknown) => {
    if (!senderAllowed(event, appOrigin)) return { ok: false, error: { code: 'permission_denied', params: {} } };
    let size = 0;
    try {
      size = JSON.stringify(raw ?? null).length;
    } catch {
      return { ok: false, error: { code: 'bad_request', params: { problem: 'not_json' } } };
    }
    if (size > MAX_MESSAGE_BYTES) return { ok: false, error: { code: 'message_too_large', params: { bytes: size, limit: MAX_MESSAGE_BYTES } } };
    const msg = callMessage.safeParse(raw);
    if (!msg.success) return { ok: false, error: { code: 'bad_request', params: { problem: 'not_a_call' } } };
    let signedIn = false;
    const ctx: CallContext = {
      principal: session.principal(),
      // The desktop app runs on the core's own machine: it may create the first administrator.
      source: { address: 'desktop', local: true },
      setSession: (token) => {
        session.token = token;
        signedIn = token !== null;
      },
    };
    const result = await core.dispatcher.call(msg.data.method, msg.data.input, ctx);
    const p = signedIn ? session.principal() : null;
    if (p) onSignedIn(p);
    return result;
  });
  // Asked synchronously once by each preload (the bridge must exist before page scripts run).
  const onVideo = (event: IpcMainEvent) => {
    event.returnValue = senderAllowed(event, appOrigin) ? video(event.sender) : null;
  };
  ipcMain.on(VIDEO_CHANNEL, onVideo);
  // The core ended the app's session (password changed elsewhere, account disabled): every window shows sign-in.
  const offEnded = core.services.auth.onSessionsEnded((ids) => {
    if (!session.token || !ids.includes(hashToken(session.token))) return;
    session.token = null;
    for (const wc of webContents.getAllWebContents()) if (!wc.isDestroyed()) wc.send(SESSION_ENDED_CHANNEL);
  });
  return () => {
    offEnded();
    ipcMain.removeHandler(CALL_CHANNEL);
    ipcMain.off(VIDEO_CHANNEL, onVideo);
  };
}

/** Events reach a window only while the app is signed in, and only those its area scope allows. */
export function forwardEvents(core: Core, session: AppSession, contents: WebContents): () => void {
  return core.services.events.subscribe((event: CoreEvent) => {
    const p = session.principal();
    if (!contents.isDestroyed() && p && core.services.access.eventVisible(p, event)) contents.send(EVENT_CHANNEL, event);
  });
}
