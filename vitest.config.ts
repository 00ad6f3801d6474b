import { defineConfig } from 'vitest/config';

// One run for the whole workspace: each package with tests is a project with its own
// vitest.config.ts (environment, setup files, time-outs).
export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'apps/*/vitest.config.ts',
      'apps/bff/vitest.storage.config.ts',
      'e2e/vitest.config.ts',
    ],
  },
});
