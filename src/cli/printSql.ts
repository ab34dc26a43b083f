/**
 * `report --print-sql <dialect>`: the SQL a report compiles to, for a table whose columns are
 * the record's field names, written in any dialect of src/sql/dialects.ts, and nothing run.
 * It reads no data and loads no driver, so it works without pg or DuckDB installed.
 *
 * The text form is a script to paste: a commented header (the report, the table, each
 * parameter and its value), then the query. Where the dialect binds `$1`-style parameters in
 * SQL itself (DuckDB and PostgreSQL both take `PREPARE name AS ...; EXECUTE name(values)`),
 * the query is prepared and executed with its values, so psql or the duckdb shell runs the
 * script as it is; for the warehouses the header lists each marker's value, to bind in the
 * warehouse's client. `--format json` gives `{ dialect, table, sql, parameters, markers }`
 * for a program to run instead.
 */
import { type CompiledRollup, compileBusinessRange, compileRollup } from "../sql/compile.ts";
import type { Dialect } from "../sql/dialect.ts";
import { DIALECTS } from "../sql/dialects.ts";
import type { SqlParameter } from "../sql/expression.ts";
import type { TableKind } from "../sql/tableKinds.ts";
import { kindColumns, refusing, rollupOptions, tableKindOf } from "./compiledPlan.ts";
import type { ReportPlan } from "./plan.ts";
import { UsageError } from "./usage.ts";

/** The table `--print-sql` writes for when `--table` is left out, by record kind. */
export const DEFAULT_TABLES: Readonly<Record<TableKind, string>> = {
  tickets: "tickets",
  surveyResponses: "survey_responses",
  queueContacts: "queue_contacts",
  customers: "customers",
  supportCosts: "support_costs",
  sessions: "sessions",
};

/** One statement to run: its SQL and its parameters, markers numbered from 1. */
export interface SqlStatement {
  sql: string;
  parameters: SqlParameter[];
}

/** A parameter as a SQL literal of the dialect (an array in the dialect's own words). */
function literal(value: SqlParameter, dialect: Dialect): string {
  if (Array.isArray(value)) {
    const items = value.map((item) => literal(item as SqlParameter, dialect)).join(", ");
    return dialect.arrayLiteral ? dialect.arrayLiteral(items) : `[${items}]`;
  }
  if (value === null) return "NULL";
  if (typeof value === "string") return `'${value.replaceAll("'", "''")}'`;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

/** The name the printed script prepares its statement under. */
export const STATEMENT = "support_metrics_report";

/** What `--print-sql` prints, before it is written as text or JSON. */
export interface PrintedSql {
  dialect: string;
  /** The relation as the SQL names it (quoted per part). */
  table: string;
  /** The report's one statement (a list, so that a report of several can come). */
  statements: (SqlStatement & { markers: string[] })[];
}

/**
 * The report of `plan` compiled in the dialect called `name` over table `table` (the kind's
 * default when left out) with every field of the kind as a column.
 *
 * @throws UsageError for an unknown dialect, a refused metric (with the compiler's reason),
 *   or metrics timed by a schedule, whose SQL depends on the data's instants.
 */
export function compileForPrint(
  plan: ReportPlan,
  name: string,
  table: string | undefined,
): PrintedSql {
  const dialect = Object.hasOwn(DIALECTS, name) ? DIALECTS[name] : undefined;
  if (dialect === undefined) {
    throw new UsageError(
      `--print-sql must be one of ${Object.keys(DIALECTS).join(", ")}, got ${JSON.stringify(name)}`,
    );
  }
  const who = `--print-sql ${name}`;
  const kind = tableKindOf(plan, who);
  const relation = { name: table ?? DEFAULT_TABLES[kind], columns: kindColumns(kind) };
  const options = rollupOptions(plan, relation, dialect);
  if (refusing(who, () => compileBusinessRange(options)) !== undefined) {
    // The working intervals are bound over the data's first and last instants: a query
    // that must run before this one can be written.
    throw new UsageError(
      `${who} cannot print metrics timed by --schedule: their SQL depends on the data's first and last instants`,
    );
  }
  const compiled: CompiledRollup = refusing(who, () => compileRollup(options));
  return {
    dialect: name,
    table: (options.dialect as Dialect).quote(relation.name),
    statements: [
      {
        sql: compiled.sql.trimEnd(),
        parameters: [...compiled.parameters],
        markers: compiled.parameters.map((_value, i) => dialect.parameter(i + 1)),
      },
    ],
  };
}

/**
 * The printed SQL as a script: a commented header, then each statement, prepared and
 * executed with its values where the dialect binds `$n` markers itself.
 *
 * @example
 * const printed = { dialect: "postgres", table: '"tickets"', statements: [{ sql: 'SELECT CAST($1 AS text) AS "zone"', parameters: ["Europe/Paris"], markers: ["$1"] }] };
 * sqlScript(printed, "volume by month in Europe/Paris").split("\n")
 * //=> ["-- support-metrics report: volume by month in Europe/Paris", '-- dialect: postgres; table: "tickets"', "PREPARE support_metrics_report_1 AS", 'SELECT CAST($1 AS text) AS "zone";', "-- $1 = 'Europe/Paris'", "EXECUTE support_metrics_report_1('Europe/Paris');", "DEALLOCATE support_metrics_report_1;", ""]
 */
export function sqlScript(printed: PrintedSql, about: string): string {
  const dialect = DIALECTS[printed.dialect] as Dialect;
  const lines = [
    `-- support-metrics report: ${about}`,
    `-- dialect: ${printed.dialect}; table: ${printed.table}`,
  ];
  printed.statements.forEach((statement, i) => {
    const values = statement.parameters.map((value) => literal(value, dialect));
    const bindings = values.map((value, j) => `-- ${statement.markers[j]} = ${value}`);
    if (values.length > 0 && dialect.arrayLiteral !== undefined) {
      const name = `${STATEMENT}_${i + 1}`;
      lines.push(
        `PREPARE ${name} AS`,
        `${statement.sql};`,
        ...bindings,
        `EXECUTE ${name}(${values.join(", ")});`,
        `DEALLOCATE ${name};`,
      );
    } else {
      if (values.length > 0)
        lines.push(...bindings, "-- bind the parameters above in the warehouse's client");
      lines.push(`${statement.sql};`);
    }
  });
  return `${lines.join("\n")}\n`;
}

/** The report in words, for the script's first line: metrics, grouping, zone, range. */
export function reportAbout(plan: ReportPlan): string {
  const by = [...(plan.period ? [plan.period] : []), ...plan.keys];
  const range = plan.range ? ` from ${plan.range.start} to ${plan.range.end}` : "";
  return `${plan.metrics.map(({ column }) => column).join(", ")}${by.length > 0 ? ` by ${by.join(", ")}` : ""} in ${plan.timeZone}${range}${plan.placeBy === "created" ? ", placed by creation" : ""}`;
}

/**
 * What `report --print-sql` writes: the script ({@link sqlScript}), or with `--format json`
 * one JSON object of the dialect, table, SQL, parameters and markers.
 */
export function printSqlText(plan: ReportPlan, name: string, table: string | undefined): string {
  if (plan.format !== "json" && plan.format !== "table") {
    throw new UsageError(
      `--print-sql writes a SQL script, or JSON with --format json, not ${plan.format}`,
    );
  }
  const printed = compileForPrint(plan, name, table);
  if (plan.format === "json") return `${JSON.stringify(printed, null, 2)}\n`;
  return sqlScript(printed, reportAbout(plan));
}
