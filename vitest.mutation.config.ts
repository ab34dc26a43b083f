import { defineConfig } from "vitest/config";

/**
 * The tests Stryker runs against each mutant (`npm run mutation`): the unit and property tests
 * beside the code in src/, and the catalogue-wide checks under test/. The browser, package,
 * CLI-process and notebook tests start processes or browsers and test wiring, not formulas;
 * they stay out so that a run over every metric file fits in an afternoon on two cores. So do
 * the engines' parity properties (src/duckdb, src/postgres, src/sql): they start DuckDB or
 * PostgreSQL and compare whole rollups, which the in-memory tests already pin, and one of
 * them timing out under load fails the run before a mutant is tried.
 */
export default defineConfig({
  test: {
    include: [
      "src/**/*.test.ts",
      "src/**/*.test-prop.ts",
      // Across the catalogue: each metric's declared name, errors and junk records.
      "test/catalogue.test.ts",
      "test/errors.test.ts",
      "test/junk.test-prop.ts",
    ],
    exclude: [
      "src/cli/**",
      "src/node/**",
      "src/report/**",
      "src/duckdb/**",
      "src/postgres/**",
      "src/sql/**",
    ],
    env: { TZ: "America/New_York" },
    testTimeout: 30_000,
  },
});
