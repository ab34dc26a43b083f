/**
 * Test support, not part of the library: rows of text cells loaded into a PostgreSQL table
 * (with their line in the file), and their accounting by `validatePostgresTable`, in the
 * shape of the readers' accounting (src/sql/validationDuckdb.testing.ts), so that tests
 * compare them whole.
 */
import type { SqlRecordKind } from "../sql/validation.ts";
import type { Options } from "../sql/validationDuckdb.testing.ts";
import type { PostgresClient } from "./table.ts";
import { validatePostgresTable } from "./validate.ts";

let tables = 0;

/**
 * A new table of the rows, every column text but `line` (integer): row `i` is line `i + 2`
 * of a file whose first line is the header. The rows go in as one JSON parameter.
 */
export async function loadTextTable(
  client: PostgresClient,
  header: readonly string[],
  rows: readonly (readonly string[])[],
): Promise<string> {
  const name = `raw_${tables++}`;
  const q = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;
  await client.query(
    `CREATE TABLE ${q(name)} ("line" integer, ${header.map((column) => `${q(column)} text`).join(", ")})`,
  );
  const records = rows.map((row, i) =>
    Object.fromEntries([["line", i + 2], ...header.map((column, j) => [column, row[j]])]),
  );
  await client.query(
    `INSERT INTO ${q(name)} SELECT * FROM json_populate_recordset(NULL::${q(name)}, $1)`,
    [JSON.stringify(records)],
  );
  return name;
}

/** The rows classified on the server, in the readers' accounting's shape. */
export async function postgresAccounting(
  client: PostgresClient,
  header: readonly string[],
  rows: readonly (readonly string[])[],
  kind: SqlRecordKind,
  options: Options = {},
) {
  const table = await loadTextTable(client, header, rows);
  const { rejections, ...counts } = await validatePostgresTable(client, {
    kind,
    table,
    columns: ["line", ...header],
    line: "line",
    ...options,
  });
  return { counts, rejections };
}
