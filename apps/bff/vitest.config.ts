import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'bff',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Run by the bff-storage project (vitest.storage.config.ts), against both engines.
    exclude: ['test/storage/**'],
    environment: 'node',
    // The suite runs beside the browser walks and the other projects on 2 shared cores: a test
    // that starts the emulator, installs and syncs can take seconds under that load. Timing is
    // the benches' business (bench/), never a test's.
    testTimeout: 20_000,
    // Set-up hooks start the same emulator and app: at load 17-19 some took over the 10 s default.
    hookTimeout: 30_000,
  },
});
