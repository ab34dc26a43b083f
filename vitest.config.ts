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

export default defineConfig({
  test: {
    // The whole suite runs pinned to a zone with DST, so a hidden dependence on the host's
    // zone fails here rather than for a user; `npm test` repeats the library's tests under UTC and
    // the time tests under Europe/London (package.json), and test/hostZone.test.ts names any line
    // of the library that reads the host's zone.
    env: { TZ: process.env.TZ ?? "America/New_York" },
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        // The rest share one module registry per worker: loading the library's modules once
        // per worker instead of once per file cuts the suite's CPU time about four times
        // (src/metrics and src/reduce: 85 s isolated, 22 s shared). Nothing in these files
        // mocks a module or leaves a global changed.
        test: { name: "shared", include: TESTS, exclude: ALONE, isolate: false },
      },
      { extends: true, test: { name: "alone", include: ALONE, isolate: true } },
    ],
  },
});
