import type * as z from "zod/mini";
import { noteMaker } from "../reduce/provenance.ts";
import type { AnyReducer } from "../reduce/reducer.ts";
import type { Customer, Purchase, SupportCost } from "../schemas/customer.ts";
import type { QueueContactRecord } from "../schemas/queueContact.ts";
import type { Session } from "../schemas/session.ts";
import type { AgentShift } from "../schemas/shift.ts";
import type { SurveyResponse } from "../schemas/survey.ts";
import type { Ticket } from "../schemas/ticket.ts";
import type { MetricSql, RelationColumns } from "../sql/spec.ts";

/**
 * What a metric declares about itself, next to its reducer, so that no other part of the
 * library has to know it by name: the CLI's names and defaults, the report's label, unit and
 * colour of change, the vendor presets, the docs table and (later) the SQL compiler all read
 * these entries. Adding a metric is one file, one test and one entry in `catalogue.ts`.
 */

/** What a metric's headline `value` is measured in (`months`: CAC payback's payback period). */
export type Unit = "seconds" | "months" | "percent" | "score" | "count" | "money" | "ratio";

/** Which way is better when the value moves; `"neither"` for volumes that are not a goal. */
export type Better = "higher" | "lower" | "neither";

/** The records a metric reads. */
export type RecordKind =
  | "tickets"
  | "surveyResponses"
  | "customers"
  | "purchases"
  | "supportCosts"
  | "agentShifts"
  | "queueContacts"
  | "sessions";

/** A field of any validated record kind, as a metric's `reads` names it. */
export type RecordField =
  | keyof Ticket
  | keyof SurveyResponse
  | keyof Customer
  | keyof Purchase
  | keyof SupportCost
  | keyof AgentShift
  | keyof QueueContactRecord
  | keyof Session;

/** The helpdesks with a vendor preset. */
export const VENDORS = ["zendesk", "freshdesk", "intercom", "helpscout", "chatwoot"] as const;
/** The name of a helpdesk with a preset. */
export type Vendor = (typeof VENDORS)[number];

/**
 * How a metric places a record in a period:
 * - `instant`: by one timestamp of the record (`field`), such as `createdAt`;
 * - `instants`: by each of several events of the record (`events`: every agent reply, every
 *   SLA target's due instant), the record counted once per period holding one of them;
 * - `stock`: measured at an instant, each period's end (`span` says what makes a record
 *   count there: "open" for tickets, "active" for customers);
 * - `window`: the period is the window the metric measures (a rate of customers over it).
 */
export type Placement =
  | { readonly by: "instant"; readonly field: string }
  | { readonly by: "instants"; readonly events: string }
  | { readonly by: "stock"; readonly span: string }
  | { readonly by: "window"; readonly field: string };

/**
 * The shape of a metric's result, which says where its count of records is: `n` for
 * durations, means, NPS and CSAT, `denominator` for other rates, `value` itself for counts.
 * `targets` is a rate of target instances with a part per kind of target (`byKind`), as SLA
 * attainment reports it. An `amount` (lifetime value, CAC payback) is money worked out from
 * sums that do not add up across rows, and has no one count field.
 */
export type ResultShape =
  | "count"
  | "ratio"
  | "mean"
  | "duration"
  | "nps"
  | "score"
  | "targets"
  | "amount";

/** The field of a result that holds how many records its value is over, by shape. */
export const COUNT_FIELD: Readonly<Record<ResultShape, "n" | "denominator" | "value" | null>> = {
  count: "value",
  ratio: "denominator",
  mean: "n",
  duration: "n",
  nps: "n",
  score: "n",
  targets: "denominator",
  amount: null,
};

/** The options type of a catalogue entry. */
export type OptionsOf<M> = M extends MetricDefinition<infer Options, string> ? Options : never;

/** A value a metric declares, fixed or depending on the options it was given. */
export type ByOptions<Options, T> = T | ((options: Options) => T);

/**
 * One metric, as the rest of the library sees it.
 *
 * @typeParam Options - What the reducer factory takes.
 * @typeParam Key - The entry's key, kept as a literal type so presets are typed by metric.
 */
export interface MetricDefinition<Options extends object = object, Key extends string = string> {
  /** The short name, as the CLI takes it (`frt`, `one-touch`); unique in the catalogue. */
  readonly name: string;
  /** Other names the CLI accepts. */
  readonly aliases: readonly string[];
  /**
   * The key of the metric in a vendor preset, and the column name the report and the docs
   * use for it (`firstResponseTime`, `fullResolutionTime`); unique in the catalogue.
   */
  readonly key: Key;
  /** The library function it stands for (`resolutionTime` for `full-resolution`). */
  readonly function: string;
  /** A label for people: "First response time". */
  readonly label: string;
  /** One sentence: what it measures. */
  readonly description: string;
  /** The unit of `value` (may depend on the options: CSAT's mean method is a score). */
  readonly unit: ByOptions<Options, Unit>;
  /** Which direction is better. */
  readonly better: ByOptions<Options, Better>;
  /** The records it reads. */
  readonly records: RecordKind;
  /**
   * A second kind of record it reads beside `records`, for a metric that joins two kinds
   * (deflection: self-service sessions, and the tickets that follow them). Its reducer takes
   * both kinds in one stream and tells them apart by their fields; the CLI reads the second
   * kind from its own files (`--sessions FILE` beside the tickets). Left out: one kind.
   */
  readonly joins?: RecordKind;
  /**
   * The record fields it needs with its default options (`["firstResolvedAt", "reopenCount"]`
   * for the reopen rate): where a field is unknown for a record, the metric excludes the
   * record under a named reason, so input without one of these columns gives `value: null`.
   * A flat ticket field that can be derived (from `messages` or `statusChanges`) counts as
   * given when those are. Lets a caller say which metrics had no source column.
   */
  readonly reads?: readonly RecordField[];
  /** How it places a record in a period (may depend on the options). */
  readonly placement: ByOptions<Options, Placement>;
  /** The shape of its result. */
  readonly result: ResultShape;
  /**
   * `true` when the metric takes the `interval` option and then reports a confidence interval
   * for its `value` (src/stats/intervalOption.ts), so the CLI and the report ask for one
   * without knowing metrics by name.
   */
  readonly takesInterval?: boolean;
  /** The schema of its options; the reducer checks what it is given against it. */
  readonly options: z.ZodMiniType;
  /** Options this entry always passes (a variant such as full resolution time). */
  readonly fixed: Partial<Options>;
  /** Part of the CLI's default report for its record kind. */
  readonly byDefault: boolean;
  /** The options that reproduce each helpdesk's figure, where the vendor has one. */
  readonly vendors: Readonly<Partial<Record<Vendor, Readonly<Partial<Options>>>>>;
  /** Builds the reducer; the entry's `fixed` options are applied on top of `options`. */
  reducer(options?: Options): AnyReducer;
  /**
   * What the metric measures, as data for the SQL compiler (src/sql/spec.ts), for its checked
   * options (defaults filled, the entry's `fixed` applied) over a relation with some columns;
   * or why SQL cannot express it with those options. Left out: the metric does not compile.
   */
  readonly sql?: (options: Options, relation: RelationColumns) => MetricSql;
}

/** Every option of `T` optional, and `undefined` allowed, as a schema's input has them. */
type Loose<T> = { [K in keyof T]?: T[K] | undefined };

/** `true` when two object types have the same keys. */
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never]
  ? true
  : false;

/**
 * What {@link defineMetric} takes: a definition whose lists and flags may be left out. The
 * options schema must take exactly the options of the interface, with the same types (checked
 * by the compiler), so the two cannot drift apart.
 */
export type MetricInput<
  Options extends object,
  Schema extends z.ZodMiniType,
  Key extends string = string,
> = Omit<
  MetricDefinition<Options, Key>,
  "aliases" | "fixed" | "byDefault" | "vendors" | "function" | "reducer" | "options"
> & {
  options: Schema &
    (SameKeys<z.input<Schema>, Options> extends true
      ? unknown
      : { "the schema's options differ from the interface's": never });
  aliases?: readonly string[];
  fixed?: Partial<Options>;
  byDefault?: boolean;
  vendors?: Readonly<Partial<Record<Vendor, Readonly<Partial<Options>>>>>;
  /** The reducer factory. */
  reducer: ((options?: Options) => AnyReducer) | ((options: Options) => AnyReducer);
  /**
   * The library function the entry stands for; defaults to `key`. Never read from the
   * factory's `name`: a minifier renames functions, and a bundled catalogue would then name
   * `os` or `Tr`.
   */
  function?: string;
};

function freeze<T extends object>(value: T): T {
  // The options schema is left as it is: Zod fills caches on its schemas as they are used.
  for (const inner of Object.values(value)) {
    if (inner && typeof inner === "object" && !("_zod" in inner)) freeze(inner);
  }
  return Object.freeze(value);
}

/**
 * Declares a metric for the catalogue. The entry is frozen, its optional fields filled in, and
 * its reducer made to apply the entry's `fixed` options.
 *
 * @example
 * import { firstResponseTimeMetric } from "support-metrics";
 * [firstResponseTimeMetric.name, firstResponseTimeMetric.unit, firstResponseTimeMetric.better]
 * //=> ["frt", "seconds", "lower"]
 */
export function defineMetric<
  Options extends object,
  const Key extends string,
  Schema extends z.ZodMiniType<unknown, Loose<Options>> = z.ZodMiniType<unknown, Loose<Options>>,
>(input: MetricInput<Options, Schema, Key>): MetricDefinition<Options, Key> {
  const factory = input.reducer as (options?: Options) => AnyReducer;
  const fixed = input.fixed ?? {};
  const hasFixed = Object.keys(fixed).length > 0;
  const { reducer: _factory, ...rest } = input;
  const definition: MetricDefinition<Options, Key> = {
    ...rest,
    function: input.function ?? input.key,
    aliases: input.aliases ?? [],
    fixed,
    byDefault: input.byDefault ?? false,
    vendors: input.vendors ?? {},
    // Options that are not an object go through as they are, for the reducer to refuse.
    // The reducer records the options it was built with, so that a saved state says what
    // made it and is refused by a reducer built otherwise (src/reduce/provenance.ts).
    reducer: (options?: Options) => {
      const given =
        hasFixed && (options === undefined || (typeof options === "object" && options !== null))
          ? ({ ...options, ...fixed } as Options)
          : options;
      const reducer = factory(given);
      noteMaker(reducer, given ?? {});
      return reducer;
    },
  };
  return freeze(definition);
}

/** What a metric declares that depends on its options, resolved for one set of them. */
export interface ResolvedMetric {
  unit: Unit;
  better: Better;
  placement: Placement;
}

/**
 * The unit, direction and placement of a metric for the options given (with the entry's
 * `fixed` options applied).
 *
 * @example
 * import { csatMetric } from "support-metrics";
 * [resolveMetric(csatMetric).unit, resolveMetric(csatMetric, { method: "mean" }).unit]
 * //=> ["percent", "score"]
 */
export function resolveMetric<Options extends object>(
  metric: MetricDefinition<Options>,
  options?: Options,
): ResolvedMetric {
  const given = { ...options, ...metric.fixed } as Options;
  const resolve = <T>(value: ByOptions<Options, T>): T =>
    typeof value === "function" ? (value as (options: Options) => T)(given) : value;
  return {
    unit: resolve(metric.unit),
    better: resolve(metric.better),
    placement: resolve(metric.placement),
  };
}

/** The shape of a Zod object schema, as far as the catalogue's readers need it. */
function shapeOf(
  metric: MetricDefinition,
): Record<string, { safeParse(value: unknown): { success: boolean } }> {
  return (metric.options as unknown as { shape?: Record<string, never> }).shape ?? {};
}

/**
 * The names of the options a metric takes (the keys of its options schema), without the ones
 * its entry fixes.
 *
 * @example
 * import { backlogMetric } from "support-metrics";
 * optionNames(backlogMetric)
 * //=> ["asOf", "ageBuckets", "statuses"]
 */
export function optionNames(metric: MetricDefinition): string[] {
  return Object.keys(shapeOf(metric)).filter((name) => !Object.hasOwn(metric.fixed, name));
}

/**
 * The options a metric cannot do without (SLA attainment's policies): those its schema does
 * not accept as missing.
 *
 * @example
 * import { firstResponseTimeMetric } from "support-metrics";
 * requiredOptions(firstResponseTimeMetric)
 * //=> []
 */
export function requiredOptions(metric: MetricDefinition): string[] {
  const shape = shapeOf(metric);
  return optionNames(metric).filter((name) => !shape[name]?.safeParse(undefined).success);
}
