import { defineProject } from 'vitest/config';

// The storage suites: each case runs against SQLite and against a throwaway PostgreSQL
// cluster (test/support/postgres-cluster.ts), started once for the project (decision 022).
export default defineProject({
  test: {
    name: 'bff-storage',
    include: ['test/storage/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['./test/support/postgres-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
