// The default data dir is the same folder Electron's app.getPath('userData') gives for our app
// name, so the desktop app and serve mode on one machine share one database.
import os from 'node:os';
import path from 'node:path';
import { APP_NAME } from './version';

export function defaultDataDir(platform = process.platform, env = process.env): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', APP_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), APP_NAME);
}
