/**
 * What the CLI says about rejected rows: the bad value of an enum, an order rule in the file's
 * own column names, the validate command to run with the flags given, and bytes that are not
 * UTF-8 (counted with their lines, not silently read as U+FFFD).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../test/cli.ts";
import { readTickets } from "../node/index.ts";
import { validateCommand } from "./summaries.ts";

const scratch = mkdtempSync(join(tmpdir(), "support-metrics-messages-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

const run = runCli;

const FIELDS = {
  id: "Ticket ID",
  createdAt: "Opened",
  firstResponseAt: "First reply",
  status: { column: "State", values: { Open: "open", Solved: "solved" } },
};
const MAPPING = write("mapping.json", JSON.stringify(FIELDS));

describe("rejection messages", () => {
  it("show the value an enum did not accept, shortened", async () => {
    const long = "x".repeat(80);
    const file = write(
      "states.csv",
      `Ticket ID,Opened,First reply,State\nA,2024-01-02T09:00:00Z,,Pending\nB,2024-01-02T09:00:00Z,,${long}\nC,2024-01-02T09:00:00Z,,Open\n`,
    );
    const reader = readTickets(file, { mapping: FIELDS });
    await reader.toArray();
    expect(reader.summary.rejections.map((r) => r.message)).toEqual([
      'must be one of "new", "open", "pending", "onHold", "solved", "closed", got "Pending"',
      `must be one of "new", "open", "pending", "onHold", "solved", "closed", got "${"x".repeat(40)}…"`,
    ]);
  });

  it("name the file's column an order rule compares with, not the field", async () => {
    const file = write(
      "order.csv",
      "Ticket ID,Opened,First reply,State\nA,2024-01-02T09:00:00Z,2024-01-02T08:00:00Z,Open\n",
    );
    const { stdout } = await run(["validate", file, "--mapping", MAPPING, "--tz", "UTC"]);
    const row = stdout.split("\n")[1]?.split("\t");
    expect(row).toEqual([
      file,
      "2",
      "First reply",
      "firstResponseAt",
      'must not be before "Opened" (createdAt)',
    ]);
  });

  it("end with the validate command, repeating --mapping, --tz and --kind as given", async () => {
    const rows = Array.from({ length: 7 }, (_, i) => `R${i},2024-01-02T09:00:00Z,,Archived`);
    const file = write(
      "many bad.csv",
      `Ticket ID,Opened,First reply,State\n${rows.join("\n")}\nOK,2024-01-02T09:00:00Z,,Open\n`,
    );
    const argv = ["--mapping", MAPPING, "--tz", "Europe/Rome", "--kind", "tickets"];
    const { code, stderr } = await run(["report", file, ...argv, "--by", "none"]);
    expect(code).toBe(0);
    expect(stderr).toContain(
      `  ... run support-metrics validate "${file}" --mapping ${MAPPING} --tz Europe/Rome --kind tickets for all of them\n`,
    );
    expect(validateCommand("a.csv", { inputFormat: "csv" })).toBe(
      "support-metrics validate a.csv --input-format csv",
    );
  });
});

describe("bytes that are not UTF-8", () => {
  // A Windows-1252 export: "Télé" and "Ça" are not UTF-8 (é = E9, Ç = C7).
  const latin1 = write(
    "latin1.csv",
    Buffer.from(
      "id,createdAt,status,channel\nT1,2024-01-02T09:00:00Z,open,Télé\nT2,2024-01-02T09:00:00Z,open,web\nT3,2024-01-02T09:00:00Z,open,Ça\n",
      "latin1",
    ),
  );

  it("are counted with their lines in the reader's summary", async () => {
    const reader = readTickets(latin1);
    expect(await reader.toArray()).toHaveLength(3);
    expect(reader.summary.invalidUtf8).toEqual({ count: 3, lines: [2, 4] });
  });

  it("are reported by report (stderr) and validate (stdout)", async () => {
    const line = `${latin1}: 3 invalid UTF-8 byte sequences (lines 2, 4), read as U+FFFD; is the file in another encoding (Latin-1, Windows-1252)?`;
    const report = await run(["report", latin1, "--by", "none"]);
    expect(report.code).toBe(0);
    expect(report.stderr).toContain(`  ${line}\n`);
    const validate = await run(["validate", latin1]);
    expect(validate.stdout).toContain(`${line}\n`);
  });
});
