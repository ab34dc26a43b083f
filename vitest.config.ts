import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

const TESTS = [
  "src/**/*.test.ts",
  "src/**/*.test-prop.ts",
  "test/**/*.test.ts",
  "test/**/*.test-prop.ts",
];

/**
 * Test files that change what a module import gives (vi.mock, vi.resetModules) or a global
 * setting (Zod's `jitless`): each runs in a fresh module registry of its own.
 */
const ALONE = ["src/cli/printSqlAlone.test.ts", "src/schemas/fastPath.test-prop.ts"];

/**
 * Left out of `npm test`'s repeat under UTC (`SUPPORT_METRICS_ZONE_REPEAT=1`): the engines'
 * parity properties, a fifth of the suite's time. The host's zone reaches them only as the
 * engines' session zone, and they already run under New York with DuckDB's session and
 * PostgreSQL's sessions moved to zones far from the process's (Pacific/Chatham,
 * Australia/Lord_Howe), so the repeat would add time and no case.
 */
const ZONE_REPEAT_SKIPS =
  process.env.SUPPORT_METRICS_ZONE_REPEAT === "1"
    ? ["src/duckdb/parity.test-prop.ts", "src/postgres/parity.test-prop.ts"]
    : [];

export default defineConfig({
  test: {
    // The whole suite runs pinned to a zone with DST, so a hidden dependence on the host's
    // zone fails here rather than for a user; `npm test` repeats the library's tests under UTC and
    // the time tests under Europe/London (package.json), and test/hostZone.test.ts names any line
    // of the library that reads the host's zone.
    env: { TZ: process.env.TZ ?? "America/New_York" },
    testTimeout: 30_000,
    // One worker per CPU. Vitest's default keeps one CPU for its main thread, which on a
    // 2-CPU machine runs every file in one worker while the other CPU idles; our main thread
    // does little, and many files wait on servers and child processes. On 2 CPUs the New York
    // run went from 219 s to 135 s, every test passing.
    maxWorkers: availableParallelism(),
    projects: [
      {
        extends: true,
        // The rest share one module registry per worker: loading the library's modules once
        // per worker instead of once per file cuts the suite's CPU time about four times
        // (src/metrics and src/reduce: 85 s isolated, 22 s shared). Nothing in these files
        // mocks a module or leaves a global changed.
        test: {
          name: "shared",
          include: TESTS,
          exclude: [...ALONE, ...ZONE_REPEAT_SKIPS],
          isolate: false,
        },
      },
      { extends: true, test: { name: "alone", include: ALONE, isolate: true } },
    ],
  },
});
