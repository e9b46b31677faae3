#!/usr/bin/env node
// `npm start`: the desktop app where Electron is installed; otherwise (as on a build machine where
// Electron's binary cannot be downloaded) one line saying so, then serve mode and its URL.
// `npm run serve -- …` and `npm run demo` come here with --serve to skip Electron.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from './build-if-stale.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const args = process.argv.slice(2);
const serveOnly = args.includes('--serve');
const passThrough = args.filter((a) => a !== '--serve');

function electronBinary() {
  try {
    const dir = path.dirname(require.resolve('electron/package.json'));
    const rel = existsSync(path.join(dir, 'path.txt')) ? readFileSync(path.join(dir, 'path.txt'), 'utf8').trim() : '';
    const bin = rel && path.join(dir, 'dist', rel);
    return bin && existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

function forward(child) {
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const electron = serveOnly ? null : electronBinary();
buildIfStale(root);
if (electron) {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/native.mjs'), 'electron'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  forward(spawn(electron, [root, ...passThrough], { cwd: root, stdio: 'inherit' }));
} else {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/native.mjs'), 'node'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  const extra = serveOnly ? [] : ['--explain-no-electron'];
  forward(spawn(process.execPath, [path.join(root, 'out/main/serve.js'), ...extra, ...passThrough], { cwd: root, stdio: 'inherit' }));
}
