import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code they test; integration tests live under test/integration.
// End-to-end tests are Playwright's (test/e2e) and benchmarks are `npm run bench`, never here.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
    env: { WATCHFLOOR_LOG: process.env.WATCHFLOOR_LOG ?? 'error' },
  },
});
