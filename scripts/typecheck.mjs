#!/usr/bin/env node
// Type-checks everything. The Electron shell (src/main, src/preload) needs Electron's own type
// declarations, which arrive with the electron package: where it could not be installed (no
// binary download), that part is skipped with a note.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const tsc = (project) => spawnSync(npx, ['tsc', '--noEmit', '-p', project], { cwd: root, stdio: 'inherit' }).status ?? 1;

let status = tsc('tsconfig.json');
if (existsSync(path.join(root, 'node_modules/electron/electron.d.ts'))) status ||= tsc('tsconfig.electron.json');
else console.log('typecheck: electron is not installed, so src/main and src/preload were not type-checked');
process.exit(status);
