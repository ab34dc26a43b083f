/**
 * A report plan as the SQL compiler takes it, for every command path that compiles one
 * (`--engine duckdb`, `--engine postgres`, `--print-sql`): the record kind a table holds, the
 * table's name in parts, the plan's rollup options over that table, and a compiler refusal
 * turned into the usage error that names each metric and its reason.
 */
import { RECORD_FIELDS } from "../node/mapping.ts";
import { SqlRefusedError, type SqlRollupOptions } from "../sql/compile.ts";
import type { Dialect } from "../sql/dialect.ts";
import { isTableKind, type TableKind } from "../sql/tableKinds.ts";
import { kindText, type ReportPlan } from "./plan.ts";
import { UsageError } from "./usage.ts";

/** The record kind of a plan when a compiled query can read it, or a usage error. */
export function tableKindOf(plan: Pick<ReportPlan, "kind">, who: string): TableKind {
  if (isTableKind(plan.kind)) return plan.kind;
  throw new UsageError(
    `${who} reads tickets, survey responses, queue contacts, customers and support costs, not ${kindText(plan.kind)}: use --engine js`,
  );
}

/**
 * The parts of a `--table` name: `name`, `schema.name`, or `catalog.schema.name` (a BigQuery
 * `project.dataset.table`), split at every dot; each part is an identifier as written (case
 * kept, no quotes needed), and the SQL quotes each part on its own.
 *
 * @example
 * [tableParts("tickets"), tableParts("support.Tickets")]
 * //=> [["tickets"], ["support", "Tickets"]]
 */
export function tableParts(name: string): string[] {
  const parts = name.split(".");
  if (parts.length > 3 || parts.some((part) => part.trim() === "")) {
    throw new UsageError(
      `--table must be name, schema.name or catalog.schema.name, got ${JSON.stringify(name)}`,
    );
  }
  return parts;
}

/**
 * A dialect that writes the relation `name` quoted per part (`"support"."tickets"`), and every
 * other identifier as `dialect` does. A field name never holds a dot, so no column is taken
 * for the relation.
 *
 * @example
 * import { POSTGRES } from "../sql/postgres.ts";
 * [withRelation(POSTGRES, "support.tickets").quote("support.tickets"), withRelation(POSTGRES, "support.tickets").quote("id")]
 * //=> ['"support"."tickets"', '"id"']
 */
export function withRelation(dialect: Dialect, name: string): Dialect {
  const parts = tableParts(name);
  if (parts.length === 1) return dialect;
  const qualified = parts.map((part) => dialect.quote(part)).join(".");
  return {
    ...dialect,
    quote: (identifier) => (identifier === name ? qualified : dialect.quote(identifier)),
  };
}

/** Every field of a record kind: the columns `--print-sql` assumes its table has. */
export function kindColumns(kind: TableKind): string[] {
  return Object.keys(RECORD_FIELDS[kind].fields);
}

/** The compiler's options for a report plan over `relation`, in `dialect`. */
export function rollupOptions(
  plan: ReportPlan,
  relation: { name: string; columns: readonly string[] },
  dialect: Dialect,
): SqlRollupOptions {
  const by: Record<string, string> = {};
  if (plan.period !== undefined) by.period = plan.period;
  for (const key of plan.keys) by[key] = key;
  return {
    relation,
    metrics: Object.fromEntries(
      plan.metrics.map((planned) => [
        planned.column,
        { metric: planned.metric, options: planned.options },
      ]),
    ),
    by,
    timeZone: plan.timeZone,
    ...(plan.range ? { range: plan.range } : {}),
    placeBy: plan.placeBy,
    dialect: withRelation(dialect, relation.name),
  };
}

/**
 * Runs a step of the compiler (`compileRollup`, `compileBusinessRange`); a metric the dialect
 * cannot express is a usage error that gives the compiler's reason, `who` naming what was
 * asked for.
 */
export function refusing<T>(who: string, compile: () => T): T {
  try {
    return compile();
  } catch (error) {
    if (error instanceof SqlRefusedError) {
      const reasons = error.refusals.map(({ name, reason }) => `${name}: ${reason}`);
      throw new UsageError(`${who} cannot compute ${reasons.join("; ")} (use --engine js)`);
    }
    throw error;
  }
}
