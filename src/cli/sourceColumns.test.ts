import { describe, expect, it } from "vitest";
import { runCli, scratchFolder } from "../../test/cli.ts";

/** A CSV export with no reopen count, no escalation flag and no first-reply column. */
const FILE = scratchFolder("columns").write(
  "tickets.csv",
  [
    "id,createdAt,status,lastResolvedAt",
    "T1,2024-01-10T00:00:00Z,solved,2024-01-11T00:00:00Z",
    "T2,2024-01-20T00:00:00Z,open,",
  ].join("\n"),
);

async function report(metrics: string) {
  const argv = ["report", FILE, "--tz", "UTC", "--by", "none", "--metrics", metrics];
  const { code, stdout, stderr } = await runCli([...argv, "--format", "json"]);
  return { code, stderr, row: JSON.parse(stdout).rows[0] };
}

describe("a metric without its source column (issue 11)", () => {
  it("is null, not 0 %, and the summary names the missing columns", async () => {
    const { code, stderr, row } = await report("reopen,escalation,frt,volume");
    expect(code).toBe(0);
    // the solved ticket has no reopen count: unknown, so no rate (it used to be 0 %)
    expect(row.reopen.value).toBeNull();
    expect(row.reopen.excluded.unknownReopens).toBe(1);
    expect(row.escalation.value).toBeNull();
    expect(row.frt.value).toBeNull();
    expect(row.volume.value).toBe(2);
    expect(stderr).toContain("reopen: no source column for reopenCount");
    expect(stderr).toContain("escalation: no source column for escalated");
    expect(stderr).toContain("frt: no source column for firstResponseAt");
    // volume reads createdAt, which is there; the resolution times derive from lastResolvedAt
    expect(stderr).not.toContain("volume: no source column");
    expect(stderr).not.toContain("firstResolvedAt");
  });
});
