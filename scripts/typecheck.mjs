#!/usr/bin/env node
// Type-checks everything. The Electron shell (src/main, src/preload) needs Electron's own type
// declarations. They arrive with the electron package, which npm skips where it cannot be installed
// (Electron 41+ declares Node ≥ 22 and is an optional dependency; its binary cannot be downloaded on
// the build machines). Then the same version's package is fetched from the registry with `npm pack`
// (no install scripts run) and only its electron.d.ts is used, so the shell is always checked.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const win = process.platform === 'win32';
const run = (cmd, args, cwd = root) => spawnSync(win ? `${cmd}.cmd` : cmd, args, { cwd, stdio: 'inherit' }).status ?? 1;
const tsc = (project) => run('npx', ['tsc', '--noEmit', '-p', project]);

/** A folder holding electron.d.ts for the version package.json asks for, or null. */
function fetchElectronTypes(into) {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const version = lock.packages?.['node_modules/electron']?.version ?? pkg.optionalDependencies?.electron;
  if (!version) return null;
  if (run('npm', ['pack', `electron@${version}`, '--pack-destination', into, '--silent'], into) !== 0) return null;
  const tgz = readdirSync(into).find((f) => f.endsWith('.tgz'));
  if (!tgz || run('tar', ['-xzf', tgz, 'package/electron.d.ts'], into) !== 0) return null;
  return existsSync(path.join(into, 'package/electron.d.ts')) ? path.join(into, 'package') : null;
}

let status = tsc('tsconfig.json');
if (existsSync(path.join(root, 'node_modules/electron/electron.d.ts'))) status ||= tsc('tsconfig.electron.json');
else {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'wf-electron-types-'));
  try {
    const types = fetchElectronTypes(tmp);
    if (!types) {
      console.log('typecheck: electron is not installed and its types could not be fetched, so src/main and src/preload were not type-checked');
    } else {
      const base = JSON.parse(readFileSync(path.join(root, 'tsconfig.electron.json'), 'utf8'));
      // Inside the project (node_modules/.cache), so @types resolve as they do for the real config.
      const project = path.join(root, 'node_modules/.cache/watchfloor-typecheck-electron.json');
      mkdirSync(path.dirname(project), { recursive: true });
      const abs = (p) => path.join(root, p);
      writeFileSync(
        project,
        JSON.stringify({
          extends: abs('tsconfig.electron.json'),
          include: [...base.include.map(abs), path.join(types, 'electron.d.ts')],
          exclude: (base.exclude ?? []).map((p) => (p.startsWith('**') ? p : abs(p))),
        }),
      );
      console.log('typecheck: src/main and src/preload checked against electron.d.ts fetched with npm pack');
      status ||= tsc(project);
      rmSync(project, { force: true });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
process.exit(status);
