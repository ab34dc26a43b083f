/**
 * `--as-of` is read as every instant the CLI reads (issue 12): with an offset, or zone-less in
 * `--tz`; before, `Date.parse` read `2024-06-01T00:00` in the host's zone and `1` as 2001.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test/cli.ts";
import { readInstantFlag } from "./instant.ts";
import { UsageError } from "./usage.ts";

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../test/fixtures/cli/${name}`, import.meta.url));

describe("readInstantFlag", () => {
  it("reads a zone-less value in --tz, whatever the host's zone", () => {
    // Kiritimati is UTC+14: midnight there is 10:00 the day before in UTC.
    expect(readInstantFlag("--as-of", "2024-06-01T00:00", "Pacific/Kiritimati", true)).toBe(
      Date.UTC(2024, 4, 31, 10),
    );
    // New York in June is UTC−4.
    expect(readInstantFlag("--as-of", "2024-06-01", "America/New_York", true)).toBe(
      Date.UTC(2024, 5, 1, 4),
    );
  });

  it("reads a value with an offset as written, --tz or not", () => {
    const at = Date.UTC(2024, 5, 1, 7, 30);
    expect(readInstantFlag("--as-of", "2024-06-01T09:30:00+02:00", "UTC", false)).toBe(at);
    expect(readInstantFlag("--as-of", "2024-06-01T07:30Z", "Asia/Tokyo", true)).toBe(at);
  });

  it("refuses a zone-less value without --tz, saying how to give the zone", () => {
    expect(() => readInstantFlag("--as-of", "2024-06-01T00:00", "UTC", false)).toThrow(
      new UsageError(
        '--as-of "2024-06-01T00:00" has no zone; add Z or +hh:mm, or give its zone with --tz (for example --tz UTC or --tz Europe/Berlin)',
      ),
    );
  });

  it.each(["1", "June 1, 2024", "2024-02-30T00:00Z", "0000-00-00"])("refuses %s", (value) => {
    expect(() => readInstantFlag("--as-of", value, "UTC", true)).toThrow(UsageError);
  });

  it("refuses an instant outside the supported years (and an extended year)", () => {
    expect(() => readInstantFlag("--as-of", "+275760-09-13T00:00:00Z", "UTC", true)).toThrow(
      UsageError,
    );
    // Midnight of year 0 at UTC+01:00 is an hour before the earliest supported instant.
    expect(() => readInstantFlag("--as-of", "0000-01-01T00:00+01:00", "UTC", true)).toThrow(
      /^--as-of must be between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z/,
    );
  });
});

describe("report --as-of", () => {
  const argv = [
    "report",
    fixture("tickets.csv"),
    "--policies",
    fixture("policies.json"),
    "--metrics",
    "sla",
    "--by",
    "none",
    "--format",
    "json",
    "-q",
  ];

  it("takes a zone-less instant in --tz: the meta says the UTC instant", async () => {
    const { code, stdout } = await runCli([
      ...argv,
      "--tz",
      "Pacific/Kiritimati",
      "--as-of",
      "2024-01-20T23:00",
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).meta.asOf).toBe("2024-01-20T09:00:00.000Z");
  });

  it("refuses a zone-less instant without --tz (exit 1, one line)", async () => {
    const { code, stderr } = await runCli([...argv, "--as-of", "2024-01-20T09:00"]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'support-metrics: --as-of "2024-01-20T09:00" has no zone; add Z or +hh:mm, or give its zone with --tz (for example --tz UTC or --tz Europe/Berlin)\n',
    );
  });

  it("refuses --as-of 1, which Date.parse read as 2001-01-01 local time", async () => {
    const { code, stderr } = await runCli([...argv, "--as-of", "1"]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'support-metrics: --as-of must be an ISO 8601 timestamp such as "2024-03-01T09:30:00Z", got "1"\n',
    );
  });
});
