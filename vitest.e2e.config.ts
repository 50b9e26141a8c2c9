import { defineConfig } from 'vitest/config';

// End-to-end tests in test/: they drive the real `plas` command on tiny experiments.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 300_000, fileParallelism: false },
});
