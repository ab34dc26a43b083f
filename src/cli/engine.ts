/**
 * `report --engine duckdb`: the same pass over the files (the readers' validation and their
 * accounting, unchanged), but the metrics are computed by embedded DuckDB from the SQL the
 * compiler writes, instead of by the in-memory rollup. The validated records are collected
 * during the pass and loaded into a DuckDB table, so both engines read the very same records
 * and give the same rows. @duckdb/node-api is an optional peer: it is loaded only here, and a
 * missing install is a usage error that says how to get it.
 */
import type { Reducer } from "../reduce/reducer.ts";
import { DUCKDB } from "../sql/dialect.ts";
import { refusing, rollupOptions, tableKindOf } from "./compiledPlan.ts";
import type { ReportPlan } from "./plan.ts";
import { UsageError } from "./usage.ts";

/** The engines `--engine` takes. */
export const ENGINES = ["js", "duckdb", "postgres"] as const;
/** An engine name. */
export type Engine = (typeof ENGINES)[number];

/** The `--engine` option, checked: `js` when left out. */
export function engineOf(value: string | undefined): Engine {
  if (value === undefined) return "js";
  if (!(ENGINES as readonly string[]).includes(value))
    throw new UsageError(
      `--engine must be ${ENGINES.slice(0, -1).join(", ")} or ${ENGINES.at(-1)}, got ${JSON.stringify(value)}`,
    );
  return value as Engine;
}

/** A reducer that keeps the records of the pass, for the engine to load once it is over. */
export function collectRecords(): Reducer<object, { records: object[] }, object[]> {
  return {
    name: "collect",
    timeOf: () => undefined,
    init: () => ({ records: [] }),
    add(state, record) {
      state.records.push(record);
    },
    merge: (a, b) => ({ records: [...a.records, ...b.records] }),
    result: (state) => state.records,
  };
}

/** The DuckDB engine's module, or a usage error saying how to install it. */
async function loadEngine() {
  try {
    return await import("../duckdb/index.ts");
  } catch (error) {
    throw new UsageError(
      `--engine duckdb needs the optional package @duckdb/node-api (npm install @duckdb/node-api): ${(error as Error).message}`,
    );
  }
}

/**
 * The report's rows computed on DuckDB from the records of the pass: one compiled query over
 * a table of them. A metric the compiler cannot express is a usage error with its reason.
 */
export async function duckdbReportRows(
  plan: ReportPlan,
  records: readonly object[],
): Promise<Record<string, unknown>[]> {
  const kind = tableKindOf(plan, "--engine duckdb");
  const engine = await loadEngine();
  const connection = await engine.openDuckDB();
  try {
    const columns = await engine.createRecordTable(connection, "records", kind, records);
    const compiled = refusing("--engine duckdb", () =>
      engine.compileRollup(rollupOptions(plan, { name: "records", columns }, DUCKDB)),
    );
    return await engine.runCompiled(connection, compiled);
  } finally {
    connection.closeSync();
  }
}
