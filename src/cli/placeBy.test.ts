/**
 * `--place-by created`: the creation-cohort report a data team builds (issue 11). Two tickets
 * created in January; one resolved in January after 1 day, one resolved in February after
 * 40 days. By each metric's event, January's resolution time is 1 d and February's 40 d; by
 * creation, both land in January: mean (1 + 40) / 2 = 20.5 d = 1,771,200 s.
 */
import { describe, expect, it } from "vitest";
import { runCli, scratchFolder } from "../../test/cli.ts";

const FILE = scratchFolder("place-by").write(
  "tickets.csv",
  [
    "id,createdAt,status,firstResolvedAt",
    "T1,2024-01-10T00:00:00Z,solved,2024-01-11T00:00:00Z",
    "T2,2024-01-20T00:00:00Z,solved,2024-02-29T00:00:00Z",
  ].join("\n"),
);

async function rows(extra: string[]) {
  const argv = ["report", FILE, "--tz", "UTC", "--by", "month", "--metrics", "resolution"];
  const { code, stdout, stderr } = await runCli([...argv, "--format", "json", ...extra]);
  return { code, stderr, out: code === 0 ? JSON.parse(stdout) : null };
}

const DAY = 86_400;

describe("--place-by", () => {
  it("by each metric's event (the default): January 1 d, February 40 d", async () => {
    const { code, out } = await rows([]);
    expect(code).toBe(0);
    expect(
      out.rows.map((row: { period: { label: string }; resolution: { value: number } }) => [
        row.period.label,
        row.resolution.value,
      ]),
    ).toEqual([
      ["2024-01", 1 * DAY],
      ["2024-02", 40 * DAY],
    ]);
    expect(out.meta.placeBy).toBeUndefined();
  });

  it("created: both tickets in January, mean 20.5 d; the meta says so", async () => {
    const { code, out } = await rows(["--place-by", "created"]);
    expect(code).toBe(0);
    const january = out.rows.find(
      (row: { period: { label: string } }) => row.period.label === "2024-01",
    );
    expect(january.resolution.value).toBe(20.5 * DAY);
    expect(january.resolution.n).toBe(2);
    expect(out.meta.placeBy).toBe("created");
  });

  it("refuses another value with the choices; exit 1 (a usage error)", async () => {
    const { code, stderr } = await rows(["--place-by", "resolved"]);
    expect(code).toBe(1);
    expect(stderr).toContain('--place-by must be one of event, created, got "resolved"');
  });
});
