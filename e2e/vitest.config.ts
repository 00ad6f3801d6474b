import { defineProject } from 'vitest/config';

// Whole-path tests start real processes (the production BFF bundle, the emulator) and
// Chromium; on a 2-core machine they run one file at a time with generous time-outs.
// Time-outs bound a hung run; no test asserts on speed (that is bench/'s job).
export default defineProject({
  test: {
    name: 'e2e',
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', 'artifacts/**'],
    globalSetup: ['./support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
