/**
 * Test support, not part of the library: one CSV file's accounting computed twice, by DuckDB
 * (read_csv with every column as text, then the query of validation.ts) and by the library's
 * reader, in the same shape, so that tests compare them whole.
 */
import { readRecords } from "../node/readRecords.ts";
import { queryRows } from "./businessDuckdb.testing.ts";
import {
  type SqlRecordKind,
  validationCountsQuery,
  validationQuery,
  validationRejectionsQuery,
} from "./validation.ts";

let views = 0;

export type Options = {
  timeZone?: string;
  decimalComma?: boolean;
  zoneYears?: readonly [number, number];
};

/** The file read by DuckDB and classified by the SQL of validation.ts. */
export async function sqlAccounting(path: string, kind: SqlRecordKind, options: Options = {}) {
  const name = `raw${views++}`;
  // One row per line here (no cell spans lines): the line is the row number after the header.
  await queryRows(
    `CREATE OR REPLACE TEMP TABLE "${name}" AS SELECT row_number() OVER () + 1 AS "line", * FROM read_csv('${path}', all_varchar = true, header = true, delim = ',', quote = '"', escape = '"')`,
  );
  // The file's header, as DuckDB read it.
  const header = await queryRows(`DESCRIBE "${name}"`);
  const { sql, params } = validationQuery({
    kind,
    source: name,
    columns: header.map((column) => String(column.column_name)).filter((name) => name !== "line"),
    line: "line",
    ...options,
  });
  await queryRows(`CREATE OR REPLACE TEMP TABLE "${name}_checked" AS ${sql}`, params);
  const [counts] = await queryRows(validationCountsQuery(`${name}_checked`));
  const rejections = await queryRows(validationRejectionsQuery(`${name}_checked`));
  const used = await queryRows(
    `SELECT * FROM "${name}_checked" WHERE "outcome" = 'used' ORDER BY "line"`,
  );
  return {
    counts: Object.fromEntries(Object.entries(counts ?? {}).map(([k, v]) => [k, Number(v)])),
    rejections: rejections.map((r) => ({ ...r, line: Number(r.line) })),
    used,
  };
}

/** The same file through the library's reader. */
export async function readerAccounting(path: string, kind: SqlRecordKind, options: Options = {}) {
  const { zoneYears: _, ...read } = options;
  const reader = readRecords(path, { kind, ...read });
  const records = (await reader.toArray()) as unknown as Record<string, unknown>[];
  const s = reader.summary;
  return {
    counts: { read: s.read, valid: s.valid, rejected: s.rejected, duplicates: s.duplicates },
    rejections: s.rejections.map((r) => ({
      line: r.line,
      column: r.column,
      path: r.path
        .map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`))
        .join(""),
      code: r.code,
      reason: r.message,
    })),
    records,
  };
}
