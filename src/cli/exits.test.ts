/**
 * The command line's stops and exits: a zone-less timestamp without --tz, a file with nothing
 * valid, --version and standard input. The last two run the real executable (src/cli/bin.ts
 * under tsx), since they depend on the process: its stdin and its package.json.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../../test/cli.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const fixture = (name: string) => join(root, "test/fixtures/cli", name);
const scratch = mkdtempSync(join(tmpdir(), "support-metrics-exits-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

const run = runCli;

/** Runs the executable; resolves with its exit code and output. */
function cli(argv: string[], input?: string) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      ["--import", "tsx", join(root, "src/cli/bin.ts"), ...argv],
      { cwd: root, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? 1) : 0;
        resolve({ code: typeof code === "number" ? code : 1, stdout, stderr });
      },
    );
    child.stdin?.end(input ?? "");
  });
}

const ZONELESS = write(
  "zoneless.csv",
  "id,createdAt,status\nT1,2024-01-03T09:00:00Z,open\nT2,2024-01-03 10:00,open\n",
);

describe("zone-less timestamps", () => {
  it("stop without --tz, naming the column, a sample value and --tz; exit 2", async () => {
    for (const command of ["report", "validate"]) {
      const { code, stdout, stderr } = await run([command, ZONELESS]);
      expect(code).toBe(2);
      if (command === "report") expect(stdout).toBe("");
      const lines = stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toBe(
        `support-metrics: ${ZONELESS}: line 3: column "createdAt" has timestamps without a zone, such as "2024-01-03 10:00"; give their zone with --tz (for example --tz UTC or --tz Europe/Berlin)`,
      );
    }
  });

  it("are read in the zone --tz gives (UTC too)", async () => {
    const utc = await run(["report", ZONELESS, "--tz", "UTC", "--format", "json", "-q"]);
    expect(utc.code).toBe(0);
    expect(JSON.parse(utc.stdout).rows[0].volume.value).toBe(2);
    // Created 10:00 Tokyo time (UTC+9) = 01:00Z, answered 10:00Z: 9 h = 32 400 s; in UTC, 0 s.
    const answered = write(
      "answered.csv",
      "id,createdAt,status,firstResponseAt\nT1,2024-01-03 10:00,open,2024-01-03T10:00:00Z\n",
    );
    const frt = async (tz: string) => {
      const argv = ["report", answered, "--tz", tz, "--metrics", "frt", "--by", "none"];
      const { stdout } = await run([...argv, "--format", "json", "-q"]);
      return JSON.parse(stdout).rows[0].frt.value;
    };
    expect(await frt("Asia/Tokyo")).toBe(32_400);
    expect(await frt("UTC")).toBe(0);
  });

  it("in a mapping's format without an offset token stop too, naming --tz", async () => {
    const { code, stderr } = await run([
      "report",
      fixture("export.csv"),
      "--mapping",
      fixture("mapping.json"),
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain("mapping.createdAt");
    expect(stderr).toContain("--tz");
    expect(stderr.trim().split("\n")).toHaveLength(1);
  });
});

describe("nothing valid read", () => {
  const allBad = write(
    "all-bad.csv",
    "id,createdAt,status\nT1,2024-01-03T09:00:00Z,archived\nT2,not a date,open\n",
  );

  it("exits 2 from report and validate, and writes no report", async () => {
    const report = await run(["report", allBad, "--tz", "UTC"]);
    expect(report.code).toBe(2);
    expect(report.stdout).toBe("");
    expect(report.stderr).toContain("none of the 2 rows read is valid");
    const validate = await run(["validate", allBad, "--tz", "UTC"]);
    expect(validate.code).toBe(2);
    expect(validate.stderr).toContain("none of the 2 rows read is valid");
  });

  it("still exits 0 for an empty file (nothing read is not nothing valid)", async () => {
    const empty = write("empty.csv", "id,createdAt,status\n");
    expect((await run(["report", empty, "--tz", "UTC", "-q"])).code).toBe(0);
  });
});

describe("the executable", () => {
  it("prints the package's version with --version and -V, exit 0", async () => {
    const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
    for (const flag of ["--version", "-V"]) {
      const { code, stdout } = await cli([flag]);
      expect(code).toBe(0);
      expect(stdout.trim()).toBe(version);
    }
  });

  it("reads standard input for -, as it reads the same file", async () => {
    const text = readFileSync(fixture("tickets.csv"), "utf8");
    const argv = ["--by", "none", "--format", "csv", "-q"];
    const piped = await cli(["report", "-", "--input-format", "csv", ...argv], text);
    const named = await run(["report", fixture("tickets.csv"), ...argv]);
    expect(piped.stderr).toBe("");
    expect(piped.code).toBe(0);
    expect(piped.stdout).toBe(named.stdout);
    expect(piped.stdout.split("\r\n")[1]?.split(",")[0]).toBe("8"); // volume: 8 tickets
  });

  it("needs --input-format for standard input; exit 1", async () => {
    const { code, stderr } = await run(["report", "-"], { stdin: ["id\n"] as never });
    expect(code).toBe(1);
    expect(stderr).toContain("needs --input-format");
  });
});
