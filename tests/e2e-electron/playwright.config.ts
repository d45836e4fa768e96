import { defineConfig } from '@playwright/test';

/**
 * The Electron end-to-end specs: Playwright's `_electron` drives the real app (built by
 * `electron-vite build`). They need the Electron binary, which scripts/electron-check.ts looks
 * for before running them.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
});
