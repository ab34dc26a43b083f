/**
 * Issue 12's hostile instants, end to end through the CLI: each once hung the report forever
 * or ended it with "Invalid time value", exit 1, no file or line. Each test has a timeout so
 * that a regression fails instead of hanging the suite.
 */
import { describe, expect, it } from "vitest";
import { runCli, scratchFolder } from "../../test/cli.ts";

const QUICK = 20_000;
const folder = scratchFolder("extremes");
const HEADER = "id,createdAt,channel,status,firstResponseAt,firstResolvedAt,lastResolvedAt";
// A mistyped year (0024 for 2024) beside a ticket of 2024.
const TYPO = folder.write(
  "typo.csv",
  [
    HEADER,
    "T1,0024-05-02T09:00:00Z,email,solved,0024-05-02T10:00:00Z,0024-05-02T12:00:00Z,0024-05-02T12:00:00Z",
    "T2,2024-05-02T09:00:00Z,chat,solved,2024-05-02T09:30:00Z,2024-05-02T11:00:00Z,2024-05-02T11:00:00Z",
  ].join("\n"),
);

describe("the years 0 to 99 (issue 12)", () => {
  it(
    "a default report with a ticket in 0024 ends, with the year's own row",
    async () => {
      const { code, stdout } = await runCli(["report", TYPO, "--format", "json", "-q"]);
      expect(code).toBe(0);
      const rows = JSON.parse(stdout).rows;
      // frt: 1 h in 0024, 30 min in 2024.
      expect(
        rows.map((row: { period: { label: string }; frt: { value: number } }) => [
          row.period.label,
          row.frt.value,
        ]),
      ).toEqual([
        ["0024-05", 3600],
        ["2024-05", 1800],
      ]);
    },
    QUICK,
  );

  it(
    "--from 0050-01-01 --to 0050-04-01 --by month gives three rows",
    async () => {
      const argv = ["report", TYPO, "--from", "0050-01-01", "--to", "0050-04-01", "--by", "month"];
      const { code, stdout } = await runCli([...argv, "--metrics", "volume", "--format", "csv"]);
      expect(code).toBe(0);
      expect(stdout).toBe("period,volume\r\n0050-01,0\r\n0050-02,0\r\n0050-03,0\r\n");
    },
    QUICK,
  );
});

describe("instants past the supported years (issue 12)", () => {
  it(
    "epoch milliseconds of ±8.64e15 are rejected rows with line and reason; the rest is reported",
    async () => {
      const file = folder.write(
        "far.ndjson",
        [
          '{"id":"T1","createdAt":8640000000000000,"status":"open"}',
          '{"id":"T2","createdAt":"2024-05-02T09:00:00Z","status":"open"}',
          '{"id":"T3","createdAt":-8640000000000000,"status":"open"}',
        ].join("\n"),
      );
      const argv = ["report", file, "--metrics", "volume", "--by", "none", "--format", "csv"];
      const { code, stdout, stderr } = await runCli(argv);
      expect([code, stdout]).toEqual([0, "volume\r\n1\r\n"]);
      for (const [line, value] of [
        [1, "8640000000000000"],
        [3, "-8640000000000000"],
      ]) {
        expect(stderr).toContain(
          `${file}: line ${line}, column "createdAt" (createdAt): must be between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z, got ${value}\n`,
        );
      }
    },
    QUICK,
  );

  it(
    "a closure ending at 8.64e15 is a usage error naming --schedule",
    async () => {
      const schedule = folder.write(
        "closure.json",
        JSON.stringify({
          timeZone: "UTC",
          weekly: { monday: [{ start: "09:00", end: "17:00" }] },
          closures: [{ start: "2024-01-01T00:00:00Z", end: 8.64e15 }],
        }),
      );
      const { code, stderr } = await runCli(["report", TYPO, "--schedule", schedule, "-q"]);
      expect(code).toBe(1);
      expect(stderr).toMatch(
        new RegExp(
          `^support-metrics: --schedule ${schedule}: \\w+: schedule\\.closures\\[0\\]\\.end must be between 0000-01-01T00:00:00Z and 9999-12-31T23:59:59\\.999Z`,
        ),
      );
    },
    QUICK,
  );

  it(
    "a target of 1e308 minutes is a usage error naming --policies",
    async () => {
      const policies = folder.write(
        "huge.json",
        '[{"name":"Huge","targets":{"resolution":{"minutes":1e308,"businessHours":false}}}]',
      );
      const { code, stderr } = await runCli(["report", TYPO, "--policies", policies, "-q"]);
      expect(code).toBe(1);
      expect(stderr).toBe(
        `support-metrics: --policies ${policies}: slaAttainment: policies[0].targets.resolution.minutes must be at most 52594920 (100 years), got 1e+308\n`,
      );
    },
    QUICK,
  );
});
