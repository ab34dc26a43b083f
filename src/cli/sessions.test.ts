/** `report --sessions`: self-service sessions joined with the tickets (joined.ts). */
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { runCli, scratchFolder } from "../../test/cli.ts";

const { write } = scratchFolder("sessions");

// a writes in 6 h after her search (not deflected); b 48 h after (deflected); c's bot flow at
// 23:00 on 31 March is followed by her ticket at 05:00 on 1 April, in the next month (not
// deflected); the anonymous search is excluded; d never writes in (deflected); e never used
// self-service.
const TICKETS = write(
  "tickets.csv",
  [
    "id,createdAt,customerId,source",
    "t1,2024-03-01T15:00:00Z,a,eu",
    "t2,2024-03-03T09:00:00Z,b,eu",
    "t3,2024-04-01T05:00:00Z,c,eu",
    "t4,2024-04-11T12:00:00Z,e,us",
    "",
  ].join("\n"),
);
const SESSIONS = write(
  "sessions.csv",
  [
    "id,startedAt,kind,customerId,source",
    "s1,2024-03-01T09:00:00Z,search,a,eu",
    "s2,2024-03-01T09:00:00Z,articleView,b,eu",
    "s3,2024-03-31T23:00:00Z,botFlow,c,eu",
    "s4,2024-03-02T10:00:00Z,search,,eu",
    "s5,2024-04-10T12:00:00Z,search,d,us",
    "",
  ].join("\n"),
);
const METRICS = "volume,deflection,self-service-score,kb-engagement";

describe("report --sessions", () => {
  test("adds the self-service metrics by default, beside the ticket metrics", async () => {
    const { code, stdout } = await runCli([
      "report",
      TICKETS,
      "--sessions",
      SESSIONS,
      "--by",
      "none",
      "--format",
      "json",
      "-q",
    ]);
    expect(code).toBe(0);
    const { meta, rows } = JSON.parse(stdout);
    expect(meta.sessions).toBe(SESSIONS);
    expect(meta.metrics).toEqual(
      expect.arrayContaining(["volume", "deflection", "self-service-score", "kb-engagement"]),
    );
    const [row] = rows;
    // Sessions of known customers a, b, c, d: b and d deflected, 2 / 4 = 50 %.
    expect([row.deflection.value, row.deflection.numerator, row.deflection.denominator]).toEqual([
      50, 2, 4,
    ]);
    expect(row.deflection.excluded).toEqual({ anonymous: 1, otherKind: 0 });
    // Users {a, b, c, d} / requesters {a, b, c, e} = 4 / 4; engagement 4 / {a..e} = 80 %.
    expect([row["self-service-score"].value, row["kb-engagement"].value]).toEqual([1, 80]);
    expect(row.volume.value).toBe(4);
  });

  test("by month: the join sees the next month's tickets; the ticket metrics see tickets only", async () => {
    const { code, stdout, stderr } = await runCli([
      "report",
      TICKETS,
      "--sessions",
      SESSIONS,
      "--metrics",
      METRICS,
      "--format",
      "csv",
    ]);
    expect(code).toBe(0);
    expect(stdout.split("\r\n")).toEqual([
      "period,volume,deflection,deflection_n,self-service-score,kb-engagement,kb-engagement_n",
      // The tickets are also placed 24 h early (deflection's window): t1's 29 February.
      "2024-02,,,0,,,0",
      // March: a, b, c counted, only b deflected (1 / 3); users {a, b, c} / requesters {a, b}.
      `2024-03,2,${100 / 3},3,1.5,100,3`,
      // April: d deflected (1 / 1); users {d} / requesters {c, e}; engagement 1 / {c, d, e}.
      `2024-04,2,100,1,0.5,${100 / 3},3`,
      "",
    ]);
    expect(stderr).toContain(`${SESSIONS}: 5 rows read, 5 valid, 0 rejected`);
    // Volume counted the 4 tickets, not the 9 records; deflection the sessions and tickets.
    expect(stderr).toContain("volume: 4 used, 0 excluded");
    expect(stderr).toContain("deflection: 8 used, 1 excluded (anonymous 1)");
  });

  test("groups by a field both kinds have (source)", async () => {
    const { code, stdout } = await runCli([
      "report",
      TICKETS,
      "--sessions",
      SESSIONS,
      "--by",
      "source",
      "--metrics",
      "volume,deflection",
      "--format",
      "csv",
      "-q",
    ]);
    expect(code).toBe(0);
    // eu: a, b, c counted, b deflected; us: d deflected; volume eu 3, us 1.
    expect(stdout.split("\r\n")).toEqual([
      "source,volume,deflection,deflection_n",
      `eu,3,${100 / 3},3`,
      "us,1,100,1",
      "",
    ]);
  });

  test("usage mistakes name the flag", async () => {
    const without = await runCli(["report", TICKETS, "--metrics", "deflection"]);
    expect([without.code, without.stderr]).toEqual([
      1,
      expect.stringContaining(
        'metric "deflection" joins self-service sessions with the tickets: give --sessions FILE',
      ),
    ]);
    const channel = await runCli([
      "report",
      TICKETS,
      "--sessions",
      SESSIONS,
      "--by",
      "month,channel",
    ]);
    expect(channel.code).toBe(1);
    expect(channel.stderr).toContain('--by: "channel" is not a field of self-service sessions');
    const surveys = fileURLToPath(new URL("../../test/fixtures/cli/surveys.csv", import.meta.url));
    const onSurveys = await runCli(["report", surveys, "--sessions", SESSIONS]);
    expect(onSurveys.stderr).toContain("--sessions joins self-service sessions with tickets, but");
    const missing = await runCli(["report", TICKETS, "--sessions", "nope.csv"]);
    expect(missing.stderr).toContain("nope.csv: no such file");
  });

  test("the HTML report shows the self-service metrics beside the ticket metrics", async () => {
    const { code, stdout } = await runCli([
      "report",
      TICKETS,
      "--sessions",
      SESSIONS,
      "--metrics",
      METRICS,
      "--format",
      "html",
      "-q",
    ]);
    expect(code).toBe(0);
    // The cards show the latest period's totals (April): deflection 100 %, volume 2.
    expect(stdout).toContain('data-metric="deflection" data-value="100" data-source="totals"');
    expect(stdout).toContain('data-metric="volume" data-value="2" data-source="totals"');
    expect(stdout).toContain(
      'data-metric="self-service-score" data-value="0.5" data-source="totals"',
    );
  });

  test("the help lists the self-service metrics and the flag", async () => {
    const { stdout } = await runCli(["report", "--help"]);
    expect(stdout).toContain("--sessions <file>");
    expect(stdout).toMatch(
      /self-service sessions joined with tickets \(with --sessions FILE\):\n\s+deflection \(deflection-rate\): Self-service deflection rate/,
    );
  });
});
