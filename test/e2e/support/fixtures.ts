import { writeFileSync } from 'node:fs';
import { test as base, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ADMIN, ROOT, startServe, type ServeProcess } from './serve';

export const SCREENSHOT_DIR = path.join(ROOT, 'test/e2e/screenshots');

export type Account = { username: string; password: string } | null;

/**
 * `serve`: a serve-mode core of this test's own (fresh data dir: no test sees another's state).
 * `account`: who the page is signed in as before the test starts (the test administrator by
 * default; `test.use({ account: null })` for the sign-in screen itself).
 * `snap(name)`: saves a screenshot to look at.
 */
export type PlayerPath = 'auto' | 'webcodecs' | 'mse';

export const test = base.extend<{ serve: ServeProcess; account: Account; player: PlayerPath; snap: (name: string) => Promise<string> }>({
  account: [ADMIN, { option: true }],
  // The tiles' decoding path: the playwright config runs the wall tests once more with 'mse'.
  player: ['auto', { option: true }],
  serve: async ({}, use, info) => {
    const s = await startServe();
    await use(s);
    await s.stop();
    // A failed test carries the core's log: "Something went wrong in the core" names its cause there.
    if (info.status !== info.expectedStatus) writeFileSync(info.outputPath('serve-stderr.txt'), s.stderr());
  },
  page: async ({ page, account, serve, player }, use) => {
    if (player !== 'auto') await page.addInitScript((p) => localStorage.setItem('watchfloor.player', p), player);
    if (account) await signIn(page, serve.url, account);
    await use(page);
  },
  snap: async ({ page, player }, use) => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await use(async (name) => {
      const file = path.join(SCREENSHOT_DIR, `${name}${player === 'mse' ? '-mse' : ''}.png`);
      await page.screenshot({ path: file });
      return file;
    });
  },
});

/** Signs the page's browser context in through the same HTTP call the sign-in screen makes. */
export async function signIn(page: Page, baseUrl: string, account: { username: string; password: string } = ADMIN): Promise<void> {
  const u = new URL(baseUrl);
  const res = await page.request.post(new URL('/api/http/session.signIn', u).toString(), { data: account, headers: { Origin: u.origin } });
  const body = (await res.json()) as { ok: boolean; error?: unknown };
  if (!body.ok) throw new Error(`sign-in as ${account.username} failed: ${JSON.stringify(body.error)}`);
}

export { expect } from '@playwright/test';
