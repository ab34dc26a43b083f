/**
 * Identifier quoting for the warehouse dialects, each as its engine documents it. A NUL is
 * refused everywhere: no engine stores one in a name, and the compiler's positional markers
 * (src/sql/positional.ts) rely on no name holding one.
 */

function refuseNul(identifier: string): void {
  if (identifier.includes("\u0000"))
    throw new TypeError(`sql: an identifier must not hold a NUL character, got ${identifier}`);
}

/**
 * SQL's standard quoting (Snowflake, Trino): inner double quotes doubled. Quoted names are
 * case-sensitive in both: `"createdAt"` names the column created as `"createdAt"`.
 *
 * @example
 * doubleQuoted('say "hi"')
 * //=> '"say ""hi"""'
 */
export function doubleQuoted(identifier: string): string {
  refuseNul(identifier);
  return `"${identifier.replaceAll('"', '""')}"`;
}

/**
 * Spark SQL's (and Databricks') quoting: backticks, an inner backtick doubled
 * (https://spark.apache.org/docs/latest/sql-ref-identifier.html).
 *
 * @example
 * backticksDoubled("odd`name")
 * //=> "`odd``name`"
 */
export function backticksDoubled(identifier: string): string {
  refuseNul(identifier);
  return `\`${identifier.replaceAll("`", "``")}\``;
}

/**
 * BigQuery's quoting: backticks, with a string literal's escapes inside, so a backslash and a
 * backtick are escaped with a backslash
 * (https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical#quoted_identifiers).
 * A dotted table path in one pair of backticks (`project.dataset.tickets`) names that table.
 *
 * @example
 * backticksEscaped("project.dataset.tickets")
 * //=> "`project.dataset.tickets`"
 */
export function backticksEscaped(identifier: string): string {
  refuseNul(identifier);
  return `\`${identifier.replaceAll("\\", "\\\\").replaceAll("`", "\\`")}\``;
}

/** A SQL string literal of constant text (the compiler's own words only, never data). */
export function sqlText(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
