/** `--duplicates`: a ticket in two overlapping exports is counted once, and said so. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../test/cli.ts";

const scratch = mkdtempSync(join(tmpdir(), "support-metrics-cli-duplicates-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const run = runCli;

const ticket = (id: string, createdAt: string, status: string) =>
  JSON.stringify({ id, createdAt, status });
// January's export ends with T3 open; February's starts with T3 again, now solved.
const jan = join(scratch, "jan.ndjson");
const feb = join(scratch, "feb.ndjson");
writeFileSync(
  jan,
  [
    ticket("T1", "2024-01-05T09:00:00Z", "open"),
    ticket("T2", "2024-01-20T09:00:00Z", "open"),
    ticket("T3", "2024-01-31T09:00:00Z", "open"),
    ticket("T1", "2024-01-05T09:00:00Z", "pending"),
  ].join("\n"),
);
writeFileSync(
  feb,
  [
    ticket("T3", "2024-01-31T09:00:00Z", "solved"),
    ticket("T4", "2024-02-02T09:00:00Z", "open"),
  ].join("\n"),
);

const volumes = async (extra: string[]) => {
  const { code, stdout } = await run([
    "report",
    jan,
    feb,
    "--metrics",
    "volume",
    "--format",
    "json",
    "-q",
    ...extra,
  ]);
  expect(code).toBe(0);
  type Row = { period: { label: string }; volume: { value: number } };
  return JSON.parse(stdout).rows.map((row: Row) => [row.period.label, row.volume.value]);
};

describe("--duplicates", () => {
  it("counts each ticket once across overlapping exports by default (the last copy)", async () => {
    // T1, T2, T3 created in January (T1 and T3 twice in the files: 5 rows), T4 in February.
    expect(await volumes([])).toEqual([
      ["2024-01", 3],
      ["2024-02", 1],
    ]);
    expect(await volumes(["--duplicates", "allow"])).toEqual([
      ["2024-01", 5],
      ["2024-02", 1],
    ]);
  });

  it("reports every copy left out with its file, line and the line kept", async () => {
    const { stderr } = await run(["report", jan, feb, "--metrics", "volume"]);
    expect(stderr).toContain(
      `${jan}: 4 rows read, 2 valid, 0 rejected, 2 repeated ids left out (--duplicates last)\n`,
    );
    expect(stderr).toContain(`  ${jan}: line 1: id "T1" repeats line 4, which is kept\n`);
    expect(stderr).toContain(`  ${jan}: line 3: id "T3" repeats ${feb} line 1, which is kept\n`);
    expect(stderr).toContain("6 rows read: 4 valid, 0 rejected, 2 repeated ids left out\n");
    const { stdout } = await run(["validate", jan, "--duplicates", "first"]);
    expect(stdout.split("\n").slice(0, 2)).toEqual([
      "file\tline\tid\tleft out because",
      `${jan}\t4\tT1\tid "T1" repeats line 1, which is kept`,
    ]);
  });

  it("reject makes later copies rejected rows (exit 2 with --strict); a bad policy is exit 1", async () => {
    const strict = await run(["report", jan, feb, "--duplicates", "reject", "--strict"]);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain(
      `${jan}: line 4, column "id" (id): repeats the id "T1" of line 1`,
    );
    expect(strict.stderr).toContain(
      `${feb}: line 1, column "id" (id): repeats the id "T3" of ${jan} line 3`,
    );
    const bad = await run(["report", jan, "--duplicates", "newest"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'support-metrics: --duplicates must be one of last, first, reject, allow, got "newest"\n',
    );
  });
});
