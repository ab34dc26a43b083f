import { defineConfig } from "vitest/config";

/**
 * The tests Stryker runs against each mutant (`npm run mutation`): the unit and property tests
 * beside the code in src/, and the catalogue-wide checks under test/. The browser, package,
 * CLI-process and notebook tests start processes or browsers and test wiring, not formulas;
 * they stay out so that a run over every metric file fits in an afternoon on two cores.
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
    exclude: ["src/cli/**", "src/node/**", "src/report/**"],
    env: { TZ: "America/New_York" },
    testTimeout: 30_000,
  },
});
