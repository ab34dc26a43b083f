/**
 * `--max-rows` (issue 12): `--by day,channel --from 1024-01-01 --to 2024-01-01` died out of
 * memory after 85 s; it is now refused before a byte is read, and a report whose key
 * combinations pass the bound while reading stops with the same advice. Timeouts guard the
 * former out-of-memory case.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../../test/cli.ts";

const TICKETS = fileURLToPath(new URL("../../test/fixtures/cli/tickets.csv", import.meta.url));
const QUICK = 20_000;

describe("--max-rows", () => {
  it(
    "refuses a range of 365,243 days before reading (exit 1), naming the count, the bound and the flag",
    async () => {
      const argv = ["report", TICKETS, "--by", "day,channel", "--from", "1024-01-01"];
      const { code, stdout, stderr } = await runCli([...argv, "--to", "2024-01-01"]);
      expect([code, stdout]).toEqual([1, ""]);
      expect(stderr).toBe(
        "support-metrics: --from 1024-01-01 --to 2024-01-01 holds 365243 days, and each is a row (per key combination): over --max-rows 100000; group by a longer period or a shorter range, or raise --max-rows\n",
      );
    },
    QUICK,
  );

  it(
    "stops while reading when periods × channels pass the bound",
    async () => {
      // January 2024 by day: 31 rows per channel; the fixture's second channel makes 62 > 40.
      const argv = ["report", TICKETS, "--by", "day,channel", "--from", "2024-01-01"];
      const { code, stderr } = await runCli([...argv, "--to", "2024-02-01", "--max-rows", "40"]);
      expect(code).toBe(1);
      expect(stderr).toBe(
        "support-metrics: the report would make more than --max-rows 40 rows (periods × key combinations; 62 so far); group by a longer period, fewer keys or a shorter --from/--to range, or raise --max-rows\n",
      );
    },
    QUICK,
  );

  it("makes the report when the rows fit the raised bound", async () => {
    // The fixture's four channels (chat, email, phone and a formula): 4 × 31 rows for January.
    const argv = ["report", TICKETS, "--by", "day,channel", "--from", "2024-01-01"];
    const extra = ["--to", "2024-02-01", "--max-rows", "124", "--metrics", "volume"];
    const { code, stdout } = await runCli([...argv, ...extra, "--format", "json", "-q"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).rows).toHaveLength(124);
  });

  it.each(["0", "1.5", "-3", "many"])("refuses --max-rows %s (exit 1)", async (value) => {
    const { code, stderr } = await runCli(["report", TICKETS, "--max-rows", value]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `support-metrics: --max-rows must be a whole number at least 1, got "${value}"\n`,
    );
  });
});
