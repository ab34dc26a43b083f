/**
 * What the compiler reads of a nested array of records (a ticket's assignment history, loaded
 * as a LIST of STRUCTs in DuckDB and as jsonb in PostgreSQL: src/sql/tableKinds.ts
 * `isNestedField`): the distinct values of one member per record, and a distribution of a
 * whole number per record (`{ tally }`), which a dialect returns as a map of counts or as
 * every number. A dialect without these words refuses such a metric with its reason, as it
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

/** Whether a declaration reads a nested array or asks for a tally, anywhere in its trees. */
export function readsNested(spec: Exclude<MetricSql, { refused: string }>): boolean {
  const seen = (node: unknown): boolean => {
    if (typeof node !== "object" || node === null) return false;
    if (Array.isArray(node)) return node.some(seen);
    if ("distinctMembers" in node || "tally" in node) return true;
    return Object.values(node).some(seen);
  };
  return seen(spec.exclude) || ("state" in spec && seen(spec.state));
}

/**
 * Why `dialect` cannot compile a metric that reads a nested array, or undefined when it can.
 *
 * @example
 * import { DUCKDB } from "./dialect.ts";
 * nestedRefusal(DUCKDB)
 * //=> undefined
 */
export function nestedRefusal(dialect: Dialect): string | undefined {
  if (dialect.distinctMembers && dialect.tallyWhere) return undefined;
  const why = dialect.noNested ? ` (${dialect.noNested})` : "";
  return `reads a nested array of records, which the ${dialect.name} dialect does not read${why}`;
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
