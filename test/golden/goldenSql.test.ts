/**
 * The golden SQL of every dialect (test/golden/<dialect>.sql, written by `npm run golden:sql`):
 * (a) the compiler still writes exactly what the files hold, so a change to the SQL shows as
 * a diff to review; (b) each file parses with node-sql-parser in its dialect where it has a
 * grammar: BigQuery, Snowflake and Trino wholly; PostgreSQL and DuckDB through its PostgreSQL
 * grammar, but for a few constructs their manuals document and the grammar lacks (stood in
 * for here, each checked still needed); Spark not at all (no grammar for it).
 */
import { readFileSync } from "node:fs";
import sqlParser from "node-sql-parser";
import { describe, expect, test } from "vitest";
import { goldenFile, goldenPath, goldenQueries } from "../../scripts/goldenSql.ts";
import { DIALECTS } from "../../src/sql/dialects.ts";

const { Parser } = sqlParser;
const parser = new Parser();

/** A construct a parser rejects though the engine's manual documents it, and its stand-in. */
interface StandIn {
  readonly pattern: RegExp;
  readonly replacement: string;
  readonly documented: string;
}

/** How each dialect's SQL is parsed, or why it cannot be. */
const PARSING: Record<string, { database: string; standIns: StandIn[] } | { cannot: string }> = {
  bigquery: { database: "BigQuery", standIns: [] },
  snowflake: { database: "Snowflake", standIns: [] },
  trino: { database: "Trino", standIns: [] },
  postgres: {
    database: "Postgresql",
    standIns: [
      {
        // percentile_cont(ARRAY[...]) WITHIN GROUP (ORDER BY x): an ordered-set aggregate.
        pattern:
          /percentile_cont\(ARRAY\[[\d., ]+\]::double precision\[\]\) WITHIN GROUP \(ORDER BY /g,
        replacement: "max(",
        documented:
          "https://www.postgresql.org/docs/current/functions-aggregate.html#FUNCTIONS-ORDEREDSET-TABLE",
      },
      {
        // (composite).field: a field of a composite column.
        pattern: /\(("[^"]+")\)\.("[^"]+")/g,
        replacement: "$1.$2",
        documented: "https://www.postgresql.org/docs/current/rowtypes.html#ROWTYPES-ACCESSING",
      },
    ],
  },
  duckdb: {
    database: "Postgresql",
    standIns: [
      {
        // quantile_cont(x, [fractions]): several quantiles in one list.
        pattern: /quantile_cont\((.+?), \[[\d., ]+\]\) FILTER/g,
        replacement: "max($1) FILTER",
        documented: "https://duckdb.org/docs/stable/sql/functions/aggregates#quantile_contx-pos",
      },
    ],
  },
  spark: {
    cannot:
      "node-sql-parser has no Spark SQL grammar, and its Hive grammar rejects FILTER (WHERE ...) on aggregates, which Spark SQL documents (https://spark.apache.org/docs/latest/sql-ref-syntax-qry-select.html)",
  },
};

describe.each(Object.keys(DIALECTS))("test/golden/%s.sql", (name) => {
  const dialect = DIALECTS[name as keyof typeof DIALECTS];
  if (!dialect) throw new Error(name);
  const queries = goldenQueries(dialect);

  test("is what the compiler writes now (npm run golden:sql)", () => {
    expect(readFileSync(goldenPath(name), "utf8")).toBe(goldenFile(dialect));
  });

  test("binds as many values as its markers need", () => {
    for (const query of queries) {
      if (dialect.positional) {
        expect(query.sql.split("?").length - 1).toBe(query.parameters.length);
      } else {
        // Every number of a marker is a value bound, and every value bound is used.
        const used = new Set<number>();
        for (let i = 1; i <= query.parameters.length; i++)
          if (query.sql.includes(dialect.parameter(i))) used.add(i);
        expect(used.size).toBe(query.parameters.length);
        expect(query.sql.includes(dialect.parameter(query.parameters.length + 1))).toBe(false);
      }
    }
  });

  const parsing = PARSING[name];
  if (!parsing) throw new Error(`no parsing rule for the dialect ${name}`);
  if ("cannot" in parsing) {
    test(`is not parsed: ${parsing.cannot}`, () => {
      // The reason stays true: the Hive grammar still rejects the SQL.
      for (const query of queries)
        expect(() => parser.astify(query.sql, { database: "Hive" })).toThrow();
    });
    return;
  }

  test(`parses with node-sql-parser's ${parsing.database} grammar, reading the report's table`, () => {
    for (const query of queries) {
      let sql = query.sql;
      for (const standIn of parsing.standIns)
        sql = sql.replace(standIn.pattern, standIn.replacement);
      const tables = parser.tableList(sql, { database: parsing.database });
      expect(tables).toContain(`select::null::${query.relation}`);
      const ast = parser.astify(sql, { database: parsing.database });
      expect(Array.isArray(ast) ? ast.length : 1).toBe(1);
    }
  });

  for (const standIn of parsing.standIns) {
    test(`needs the stand-in for ${standIn.documented} (the grammar still rejects it)`, () => {
      const uses = queries.filter((query) => query.sql.match(standIn.pattern));
      expect(uses.length).toBeGreaterThan(0);
      for (const query of uses) {
        // Every other stand-in applied: what remains fails on this construct alone.
        let sql = query.sql;
        for (const other of parsing.standIns)
          if (other !== standIn) sql = sql.replace(other.pattern, other.replacement);
        expect(() => parser.astify(sql, { database: parsing.database })).toThrow();
      }
    });
  }
});
