import * as z from "zod/mini";
import { callOf } from "../../reduce/folds.ts";
import { flag, instant, oneOf, readOptions, window as windowField } from "../../reduce/options.ts";
import { badField, isInstant } from "../../reduce/recordError.ts";
import type { Reducer, Window } from "../../reduce/reducer.ts";
import { type RatioResult, type RatioState, ratio } from "../../reduce/results.ts";
import type { Ticket } from "../../schemas/ticket.ts";
import {
  all,
  any,
  compare,
  type Expr,
  field,
  isNull,
  MERGED_SOURCE_RULE,
  type MetricSql,
  not,
} from "../../sql/spec.ts";
import {
  type IntervalOption,
  intervalField,
  intervalFor,
  rateIntervalOf,
  withInterval,
} from "../../stats/intervalOption.ts";
import { defineMetric } from "../define.ts";
import { type MergedSourceExclusion, skipMergedSources } from "./mergedTickets.ts";

/**
 * The fields {@link resolutionRate} reads; callers may pass whole tickets. `reopenCount` may
 * be `null` (unknown) in records that did not go through the ticket schema; it is read only
 * with `notReopened`.
 */
export type ResolutionRateInput = Pick<Ticket, "createdAt" | "firstResolvedAt"> & {
  reopenCount: number | null;
};

/**
 * Which resolution rate:
 * - `"flow"`: tickets first resolved in the period / tickets created in the period. The two
 *   counts are of different tickets (a ticket may be created in March and resolved in April),
 *   so the rate can exceed 100 when a backlog is being worked down. It says whether the team
 *   keeps up with what comes in.
 * - `"cohort"`: of the tickets created in the period, the share resolved by `asOf` (by the
 *   end of the data without it). It says what became of one period's tickets, and never
 *   exceeds 100.
 */
export type ResolutionRateForm = "flow" | "cohort";

/** Options for {@link resolutionRate}. */
export interface ResolutionRateOptions extends IntervalOption {
  /** See {@link ResolutionRateForm}. Defaults to `"flow"`. */
  form?: ResolutionRateForm;
  /**
   * Count only resolutions that were never reopened (`reopenCount` 0), so that a ticket
   * solved, reopened and solved again does not pass as resolved. A ticket whose reopen count
   * is unknown (`null`) is then excluded as `unknownReopens`. Defaults to `false`.
   */
  notReopened?: boolean;
  /**
   * The instant the data is read at: nothing after it has happened yet. A ticket counts as
   * resolved only when resolved by then (in the cohort form, the instant its tickets are
   * followed to); a ticket created after it is excluded as `createdAfterAsOf`. Defaults to no
   * limit: every resolution the data holds.
   */
  asOf?: Date | string | number;
  /**
   * The window `[start, end)` the plain call measures: resolutions and creations in it (flow)
   * or tickets created in it (cohort). In a rollup by period each period is the window.
   * Without one, every ticket given counts.
   */
  window?: { start: Date | string | number; end: Date | string | number };
}

/**
 * Why a ticket did not count:
 * - `outsideWindow`: neither its creation nor a resolution by `asOf` (flow), or not its
 *   creation (cohort), falls in the window;
 * - `createdAfterAsOf`: created after `asOf`, so it did not exist yet;
 * - `unknownReopens` (with `notReopened`): its reopen count is unknown (`null`). Excluded
 *   from both counts, since counting it in only one would bias the rate.
 */
export type ResolutionRateExclusion =
  | "outsideWindow"
  | "createdAfterAsOf"
  | "unknownReopens"
  | MergedSourceExclusion;

/** Resolution rate's result: a rate with its counts, and the form that produced it. */
export interface ResolutionRateResult extends RatioResult<ResolutionRateExclusion> {
  form: ResolutionRateForm;
}

const FORMS = ["flow", "cohort"] as const satisfies readonly ResolutionRateForm[];
const EXCLUSIONS: readonly ResolutionRateExclusion[] = [
  "outsideWindow",
  "createdAfterAsOf",
  "unknownReopens",
];

/** The schema of {@link ResolutionRateOptions}. */
const OPTIONS = z.strictObject({
  form: z._default(oneOf(FORMS), "flow"),
  notReopened: z._default(flag(), false),
  asOf: z.optional(instant()),
  window: z.optional(windowField()),
  ...intervalField,
});

function inWindow(time: number, window: Window | undefined): boolean {
  return window === undefined || (time >= window.start && time < window.end);
}

/**
 * Resolution rate: resolved tickets as a percentage of created tickets, in one of two forms
 * (see {@link ResolutionRateForm}). Flow (default): tickets first resolved in the period /
 * tickets created in the period. Cohort: tickets created in the period and resolved by
 * `asOf` / tickets created in the period. Read it beside the reopen rate: with
 * `notReopened`, only resolutions never reopened count. Definition: docs/definitions.md,
 * "Resolution rate".
 *
 * @param items - Validated tickets.
 * @param options - See {@link ResolutionRateOptions}.
 * @returns `value` (a percentage; the flow form can exceed 100), or `null` with nothing
 *   created; `numerator` (resolved), `denominator` (created), `excluded` and `form`.
 *
 * @example
 * const march = { start: "2024-03-01T00:00:00Z", end: "2024-04-01T00:00:00Z" };
 * const t = (createdAt, firstResolvedAt) => ({ createdAt: new Date(createdAt),
 *   firstResolvedAt: firstResolvedAt && new Date(firstResolvedAt), reopenCount: 0 });
 * const tickets = [
 *   t("2024-02-20T00:00:00Z", "2024-03-02T00:00:00Z"), // resolved in March, created before
 *   t("2024-03-05T00:00:00Z", "2024-03-06T00:00:00Z"), // created and resolved in March
 *   t("2024-03-10T00:00:00Z", null),                   // created in March, still open
 *   t("2024-03-20T00:00:00Z", "2024-04-02T00:00:00Z"), // created in March, resolved in April
 * ];
 * // flow: 2 resolved in March / 3 created in March; cohort by 1 May: 2 of the 3 March tickets
 * [resolutionRate(tickets, { window: march }).value,
 *   resolutionRate(tickets, { window: march, form: "cohort", asOf: "2024-05-01T00:00:00Z" }).value]
 * //=> [66.67, 66.67]
 */
export const resolutionRate = callOf(resolutionRateReducer);

/**
 * The mergeable reducer behind {@link resolutionRate}, for `rollup` and for shards. The flow
 * form places a ticket by two instants (`timesOf`: its creation and its first resolution),
 * so a rollup adds it to the period of each, and `add` counts in each period only the events
 * inside it. The cohort form places it by `createdAt` alone.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const t = (createdAt, firstResolvedAt) => ({ createdAt: new Date(createdAt),
 *   firstResolvedAt: firstResolvedAt && new Date(firstResolvedAt), reopenCount: 0 });
 * // 3 created, 2 of them resolved, across two shards
 * foldShards(resolutionRateReducer(), [
 *   [t("2024-03-01T00:00:00Z", "2024-03-02T00:00:00Z")],
 *   [t("2024-03-03T00:00:00Z", null), t("2024-03-04T00:00:00Z", "2024-03-05T00:00:00Z")],
 * ]).value
 * //=> 66.67
 */
export function resolutionRateReducer(
  options: ResolutionRateOptions = {},
): Reducer<ResolutionRateInput, RatioState<ResolutionRateExclusion>, ResolutionRateResult> {
  const fn = "resolutionRate";
  const { form, notReopened, asOf, window, interval } = readOptions(fn, OPTIONS, options);
  const until = asOf ?? Number.POSITIVE_INFINITY;
  /** The first resolution, when it happened by `asOf`. */
  const resolutionOf = (ticket: ResolutionRateInput) => {
    const resolved = ticket.firstResolvedAt?.getTime();
    return resolved !== undefined && resolved <= until ? resolved : undefined;
  };

  /** Cheap checks for records that never went through the schema (recordError.ts). */
  const check = (ticket: ResolutionRateInput) => {
    if (!isInstant(ticket.createdAt)) badField(fn, "createdAt", "a valid Date", ticket.createdAt);
    const resolved: unknown = ticket.firstResolvedAt;
    if (resolved !== null && resolved !== undefined && !isInstant(resolved)) {
      badField(fn, "firstResolvedAt", "a valid Date or null", resolved);
    }
    const reopens: unknown = ticket.reopenCount;
    if (reopens !== null && reopens !== undefined) {
      if (!Number.isSafeInteger(reopens) || (reopens as number) < 0) {
        badField(fn, "reopenCount", "a whole number at least 0, or null", reopens);
      }
    }
  };

  /** Why a ticket cannot count in either form, if so; `inside`: an event of it is in the window. */
  const exclusionOf = (
    ticket: ResolutionRateInput,
    created: number,
    inside: boolean,
  ): ResolutionRateExclusion | undefined => {
    if (!inside) return "outsideWindow";
    if (created > until) return "createdAfterAsOf";
    if (notReopened && (ticket.reopenCount === null || ticket.reopenCount === undefined)) {
      return "unknownReopens";
    }
    return undefined;
  };

  /** Whether a resolution counts: always, or only when never reopened. */
  const counts = (ticket: ResolutionRateInput) => !notReopened || ticket.reopenCount === 0;

  function addFlow(
    state: RatioState<ResolutionRateExclusion>,
    ticket: ResolutionRateInput,
    at: Window | undefined,
  ) {
    check(ticket);
    const created = ticket.createdAt.getTime();
    const createdIn = inWindow(created, at);
    const resolved = resolutionOf(ticket);
    const resolvedIn = resolved !== undefined && inWindow(resolved, at);
    const excluded = exclusionOf(ticket, created, createdIn || resolvedIn);
    if (excluded !== undefined) {
      state.excluded[excluded]++;
      return;
    }
    if (createdIn) state.denominator++;
    if (resolvedIn && counts(ticket)) state.numerator++;
  }

  function addCohort(
    state: RatioState<ResolutionRateExclusion>,
    ticket: ResolutionRateInput,
    at: Window | undefined,
  ) {
    check(ticket);
    const created = ticket.createdAt.getTime();
    const excluded = exclusionOf(ticket, created, inWindow(created, at));
    if (excluded !== undefined) {
      state.excluded[excluded]++;
      return;
    }
    state.denominator++;
    if (resolutionOf(ticket) !== undefined && counts(ticket)) state.numerator++;
  }

  const placement =
    form === "flow"
      ? {
          // A resolution after asOf has not happened yet: it places the ticket nowhere.
          timesOf: (ticket: ResolutionRateInput) =>
            ticket.firstResolvedAt && resolutionOf(ticket) !== undefined
              ? [ticket.createdAt, ticket.firstResolvedAt]
              : [ticket.createdAt],
        }
      : {};
  const plain: ReturnType<typeof resolutionRateReducer> = skipMergedSources({
    name: fn,
    ...(window === undefined ? {} : { window }),
    timeOf: (ticket) => ticket.createdAt,
    ...placement,
    init: () => ratio.init(EXCLUSIONS),
    add: form === "flow" ? addFlow : addCohort,
    merge: ratio.merge,
    result: (state) => ({ ...ratio.percent(state), form }),
  });
  return withInterval(plain, intervalFor(fn, "rate", interval), rateIntervalOf);
}

/** Resolution rate in the catalogue: `resolution-rate`, read beside the reopen rate. */
export const resolutionRateMetric = defineMetric({
  name: "resolution-rate",
  key: "resolutionRate",
  label: "Resolution rate",
  description:
    "Tickets resolved in the period as a share of tickets created in it (flow), or the share of the period's tickets resolved (cohort).",
  unit: "percent",
  better: "higher",
  records: "tickets",
  // In the default report, so that it stands beside the reopen rate (catalogue order) as the
  // definition says it should be read; its default (flow) form needs no instant to measure at.
  byDefault: true,
  placement: (options) =>
    options.form === "cohort"
      ? { by: "instant", field: "createdAt" }
      : { by: "instants", events: "createdAt and firstResolvedAt" },
  result: "ratio",
  takesInterval: true,
  options: OPTIONS,
  reads: ["createdAt", "firstResolvedAt", "reopenCount"],
  sql: (options) => resolutionRateSql(options),
  reducer: resolutionRateReducer,
});

/**
 * Resolution rate for the SQL compiler, as `add` counts: the flow form counted at creation
 * and at a first resolution by `asOf` (each in the window it is counted in), the cohort form
 * at creation alone; the rules in `exclusionOf`'s order, after the merged-source one.
 */
function resolutionRateSql(options: ResolutionRateOptions): MetricSql {
  // Checked options: the form and flag defaulted, `asOf` read as epoch milliseconds.
  const { form, notReopened, asOf } = options as {
    form: ResolutionRateForm;
    notReopened: boolean;
    asOf?: number;
  };
  const flow = form === "flow";
  const resolved: Expr =
    asOf === undefined
      ? not(isNull("firstResolvedAt"))
      : compare("<=", field("firstResolvedAt"), { instantAt: asOf });
  const createdIn: Expr = { inWindow: "createdAt" };
  const resolvedIn = all(resolved, { inWindow: "firstResolvedAt" });
  // A rule that cannot hold with these options is `any()`, false.
  return {
    exclude: [
      MERGED_SOURCE_RULE,
      { reason: "outsideWindow", when: not(flow ? any(createdIn, resolvedIn) : createdIn) },
      {
        reason: "createdAfterAsOf",
        when: asOf === undefined ? any() : compare(">", field("createdAt"), { instantAt: asOf }),
      },
      { reason: "unknownReopens", when: notReopened ? isNull("reopenCount") : any() },
    ],
    state: {
      // With notReopened only a resolution never reopened counts.
      numerator: {
        count: all(
          flow ? resolvedIn : resolved,
          notReopened ? compare("=", field("reopenCount"), 0) : all(),
        ),
      },
      denominator: { count: flow ? createdIn : true },
    },
    ...(flow && {
      events: { placedBy: [{ field: "createdAt" }, { field: "firstResolvedAt", when: resolved }] },
    }),
  } as MetricSql;
}
