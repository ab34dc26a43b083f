/**
 * Issue 12: one ticket whose instants span more than the 100 years business hours are
 * measured over (a mistyped year: created 1824, answered 2024) ended the whole report with
 * "businessDuration: end must be within 100 years of start", exit 1, no ticket named. It is now
 * left out whole and named; the other tickets are reported.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli, scratchFolder } from "../../test/cli.ts";
import { businessSpanProblem } from "./businessSpan.ts";

const HOURS = fileURLToPath(new URL("../../test/fixtures/cli/hours.json", import.meta.url));

// Mon-Fri 09:00-17:00 UTC (hours.json). 2024-01-03 is a Wednesday, 2024-01-05 a Friday.
const FILE = scratchFolder("business-span").write(
  "tickets.csv",
  [
    "id,createdAt,channel,priority,status,firstResponseAt,firstResolvedAt,lastResolvedAt",
    "T1,2024-01-03T09:00:00Z,email,normal,solved,2024-01-03T10:00:00Z,2024-01-03T12:00:00Z,2024-01-03T12:00:00Z",
    "T2,1824-01-03T09:00:00Z,email,normal,solved,2024-01-04T10:00:00Z,2024-01-04T12:00:00Z,2024-01-04T12:00:00Z",
    "T3,2024-01-05T09:00:00Z,chat,normal,solved,2024-01-05T09:30:00Z,2024-01-05T11:00:00Z,2024-01-05T11:00:00Z",
  ].join("\n"),
);

const LEFT_OUT = `support-metrics: ${FILE}: ticket "T2" left out: its instants span more than the 100 years business hours are measured over: 1824-01-03T09:00:00.000Z to 2024-01-04T12:00:00.000Z\n`;

describe("a ticket spanning 200 years with --schedule", () => {
  it("is left out and named; the others give their business-hours values", async () => {
    const argv = [
      "report",
      FILE,
      "--schedule",
      HOURS,
      "--metrics",
      "frt,resolution",
      "--by",
      "none",
    ];
    const { code, stdout, stderr } = await runCli([...argv, "--format", "json"]);
    expect(code).toBe(0);
    const [row] = JSON.parse(stdout).rows;
    // frt: T1 1 h, T3 0.5 h: mean 2700 s. Resolution: T1 3 h, T3 2 h: mean 9000 s.
    expect([row.frt.value, row.frt.n, row.resolution.value, row.resolution.n]).toEqual([
      2700, 2, 9000, 2,
    ]);
    expect(stderr.startsWith(LEFT_OUT)).toBe(true);
    expect(stderr).toContain(`${FILE}: 3 rows read, 2 valid, 1 rejected\n`);
  });

  it("fails the run under --strict, as a rejected row does (exit 2)", async () => {
    const argv = ["report", FILE, "--schedule", HOURS, "--metrics", "frt", "--strict"];
    const { code, stderr } = await runCli(argv);
    expect(code).toBe(2);
    expect(stderr).toContain("1 of 3 rows rejected (--strict)");
  });

  it("is kept without a schedule: calendar time has no such limit", async () => {
    const argv = ["report", FILE, "--metrics", "frt", "--by", "none", "--format", "json", "-q"];
    const { code, stdout } = await runCli(argv);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).rows[0].frt.n).toBe(3);
  });

  it("with business-hours SLA targets, an open ticket 100.4 years before --as-of is left out", async () => {
    const folder = scratchFolder("business-span-sla");
    const policies = folder.write(
      "policies.json",
      JSON.stringify([
        { name: "All", targets: { firstReply: { minutes: 60, businessHours: true } } },
      ]),
    );
    const open = folder.write(
      "open.csv",
      [
        "id,createdAt,status,firstResponseAt",
        "T1,2024-01-03T09:00:00Z,solved,2024-01-03T09:30:00Z",
        "T4,1924-01-03T09:00:00Z,open,",
      ].join("\n"),
    );
    const argv = ["report", open, "--policies", policies, "--schedule", HOURS, "--metrics", "sla"];
    const extra = ["--as-of", "2024-06-01T00:00:00Z", "--by", "none", "--format", "json"];
    const { code, stdout, stderr } = await runCli([...argv, ...extra]);
    expect(code).toBe(0);
    expect(stderr).toContain(
      'ticket "T4" left out: its instants and --as-of span more than the 100 years business hours are measured over: 1924-01-03T09:00:00.000Z to 2024-06-01T00:00:00.000Z',
    );
    // T1 answered in 30 business minutes of a 60-minute target: 1 achieved of 1.
    const [row] = JSON.parse(stdout).rows;
    expect([row.sla.value, row.sla.achieved, row.sla.breached]).toEqual([100, 1, 0]);
  });
});

describe("businessSpanProblem", () => {
  const at = (iso: string) => new Date(iso);
  it("looks into messages and status changes, and at asOf", () => {
    const ticket = {
      createdAt: at("2024-01-01T00:00:00Z"),
      messages: [{ at: at("2124-01-02T00:00:00Z") }],
    };
    expect(businessSpanProblem(ticket, undefined)).toMatch(/2124-01-02T00:00:00.000Z$/);
    const near = { createdAt: at("2024-01-01T00:00:00Z") };
    expect(businessSpanProblem(near, undefined)).toBeNull();
    expect(businessSpanProblem(near, Date.parse("2125-01-01T00:00:00Z"))).toMatch(
      /^its instants and --as-of span more than the 100 years/,
    );
  });
});
