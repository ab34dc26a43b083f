import { describe, expect, test, vi } from "vitest";
import { runCli } from "../../test/cli.ts";

// Without pg or DuckDB installed (each import fails here as a missing package does),
// --print-sql still prints every dialect's SQL, and --engine postgres says how to get pg.

vi.mock("pg", () => {
  throw new Error("Cannot find package 'pg'");
});
vi.mock("@duckdb/node-api", () => {
  throw new Error("Cannot find package '@duckdb/node-api'");
});

describe("without the optional drivers", () => {
  test("--print-sql prints the SQL of duckdb and postgres", async () => {
    for (const dialect of ["duckdb", "postgres"]) {
      const run = await runCli(["report", "--print-sql", dialect, "--metrics", "volume,frt"]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain(`-- dialect: ${dialect}; table: "tickets"`);
    }
  });

  test("--engine postgres is a usage error that says npm install pg", async () => {
    const run = await runCli([
      "report",
      "--engine",
      "postgres",
      "--db",
      "postgresql://me@127.0.0.1:1/none",
      "--table",
      "tickets",
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "support-metrics: --engine postgres needs the optional package pg (npm install pg)",
    );
  });
});
