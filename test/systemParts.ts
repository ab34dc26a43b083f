/**
 * Tests that need a part from outside npm (Debian's chromium, a PostgreSQL server) are
 * skipped on a machine without it, so `npm test` runs anywhere; `.ci/run` installs the parts
 * and sets `SUPPORT_METRICS_REQUIRE_ENGINES=1`, which turns a missing part into a failure, so
 * CI can never pass by skipping.
 */

/** Whether a missing part must fail the run instead of skipping its tests. */
export const partsRequired = process.env.SUPPORT_METRICS_REQUIRE_ENGINES === "1";

/**
 * Whether tests needing a part can run; throws when the part is required and missing.
 *
 * @param found - Whether the part is installed.
 * @param install - What installs it, for the error (`apt-get install chromium`).
 */
export function partAvailable(found: boolean, install: string): boolean {
  if (!found && partsRequired)
    throw new Error(`required by SUPPORT_METRICS_REQUIRE_ENGINES=1 but not installed: ${install}`);
  return found;
}
