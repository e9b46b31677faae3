import { Menu, type MenuItemConstructorOptions } from 'electron';

/**
 * A short menu: the app is keyboard-driven inside the window; this keeps the OS conventions.
 * Reload and DevTools exist only in development: on the watch floor a reload is a lost wall and
 * DevTools a way around every check the page makes.
 */
export function installMenu(onNewWindow: () => void, development: boolean): void {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'Window',
      submenu: [
        { label: 'New Window', accelerator: 'CmdOrCtrl+Shift+N', click: onNewWindow },
        { role: 'togglefullscreen' },
        { role: 'minimize' },
        { role: 'close' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        ...(development ? [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
