import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Real SQLite files and a real browser on 2 slow cores: generous, but no timed assertions.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
