import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'kyc',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
