/**
 * Records followed by another record of the same relation (spec.ts `FollowsSql`: deflection's
 * sessions and the tickets that follow them), in the compiled query: the relation the flow
 * branches read gains one boolean column per such metric, a correlated `EXISTS` over the
 * relation itself, so the metric's rules and aggregates read `{ followed: true }` as a field.
 * The follower must be counted in the record's group as the in-memory rollup counts it there
 * (a reducer's state holds only its group's records): the same group keys, and grouped by
 * period, the record's own period between the follower's first and last placing periods.
 */
import type { ResolvedSqlMetric } from "./compile.ts";
import { shiftedInstant } from "./events.ts";
import type { ExpressionContext } from "./expression.ts";
import type { FollowsSql } from "./spec.ts";

/** The column saying whether a record is followed, for the metric at `index`. */
export function followedColumn(index: number): string {
  return `__followed${index}`;
}

/** What the follows test needs from the compiler beside the expression context. */
export interface FollowsWriting {
  /** The relation's own name, quoted: the followers are read from it. */
  readonly relation: string;
  /** The fields the rollup groups by (keys), which a follower must share. */
  readonly keys: readonly string[];
  /** The start of the period holding an instant, when grouped by period. */
  readonly periodStartOf: ((instant: string) => string) | undefined;
  /** Placed by creation (`placeBy: "created"`): a follower is placed by its `at` alone. */
  readonly byCreation: boolean;
}

/** The test that the outer record is followed, as SQL over `__outer` and `__other`. */
function followedTest(follows: FollowsSql, context: ExpressionContext, writing: FollowsWriting) {
  const { dialect, parameters, columns } = context;
  const { from, at, match, withinMs } = follows;
  if (![from, at, match].every((name) => columns.has(name))) return "false";
  const outer = (name: string) => `${dialect.quote("__outer")}.${dialect.quote(name)}`;
  const other = (name: string) => `${dialect.quote("__other")}.${dialect.quote(name)}`;
  const atMs = dialect.epochMilliseconds(other(at));
  const fromMs = dialect.epochMilliseconds(outer(from));
  const conditions = [
    `${other(match)} = ${outer(match)}`,
    `${atMs} >= ${fromMs}`,
    // The end as the reducer adds it: a double, so a fractional window compares alike.
    `${atMs} <= ${fromMs} + ${dialect.asDouble(parameters.bind(withinMs))}`,
    ...writing.keys
      .filter((key) => columns.has(key))
      .map((key) => `${other(key)} IS NOT DISTINCT FROM ${outer(key)}`),
  ];
  const { periodStartOf } = writing;
  if (periodStartOf) {
    const own = periodStartOf(outer(from));
    const [earliest, latest] = writing.byCreation ? [0, 0] : follows.before;
    const placed = (before: number) =>
      periodStartOf(shiftedInstant({ field: at, before }, context, other(at)));
    // Period starts order as the periods do, so "between" is a comparison of starts.
    conditions.push(`${placed(earliest)} <= ${own}`, `${own} <= ${placed(latest)}`);
  }
  return `EXISTS (SELECT 1 FROM ${writing.relation} AS ${dialect.quote("__other")} WHERE ${conditions.join(" AND ")})`;
}

/**
 * `source` with a column {@link followedColumn} for each metric that declares `follows`, or
 * `source` itself when none does.
 *
 * @internal
 */
export function followsSource(
  resolved: readonly ResolvedSqlMetric[],
  source: string,
  context: ExpressionContext,
  writing: FollowsWriting,
): string {
  const { dialect } = context;
  const tests = resolved.flatMap((metric, i) =>
    "follows" in metric.spec && metric.spec.follows
      ? [
          `${followedTest(metric.spec.follows, context, writing)} AS ${dialect.quote(followedColumn(i))}`,
        ]
      : [],
  );
  if (tests.length === 0) return source;
  const outer = dialect.quote("__outer");
  return `(SELECT ${outer}.*, ${tests.join(", ")} FROM (SELECT * FROM ${source}) AS ${outer}) AS ${dialect.quote("__follows")}`;
}
