import { defineConfig } from 'vitest/config';

/** The checks that read what the main test run recorded (scripts/test.mjs runs them after it). */
export default defineConfig({
  test: { include: ['tests/coverage/**/*.check.ts'], pool: 'forks' },
});
