import { defineConfig } from 'vitest/config'

/**
 * Two projects on two cores: everything else runs first, two files at a time; then the
 * real-Chromium tests run one file at a time, so a browser's key timings and a page's
 * round trips are not starved by a DuckDB-heavy suite running beside them.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A scan → API → render round trip can take more than the default 1 s on busy cores.
    expect: { poll: { timeout: 8000 } },
    projects: [
      {
        extends: true,
        test: { name: 'unit-and-integration', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**'], pool: 'forks', maxWorkers: 2, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        // One retry: the tests type wedge scans key by key from the process that also runs the
        // appliance, so an event-loop stall on two shared cores can split a scan (1 run in 3
        // of the full suite here). A real failure fails twice.
        test: { name: 'browser', include: ['test/e2e/**/*.test.ts'], pool: 'forks', maxWorkers: 1, fileParallelism: false, retry: 1, sequence: { groupOrder: 1 } },
      },
    ],
  },
})
