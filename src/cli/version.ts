/** The package's version, for `--version`: read from package.json beside the code. */
import { readFileSync } from "node:fs";

/**
 * The version in the package's package.json. The CLI runs from src/cli (tests, tsx) or from
 * dist/cli.js (installed), so both places are tried; "unknown" if neither is found.
 */
export function packageVersion(): string {
  for (const up of ["../package.json", "../../package.json"]) {
    try {
      const json = JSON.parse(readFileSync(new URL(up, import.meta.url), "utf8")) as {
        name?: unknown;
        version?: unknown;
      };
      if (json.name === "support-metrics" && typeof json.version === "string") return json.version;
    } catch {
      // not this one: try the next place
    }
  }
  return "unknown";
}
