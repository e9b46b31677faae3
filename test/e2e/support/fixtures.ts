import { test as base } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, startServe, type ServeProcess } from './serve';

export const SCREENSHOT_DIR = path.join(ROOT, 'test/e2e/screenshots');

/** `serve`: one serve-mode core per worker; `snap(name)` saves a full-page PNG to look at. */
export const test = base.extend<{ snap: (name: string) => Promise<string> }, { serve: ServeProcess }>({
  serve: [
    async ({}, use) => {
      const s = await startServe();
      await use(s);
      await s.stop();
    },
    { scope: 'worker' },
  ],
  snap: [
    async ({ page }, use) => {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await use(async (name) => {
        const file = path.join(SCREENSHOT_DIR, `${name}.png`);
        await page.screenshot({ path: file });
        return file;
      });
    },
    { scope: 'test' },
  ],
});

export { expect } from '@playwright/test';
