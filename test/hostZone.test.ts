/**
 * The library never reads the host's time zone: every wall time goes through an IANA zone named
 * by the caller (src/time/zone.ts). The suite also runs under three zones (.ci/run); this test
 * names the line instead of waiting for a zone in which a date happens to differ. It scans the
 * library's code (not its tests) for the Date methods and constructors that use the host's
 * zone.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, test } from "vitest";

const ROOT = join(import.meta.dirname, "..");

/** Each pattern, with why it reads the host's zone. */
const HOST_ZONE: readonly (readonly [RegExp, string])[] = [
  [
    /\.(get|set)(FullYear|Month|Date|Day|Hours|Minutes|Seconds|Milliseconds)\(/,
    "a local-time Date field (use the UTC one, or a zone from src/time)",
  ],
  [/\.getTimezoneOffset\(/, "the host's offset"],
  [/\.to(Date|Time|LocaleDate|LocaleTime)String\(/, "a date written in the host's zone"],
  [/\bnew Date\(\s*[^()\s,]+\s*,/, "a Date from local-time parts (use Date.UTC)"],
  [/\.toLocaleString\(\s*\)/, "a date or number written in the host's locale and zone"],
];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.(test|test-prop|testing)\.ts$/.test(entry.name)
      ? [path]
      : [];
  });
}

/** The lines of `text` that use the host's zone, as `line: why`. */
function hostZoneUses(text: string): string[] {
  return text
    .split("\n")
    .flatMap((line, index) =>
      HOST_ZONE.filter(([pattern]) => pattern.test(line)).map(([, why]) => `${index + 1}: ${why}`),
    );
}

describe("nothing in src reads the host's time zone", () => {
  test("the patterns catch each way of reading it", () => {
    const uses = [
      "d.getHours()",
      "d.setDate(1)",
      "d.getTimezoneOffset()",
      "d.toDateString()",
      "new Date(2024, 0, 1)",
      "d.toLocaleString()",
    ];
    expect(uses.map((line) => hostZoneUses(line).length)).toEqual([1, 1, 1, 1, 1, 1]);
    // What stays in the UTC: UTC fields, Date.UTC, one-argument constructors, a locale with options.
    const utc = [
      "d.getUTCHours()",
      "new Date(Date.UTC(2024, 0, 1))",
      "new Date(ms)",
      'n.toLocaleString("en-US")',
    ];
    expect(utc.flatMap(hostZoneUses)).toEqual([]);
  });

  test("no file of the library uses it", () => {
    const found = sourceFiles(join(ROOT, "src")).flatMap((path) =>
      hostZoneUses(readFileSync(path, "utf8")).map((use) => `${relative(ROOT, path)}:${use}`),
    );
    expect(found).toEqual([]);
  });
});
