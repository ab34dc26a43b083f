import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { runCli } from "../../test/cli.ts";

/** `--interval` and `--change` (issue 18), on the CLI fixtures, with values worked by hand. */
const FIXTURES = join(import.meta.dirname, "../../test/fixtures/cli");
const tickets = join(FIXTURES, "tickets.csv");
const surveys = join(FIXTURES, "surveys.csv");

type Cell = {
  value: number | null;
  interval?: { lower: number; upper: number; level: number; method: string } | null;
  change?: {
    difference: number;
    pValue: number | null;
    noise: boolean | null;
    tooSmall: boolean;
    test: string;
    against: { label: string };
  } | null;
};
type Rows = Array<Record<string, Cell> & { period: { label: string } }>;

async function json(argv: string[]): Promise<Rows> {
  const { code, stdout, stderr } = await runCli(["report", ...argv, "--format", "json", "-q"]);
  expect(stderr).toBe("");
  expect(code).toBe(0);
  return JSON.parse(stdout).rows as Rows;
}

describe("--interval", () => {
  test("a rate's Wilson interval and a duration's t interval, in the unit of the value", async () => {
    const rows = await json([tickets, "--by", "month", "--metrics", "frt,reopen", "--interval"]);
    const january = rows[0] as Rows[number];
    // first responses of January's tickets: 3600, 300, 1800, 7200 s; mean 3225,
    // variance 26 527 500 / 3 = 8 842 500, t(0.975, 3) = 3.182446: 3225 ± 4731.6
    expect(january.frt?.interval?.method).toBe("t");
    expect(january.frt?.interval?.lower).toBeCloseTo(3225 - 3.182446 * Math.sqrt(8842500 / 4), 2);
    expect(january.frt?.interval?.upper).toBeCloseTo(3225 + 3.182446 * Math.sqrt(8842500 / 4), 2);
    // reopened 1 of the 3 resolved: Wilson centre (1 + 1.9207) / 6.8415 = 0.42690,
    // half-width 1.96 / 6.8415 × √(2/3 + 0.9604) = 0.36534 → 6.16 % to 79.22 %
    expect(january.reopen?.interval?.method).toBe("wilson");
    expect(january.reopen?.interval?.lower).toBeCloseTo(6.16, 1);
    expect(january.reopen?.interval?.upper).toBeCloseTo(79.22, 1);
  });

  test("a level as a percentage; the table shows the bounds beside the value", async () => {
    const rows = await json([surveys, "--by", "month", "--metrics", "csat", "--interval", "90"]);
    expect(rows[0]?.csat?.interval?.level).toBe(0.9);
    const { stdout } = await runCli([
      "report",
      surveys,
      "--by",
      "month",
      "--metrics",
      "csat",
      "--interval",
      "-q",
    ]);
    // January: 1 satisfied of 2: Wilson (1 + 1.92) / 5.84 ± 1.96 / 5.84 × √(0.5 + 0.96)
    expect(stdout).toMatch(/csat_lower \(%\)\s+csat_upper \(%\)/);
    expect(stdout).toMatch(/2024-01\s+50\s+2\s+9\.45\s+90\.55/);
  });

  test("without --interval the output has no interval", async () => {
    const rows = await json([surveys, "--by", "month", "--metrics", "csat"]);
    expect(rows[0]?.csat).not.toHaveProperty("interval");
  });
});

describe("--change", () => {
  test("each metric against the previous period, with its p-value and noise flag", async () => {
    const rows = await json([
      tickets,
      "--by",
      "month",
      "--metrics",
      "reopen",
      "--change",
      "previous",
    ]);
    expect(rows[0]?.reopen?.change).toBeNull();
    const february = rows[1]?.reopen?.change;
    // 0 of 2 in February against 1 of 3 in January: −33.33 points, far too few to say
    expect(february?.against.label).toBe("2024-01");
    expect(february?.difference).toBeCloseTo(-100 / 3, 9);
    expect(february?.test).toBe("newcombe");
    expect(february?.tooSmall).toBe(true);
    expect(february?.noise).toBe(true);
    const { stdout } = await runCli([
      "report",
      tickets,
      "--by",
      "month",
      "--metrics",
      "reopen",
      "--change",
      "previous",
      "-q",
    ]);
    expect(stdout).toMatch(/2024-02\s+0\s+2\s+-33\.33\s+0\.3613\s+noise/);
  });

  test.each([
    [
      ["--interval", "abc"],
      '--interval must be a level between 0 and 1, or a percentage (0.9 or 90), got "abc"',
    ],
    [["--change", "week"], '--change must be previous or year, got "week"'],
  ])("%j is a usage error", async (flags, message) => {
    const { code, stderr } = await runCli(["report", tickets, "--by", "month", ...flags]);
    expect(code).toBe(1);
    expect(stderr).toContain(message);
  });

  test("--change needs a period", async () => {
    const { code, stderr } = await runCli([
      "report",
      tickets,
      "--by",
      "channel",
      "--change",
      "year",
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain("--change needs a period in --by");
  });
});

describe("--target", () => {
  test("baseline the first period, progress and pace at the last, direction from the catalogue", async () => {
    const argv = [tickets, "--by", "month", "--metrics", "frt,reopen"];
    const { stdout } = await runCli([
      "report",
      ...argv,
      "--target",
      "reopen=10@2024-06-01T00:00:00Z",
      "--target",
      "frt=1800",
      "-q",
    ]);
    // reopen 33.33 % in January → 10 % by 1 June; 0 % in March: progress (0 − 33.33) / (10 − 33.33)
    // = 1.43; at the end of March 91 of the 152 days are gone: 0.60 → on track
    expect(stdout).toContain(
      "reopen ≤ 10 by 2024-06-01: baseline 33.33 (2024-01), current 0 (2024-03), progress 1.43 against 0.60 of the time: on-track",
    );
    // first response 3225 s in January → 1800 s by the end of March (the last period's end);
    // 4540 s in February, judged at 1 March, 60 of 91 days: progress −0.92 → behind
    expect(stdout).toContain(
      "frt ≤ 1800 by 2024-04-01: baseline 3225 (2024-01), current 4540 (2024-02), progress -0.92 against 0.66 of the time: behind",
    );
    const rows = JSON.parse(
      (
        await runCli([
          "report",
          ...argv,
          "--target",
          "reopen=10@2024-06-01T00:00:00Z",
          "--format",
          "json",
          "-q",
        ])
      ).stdout,
    );
    expect(rows.targets[0]).toMatchObject({
      column: "reopen",
      direction: "lower",
      status: "on-track",
    });
  });

  test.each([
    [
      ["--target", "csat=90"],
      '--target csat=90: "csat" is not a metric of this report (add it to --metrics)',
    ],
    [
      ["--target", "reopen"],
      '--target must be metric=value or metric=value@deadline, got "reopen"',
    ],
    [["--target", "reopen=low"], '--target reopen=low: the value must be a number, got "low"'],
  ])("%j is a usage error", async (flags, message) => {
    const { code, stderr } = await runCli([
      "report",
      tickets,
      "--by",
      "month",
      "--metrics",
      "reopen",
      ...flags,
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain(message);
  });
});

describe("the HTML report", () => {
  test("shows each KPI's interval and whether its change is noise, with the rule applied", async () => {
    const { code, stdout } = await runCli([
      "report",
      surveys,
      "--by",
      "month",
      "--metrics",
      "csat",
      "--interval",
      "--format",
      "html",
      "-q",
    ]);
    expect(code).toBe(0);
    const text = stdout.replace(/<[^>]*>/g, " ");
    // February: 1 satisfied of 1, Wilson (1 + 1.92) / 4.84 ± 1.96 / 4.84 × √0.96 → 20.7 % to 100 %
    expect(text).toContain("95 % interval 20.7 % – 100.0 %");
    // against January's 1 of 2: far under the 2 × 2 table's expected counts of 5
    expect(text).toContain(
      "within noise (too few to say: each expected count of the 2 × 2 table at least 5 (Cochran 1954))",
    );
  });

  test("shows the KPI targets: baseline, latest, progress against the pace, status", async () => {
    const { code, stdout } = await runCli([
      "report",
      tickets,
      "--by",
      "month",
      "--metrics",
      "frt,reopen",
      "--target",
      "reopen=10@2024-06-01T00:00:00Z",
      "--target",
      "frt=1800",
      "--format",
      "html",
      "-q",
    ]);
    expect(code).toBe(0);
    const table = stdout.slice(stdout.indexOf('<section id="targets">'));
    const cells = (table.slice(0, table.indexOf("</section>")).match(/<td>[^<]*<\/td>/g) ?? []).map(
      (cell) => cell.slice(4, -5),
    );
    // The same evaluations as the text output above: reopen 33.33 % (January) → 0 % (March),
    // progress 1.43 against 0.60 of the time; first response 3225 s → 4540 s, progress −0.92
    // against 0.66 (shown in minutes, the unit that suits 30–76 min).
    expect(cells).toEqual([
      "Reopen rate",
      "≤ 10.0 % by 2024-06-01",
      "33.3 % (2024-01)",
      "0.0 % (2024-03)",
      "143 % of the way, 60 % of the time",
      "on track",
      "First response time",
      "≤ 30.0 min by 2024-04-01",
      "53.8 min (2024-01)",
      "75.7 min (2024-02)",
      "-92 % of the way, 66 % of the time",
      "behind",
    ]);
  });

  test("a duration's mean keeps exact durations when an interval is asked for (no sketch)", async () => {
    const { code, stdout } = await runCli([
      "report",
      tickets,
      "--by",
      "month",
      "--metrics",
      "frt",
      "--interval",
      "--format",
      "html",
      "-q",
    ]);
    expect(code).toBe(0);
    expect(stdout.replace(/<[^>]*>/g, " ")).toMatch(/95 % interval/);
  });
});
