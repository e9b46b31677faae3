import { defineConfig } from '@playwright/test';
import { chromiumPath, CHROMIUM_ARGS } from './support/chromium';

// The real UI in the system's Chromium (Playwright cannot download its own browser here), against
// serve mode started per worker with its own data dir and port. `npm run test:e2e` builds first.
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.e2e.ts',
  outputDir: '../../test-results',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    headless: true,
    viewport: { width: 1600, height: 900 },
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    trace: 'off',
  },
  projects: [
    // Tiles decode with WebCodecs where the browser has it (the default)...
    { name: 'default' },
    // ...and the wall's tests run once more on the MSE fallback.
    { name: 'mse', testMatch: ['**/live-wall.e2e.ts', '**/wall-*.e2e.ts'], use: { player: 'mse' } as object },
  ],
});
