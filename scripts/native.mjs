#!/usr/bin/env node
// better-sqlite3 is a native addon: it must be built for the runtime that loads it. Node (tests,
// serve mode) and Electron (the desktop app) have different ABIs, so before each we check that it
// loads and rebuild it when it does not. Usage: node scripts/native.mjs node|electron
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const target = process.argv[2] ?? 'node';
const probe = "const D=require('better-sqlite3');new D(':memory:').close()";

function loads(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  return r.status === 0;
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

if (target === 'node') {
  if (!loads(process.execPath, ['-e', probe])) {
    console.error('Rebuilding better-sqlite3 for Node…');
    run(npm, ['rebuild', 'better-sqlite3']);
  }
} else if (target === 'electron') {
  const electron = require('electron');
  if (!loads(electron, ['-e', probe], { ELECTRON_RUN_AS_NODE: '1' })) {
    console.error('Rebuilding better-sqlite3 for Electron…');
    run(npx, ['--yes', '@electron/rebuild', '--force', '--only', 'better-sqlite3']);
  }
} else {
  console.error('usage: node scripts/native.mjs node|electron');
  process.exit(2);
}
