/**
 * The length of a union of spans in SQL, exactly: for spans sorted by start, the i-th adds
 * to the union what lies past the greatest end of those before it, `end − max(start, M)`
 * when its end passes M, else nothing (whatever lies between its start and M is covered
 * already: the span that ends at M started no later than it). So each span's new
 * milliseconds are one window function over the spans of its group, and their sum is the
 * union's length. The compiler adds these columns in a layer of their own, between the
 * reasons (which the windows read, to take only counted spans) and the GROUP BY.
 */
import type { ResolvedSqlMetric } from "./compile.ts";
import { type ExpressionContext, writeExpression } from "./expression.ts";

/** The column of the new milliseconds of aggregate `name` of metric `index`. */
export function unionColumn(index: number, name: string): string {
  return `u${index}_${name}`;
}

/**
 * The window columns of the union aggregates of the metrics `inGroup`, each partitioned by
 * `partition` (the branch's period and keys), the aggregate's `by` and whether the record is
 * counted; none when no metric has one.
 */
export function unionWindows(
  resolved: readonly ResolvedSqlMetric[],
  inGroup: ReadonlySet<number>,
  partition: readonly string[],
  context: ExpressionContext,
): string[] {
  const { dialect } = context;
  const out: string[] = [];
  resolved.forEach((metric, i) => {
    if (!inGroup.has(i) || !("state" in metric.spec)) return;
    for (const [name, aggregate] of Object.entries(metric.spec.state)) {
      if (!("union" in aggregate)) continue;
      const { by, start, length } = aggregate.union;
      const from = writeExpression({ field: start }, context);
      const ms = writeExpression(length, context);
      const column = dialect.quote(unionColumn(i, name));
      if (from === "NULL" || ms === "NULL") {
        out.push(`${dialect.asDouble("NULL")} AS ${column}`);
        continue;
      }
      // Whole epoch milliseconds as doubles: exact below 2^53, as the reducer's numbers are.
      const s = dialect.asDouble(dialect.epochMilliseconds(from));
      const e = `(${s} + ${dialect.asDouble(ms)})`;
      const keys = [...partition, writeExpression(by, context), `${dialect.quote(`r${i}`)} = -1`];
      const before = `max(${e}) OVER (PARTITION BY ${keys.join(", ")} ORDER BY ${s}, ${e} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)`;
      // The window once: what lies past max(start, M), none when the span ends before M.
      const zero = dialect.asDouble("0");
      out.push(`greatest(${zero}, ${e} - greatest(${s}, coalesce(${before}, ${s}))) AS ${column}`);
    }
  });
  return out;
}
