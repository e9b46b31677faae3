// The Electron shell: windows, menus, displays, the IPC bridge and safeStorage. All behaviour is in
// the core (src/core), which this file starts exactly as serve mode does. Video reaches the
// windows over a loopback WebSocket with a per-window token (see ../core/serve/server.ts).
import { app, BrowserWindow, session } from 'electron';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createCore, type Core } from '../core/core';
import { createLogger } from '../core/log/logger';
import { startServer, type RunningServer } from '../core/serve/server';
import { forwardEvents, installBridge } from './bridge';
import { installMenu } from './menu';
import { safeStorageBox } from './safe-storage-box';
import { createAppWindow, rendererEntry } from './windows';

const log = createLogger('main');
const preload = path.join(__dirname, '../preload/index.cjs');

if (!app.requestSingleInstanceLock()) app.quit();

let core: Core | null = null;
let server: RunningServer | null = null;
const tokens = new Set<string>();

function openWindow(url?: string, bounds?: { x: number; y: number; width: number; height: number }): void {
  const entry = rendererEntry();
  const win = createAppWindow({ url: url ?? entry.url, ...(bounds ? { bounds } : {}) }, preload, entry.origin, (u) => openWindow(u));
  const off = forwardEvents(core!, win.webContents);
  win.on('closed', off);
}

app.whenReady().then(async () => {
  const dataDir = process.env.WATCHFLOOR_DATA_DIR ?? app.getPath('userData');
  core = await createCore({ dataDir, shell: 'electron', secretBox: safeStorageBox(dataDir) });
  server = await startServer({ core, host: '127.0.0.1', port: 0, rendererDir: null, tokens });
  const entry = rendererEntry();
  installBridge(core, entry.origin, (contents) => {
    const token = randomBytes(24).toString('base64url');
    tokens.add(token);
    contents.once('destroyed', () => tokens.delete(token));
    return { base: server!.url.replace(/^http/, 'ws').replace(/\/$/, ''), token };
  });
  // Nothing outside our own pages and the loopback core: the CSP in index.html says the same.
  session.defaultSession.setPermissionRequestHandler((_wc, permission, cb) => cb(permission === 'fullscreen'));
  installMenu(() => openWindow());
  // Windows come back where they were, showing the view they showed (the renderer records both).
  const saved = core.services.wall.workspace(core.localUser).windows;
  const main = saved.find((w) => w.key === 'main');
  const boundsOf = (w: (typeof saved)[number]) =>
    w.left !== null && w.top !== null && w.width && w.height ? { x: w.left, y: w.top, width: w.width, height: w.height } : undefined;
  openWindow(undefined, main ? boundsOf(main) : undefined);
  for (const w of saved.filter((x) => x.key !== 'main')) {
    // Each window brings back its own kept wall; a `view` here would be a command that replaces it.
    const q = new URLSearchParams({ window: w.key, ...(w.mode === 'wall' ? { mode: 'wall' } : {}) });
    openWindow(`${entry.url}#/wall?${q.toString()}`, boundsOf(w));
  }
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && openWindow());
}).catch((err: unknown) => {
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
