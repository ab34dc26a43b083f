/**
 * What the compiler reads of a nested array of records (a ticket's assignment history, loaded
 * as a LIST of STRUCTs in DuckDB and as jsonb in PostgreSQL: src/sql/tableKinds.ts
 * `isNestedField`): the distinct values of one member per record, the time spent in some
 * statuses of a status history, the first reply among a ticket's messages, and a distribution of a whole number per record
 * (`{ tally }`), which a dialect returns as a map of counts or as every number. A dialect without these words refuses such a metric with its reason, as it
 * refuses a duration without exact quantiles: never an approximation.
 */
import type { Dialect } from "./dialect.ts";
import type { Aggregate, Expr, MetricSql } from "./spec.ts";

/**
 * How many distinct values, nulls aside, `member` takes over the elements of the nested
 * array `list` and the expressions `also` together (see the `distinctMembers` expression).
 *
 * @example
 * distinctMembers("assignments", "assigneeId", { field: "assigneeId" })
 * //=> { distinctMembers: { list: "assignments", member: "assigneeId", also: [{ field: "assigneeId" }] } }
 */
export function distinctMembers(list: string, member: string, ...also: Expr[]): Expr {
  return { distinctMembers: { list, member, also } };
}

/**
 * The counted records by the whole number `of` (see the `tally` aggregate).
 *
 * @example
 * tally({ field: "reopenCount" })
 * //=> { tally: { field: "reopenCount" } }
 */
export function tally(of: Expr): Aggregate {
  return { tally: of };
}

/** The dialect words each nested reading needs, by the key that names it in a declaration. */
const WORDS = {
  distinctMembers: "distinctMembers",
  tally: "tallyWhere",
  statusSeconds: "statusSeconds",
  firstMessageAt: "firstMessageAt",
  replyAuthors: "replyAuthors",
  waits: "messageRows",
} as const;

/** The nested readings of a declaration, anywhere in its trees (its functions aside). */
function readingsOf(spec: Exclude<MetricSql, { refused: string }>): (keyof typeof WORDS)[] {
  const found = new Set<keyof typeof WORDS>();
  const walk = (node: unknown): void => {
    if (typeof node !== "object" || node === null) return;
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    for (const [key, inner] of Object.entries(node)) {
      if (Object.hasOwn(WORDS, key)) found.add(key as keyof typeof WORDS);
      walk(inner);
    }
  };
  walk(spec);
  return [...found];
}

/**
 * Why `dialect` cannot compile a declaration that reads a nested array (it lacks a word the
 * reading needs), or undefined when it can or when the declaration reads none.
 *
 * @example
 * import { DUCKDB } from "./dialect.ts";
 * const spec = { exclude: [], state: { n: tally({ field: "reopenCount" }) } };
 * [nestedRefusal(DUCKDB, spec), nestedRefusal({ ...DUCKDB, tallyWhere: undefined }, spec)]
 * //=> [undefined, "reads a nested array of records, which the duckdb dialect does not read"]
 */
export function nestedRefusal(
  dialect: Dialect,
  spec: Exclude<MetricSql, { refused: string }>,
): string | undefined {
  const missing = readingsOf(spec).filter((reading) => !dialect[WORDS[reading]]);
  if (missing.length === 0) return undefined;
  const what = missing.includes("statusSeconds")
    ? "a status history (a nested array of records)"
    : missing.some((reading) => ["firstMessageAt", "replyAuthors", "waits"].includes(reading))
      ? "a ticket's messages (a nested array of records)"
      : "a nested array of records";
  const why = dialect.noNested ? ` (${dialect.noNested})` : "";
  return `reads ${what}, which the ${dialect.name} dialect does not read${why}`;
}

/**
 * A distribution (k-th entry: how many records had k) from what a dialect's `tallyWhere`
 * returned: `{ key, value }` entries of a map, or every number (bigints and numeric text
 * read as numbers); SQL's NULL (no record) is an empty distribution.
 *
 * @example
 * [tallyOf([{ key: 2, value: 3n }, { key: 0, value: 1n }]), tallyOf([1, "1", 0n]), tallyOf(null)]
 * //=> [[1, 0, 3], [1, 2], []]
 */
export function tallyOf(returned: unknown): number[] {
  const counts: number[] = [];
  const add = (k: number, n: number) => {
    if (!Number.isInteger(k) || k < 0)
      throw new TypeError(`compileRollup: a tally must count whole numbers from 0, got ${k}`);
    while (counts.length <= k) counts.push(0);
    counts[k] = (counts[k] as number) + n;
  };
  if (!Array.isArray(returned)) return counts;
  for (const item of returned) {
    if (typeof item === "object" && item !== null && "key" in item)
      add(Number(item.key), Number((item as { value: unknown }).value));
    else add(Number(item), 1);
  }
  return counts;
}
