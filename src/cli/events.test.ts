/** `--events`: an event log is reported as tickets (one per case), not as one per row. */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type CliIO, main } from "./main.ts";

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../test/fixtures/events/${name}`, import.meta.url));
const LOG = fixture("helpdesk-events.csv");

async function run(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    isTTY: false,
  };
  return { code: await main(argv, io), stdout, stderr };
}

describe("--events", () => {
  it("folds the log's 11 events into 3 tickets, with the history's first response, resolution and reopens", async () => {
    const argv = [
      "report",
      LOG,
      "--events",
      fixture("helpdesk-events.json"),
      "--tz",
      "Europe/Rome",
    ];
    const { code, stdout, stderr } = await run([
      ...argv,
      "--by",
      "none",
      "--metrics",
      "volume,frt,resolution,reopen",
      "--format",
      "json",
    ]);
    expect(code).toBe(0);
    expect(stderr).toContain(`${LOG}: 3 rows read, 3 valid, 0 rejected`);
    const [row] = JSON.parse(stdout).rows;
    // Replies after 1 h, 48 h and 2.5 h: mean 51.5 / 3 h; resolved after 48 h and 3 h.
    expect(row.volume.value).toBe(3);
    expect(row.frt.value).toBeCloseTo((51.5 / 3) * 3600, 6);
    expect(row.resolution.value).toBe(25.5 * 3600);
    expect(row.reopen.value).toBe(50); // Case 2 of the two resolved
  });

  it("takes the columns inline, and names the keys it takes", async () => {
    const inline =
      "case=Case ID,at=Complete Timestamp,activity=Activity,format=YYYY/MM/DD HH:mm:ss.SSS";
    const { code, stdout } = await run([
      "report",
      LOG,
      "--events",
      inline,
      "--tz",
      "UTC",
      "--by",
      "none",
      "--metrics",
      "volume",
      "--format",
      "csv",
      "-q",
    ]);
    expect(code).toBe(0);
    expect(stdout).toBe("volume\r\n3\r\n");
    expect((await run(["report", LOG, "--events", "case=Case ID,when=x"])).stderr).toContain(
      "--events must be case=...,at=...,activity=...,format=...,assignee=...",
    );
  });

  it("takes an assignee column inline: each case's assignment history, for handoffs", async () => {
    const inline =
      "case=Case ID,at=Complete Timestamp,activity=Activity,format=YYYY/MM/DD HH:mm:ss.SSS,assignee=Resource";
    const { code, stdout } = await run([
      "report",
      LOG,
      "--events",
      inline,
      "--tz",
      "UTC",
      "--by",
      "none",
      "--metrics",
      "handoffs,transfer-rate",
      "--format",
      "json",
      "-q",
    ]);
    expect(code).toBe(0);
    const [row] = JSON.parse(stdout).rows;
    // Resources per case: 1 → Value 1, 2, 3 (2 handoffs); 2 → Value 2, 1 (1); 3 → Value 4
    // (0). Mean (2 + 1 + 0) / 3 = 1; passed between agents: 2 of 3.
    expect([row.handoffs.value, row.handoffs.distribution]).toEqual([1, [1, 1, 1]]);
    expect([row["transfer-rate"].numerator, row["transfer-rate"].denominator]).toEqual([2, 3]);
  });
});
