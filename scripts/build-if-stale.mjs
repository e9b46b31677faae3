// Builds (electron-vite build) when out/ is missing or older than any source file, so that
// `npm start` and `npm run serve` work straight after `npm install` and after a `git pull`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (!e.name.includes('.test.')) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

export function buildIfStale(root) {
  const marker = path.join(root, 'out/main/serve.js');
  const sources = Math.max(newest(path.join(root, 'src')), statSync(path.join(root, 'package.json')).mtimeMs, statSync(path.join(root, 'electron.vite.config.ts')).mtimeMs);
  if (existsSync(marker) && statSync(marker).mtimeMs >= sources && existsSync(path.join(root, 'out/renderer/index.html'))) return;
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const r = spawnSync(npx, ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
