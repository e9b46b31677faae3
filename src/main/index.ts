// The Electron shell: windows, menus, displays, the IPC bridge and safeStorage. All behaviour is in
// the core (src/core), which this file starts exactly as serve mode does. Pages come from app://
// (see protocol.ts); video and downloads reach the windows over a loopback server with a per-window
// token that stands for the app's session.
import { app, BrowserWindow } from 'electron';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createCore, type Core } from '../core/core';
import type { Principal } from '../core/auth/principal';
import { createLogger } from '../core/log/logger';
import { startServer, type RunningServer } from '../core/serve/server';
import { startLab } from '../sim/lab';
import { AppSession, forwardEvents, installBridge } from './bridge';
import { installMenu } from './menu';
import { registerAppScheme, serveRenderer } from './protocol';
import { safeStorageBox } from './safe-storage-box';
import { lockDownPermissions } from './security';
import { createAppWindow, rendererEntry } from './windows';

const log = createLogger('main');
const preload = path.join(__dirname, '../preload/index.cjs');
const development = !app.isPackaged && !!process.env.ELECTRON_RENDERER_URL;

// One console per machine and user: a second start brings the first one forward instead.
if (!app.requestSingleInstanceLock()) app.quit();
registerAppScheme();

let core: Core | null = null;
let server: RunningServer | null = null;
let session: AppSession | null = null;
const windowTokens = new Set<string>();
let restoredFor: string | null = null;

function openWindow(url?: string, bounds?: { x: number; y: number; width: number; height: number }): void {
  const entry = rendererEntry();
  const win = createAppWindow({ url: url ?? entry.url, ...(bounds ? { bounds } : {}) }, preload, entry.origin, (u) => openWindow(u), development);
  const off = forwardEvents(core!, session!, win.webContents);
  win.on('closed', off);
}

/** After the first sign-in, the operator's other windows come back where they were, with their views. */
function restoreWindows(p: Principal): void {
  if (restoredFor === p.user.id) return;
  restoredFor = p.user.id;
  const entry = rendererEntry();
  const saved = core!.services.wall.workspace(p).windows;
  const boundsOf = (w: (typeof saved)[number]) =>
    w.left !== null && w.top !== null && w.width && w.height ? { x: w.left, y: w.top, width: w.width, height: w.height } : undefined;
  for (const w of saved.filter((x) => x.key !== 'main')) {
    // Each window brings back its own kept wall; a `view` here would be a command that replaces it.
    const q = new URLSearchParams({ window: w.key, ...(w.mode === 'wall' ? { mode: 'wall' } : {}) });
    openWindow(`${entry.url}#/wall?${q.toString()}`, boundsOf(w));
  }
}

app.on('second-instance', () => {
  const win = BrowserWindow.getAllWindows()[0];
  if (win) {
    if (win.isMinimized()) win.restore();
    win.focus();
  }
});

app
  .whenReady()
  .then(async () => {
    const dataDir = process.env.WATCHFLOOR_DATA_DIR ?? app.getPath('userData');
    core = await createCore({ dataDir, shell: 'electron', secretBox: safeStorageBox(dataDir), startDemoLab: (o) => startLab(o), checkOutputs: development });
    session = new AppSession(core);
    const appSession = session;
    server = await startServer({
      core,
      host: '127.0.0.1',
      port: 0,
      rendererDir: null,
      // A window's token is worth the app's session, never more, and nothing once the window is gone.
      windowSession: (token) => (windowTokens.has(token) ? appSession.token : null),
      windowOrigin: rendererEntry().origin,
    });
    const entry = rendererEntry();
    const coreOrigin = server.url.replace(/\/$/, '');
    if (!process.env.ELECTRON_RENDERER_URL) serveRenderer(entry.dir, () => coreOrigin);
    installBridge(
      core,
      entry.origin,
      session,
      (contents) => {
        const token = randomBytes(24).toString('base64url');
        windowTokens.add(token);
        contents.once('destroyed', () => windowTokens.delete(token));
        return { base: coreOrigin.replace(/^http/, 'ws'), token };
      },
      restoreWindows,
    );
    lockDownPermissions();
    installMenu(() => openWindow(), development);
    openWindow();
    app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && openWindow());
  })
  .catch((err: unknown) => {
    log.error('start failed', { error: err instanceof Error ? err.message : String(err) });
    app.exit(1);
  });

app.on('window-all-closed', () => app.quit());

let quitting = false;
app.on('will-quit', (event) => {
  if (quitting) return;
  quitting = true;
  event.preventDefault();
  void (async () => {
    await server?.close();
    await core?.dispose();
    app.exit(0);
  })();
});
