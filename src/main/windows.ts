// Windows and displays. Each window shows the app at a route (e.g. #/wall?view=…), and every
// window is created with the same secure preferences.
import { BrowserWindow, screen } from 'electron';
import path from 'node:path';
import { APP_ORIGIN } from './protocol';
import { guardNavigation, secureWebPreferences } from './security';

export interface WindowPlace {
  url: string;
  displayId?: number;
  bounds?: { x: number; y: number; width: number; height: number };
}

export function createAppWindow(place: WindowPlace, preload: string, appOrigin: string, onOpen: (url: string) => void, development: boolean): BrowserWindow {
  // A remembered place is used only if it still lies on a connected display (monitors get unplugged).
  const displays = screen.getAllDisplays();
  const b = place.bounds;
  const onScreen = b && displays.some((d) => b.x >= d.bounds.x && b.y >= d.bounds.y && b.x < d.bounds.x + d.bounds.width && b.y < d.bounds.y + d.bounds.height);
  const display = displays.find((d) => d.id === place.displayId) ?? screen.getPrimaryDisplay();
  const { x, y, width, height } = display.workArea;
  const win = new BrowserWindow({
    ...(onScreen && b ? b : { x: x + 40, y: y + 40, width: Math.min(1600, width - 80), height: Math.min(960, height - 80) }),
    backgroundColor: '#0c0f13',
    title: 'Watchfloor',
    show: false,
    autoHideMenuBar: true,
    webPreferences: { ...secureWebPreferences(preload), devTools: development },
  });
  guardNavigation(win.webContents, appOrigin, onOpen);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(place.url);
  return win;
}

/** The dev server in development (electron-vite dev), our app:// scheme otherwise. */
export function rendererEntry(): { url: string; origin: string; dir: string } {
  const dir = path.join(__dirname, '../renderer');
  const dev = process.env.ELECTRON_RENDERER_URL;
  if (dev) return { url: dev, origin: new URL(dev).origin, dir };
  return { url: `${APP_ORIGIN}/index.html`, origin: APP_ORIGIN, dir };
}
