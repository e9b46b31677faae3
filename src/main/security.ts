// Electron's security checklist, applied once for every window we create: context isolation,
// sandbox, no Node in the renderer, navigation and new windows refused unless they are our own
// pages, openExternal only for parsed http(s) URLs, and permissions granted only for full screen.
import { session, shell, type BrowserWindowConstructorOptions, type WebContents } from 'electron';

export function secureWebPreferences(preload: string): BrowserWindowConstructorOptions['webPreferences'] {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    spellcheck: false,
  };
}

/** Is this URL one of our own renderer pages (app://watchfloor, or the dev server)? */
export function isAppUrl(raw: string, appOrigin: string): boolean {
  try {
    return new URL(raw).origin === appOrigin;
  } catch {
    return false;
  }
}

export function openExternalSafely(raw: string): void {
  try {
    const u = new URL(raw);
    if (u.protocol === 'http:' || u.protocol === 'https:') void shell.openExternal(u.toString());
  } catch {
    // Not a URL: ignore.
  }
}

export function guardNavigation(contents: WebContents, appOrigin: string, onAppWindow: (url: string) => void): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appOrigin)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // A view on a second monitor is our own page: open it as a new secure window of ours.
    if (isAppUrl(url, appOrigin)) onAppWindow(url);
    else openExternalSafely(url);
    return { action: 'deny' };
  });
}

/** Full screen is the only permission a console page gets; asked or merely checked. */
export function lockDownPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, cb) => cb(permission === 'fullscreen'));
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => permission === 'fullscreen');
}
