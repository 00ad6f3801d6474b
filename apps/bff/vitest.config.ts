import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'bff',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Run by the bff-storage project (vitest.storage.config.ts), against both engines.
    exclude: ['test/storage/**'],
    environment: 'node',
  },
});
