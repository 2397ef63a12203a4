import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    globalSetup: ['tests/global-setup.ts'],
    // Two files at a time even on two cores: the browser and command-line tests spend most of their
    // time waiting for Chromium or a child process, and one worker (vitest's default here) made the
    // suite take 14 minutes. The generous timeouts are for that shared, noisy machine: they catch a
    // hang, they do not measure speed.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default', './tests/summary-reporter.ts'],
  },
});
