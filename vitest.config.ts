import { defineConfig } from 'vitest/config'

// Two cores: two workers keep DuckDB and Chromium tests from starving each other.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
