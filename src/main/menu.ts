import { Menu, type MenuItemConstructorOptions } from 'electron';

/** A short menu: the app is keyboard-driven inside the window; this keeps the OS conventions. */
export function installMenu(onNewWindow: () => void): void {
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
    { label: 'View', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
