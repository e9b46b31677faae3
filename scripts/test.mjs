#!/usr/bin/env node
// `npm test`: unit and integration tests (vitest), then the end-to-end tests in the real UI
// (Playwright driving the system Chromium against serve mode). Both runners print their summaries;
// the exit code is non-zero if either failed.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

let status = run(process.execPath, ['scripts/native.mjs', 'node']);
if (status !== 0) process.exit(status);
// Types and the layer rules first: a boundary broken is a failed test.
status = run(process.execPath, ['scripts/typecheck.mjs']) || run(npx, ['eslint', '.']);
if (status !== 0) process.exit(status);
status = run(npx, ['electron-vite', 'build', '--logLevel', 'warn']);
if (status !== 0) process.exit(status);
const unit = run(npx, ['vitest', 'run']);
const e2e = run(npx, ['playwright', 'test', '--config', 'test/e2e/playwright.config.ts']);
process.exit(unit || e2e);
