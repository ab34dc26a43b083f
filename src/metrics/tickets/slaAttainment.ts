/**
 * SLA attainment: targets met out of targets decided, counted per target instance (Zendesk's
 * way) or per ticket. Long (about 450 lines) because it holds the open targets until the result
 * is read (an `asOf` known only after the pass) and judges them in business time.
 */
import * as z from "zod/mini";
import { show } from "../../reduce/arguments.ts";
import { callOf } from "../../reduce/folds.ts";
import { callback, checkedBy, INSTANT, instant, oneOf, readOptions } from "../../reduce/options.ts";
import { badField, isInstant } from "../../reduce/recordError.ts";
import type { Reducer, Window } from "../../reduce/reducer.ts";
import { type Excluded, excludedCounts, mergeExcluded } from "../../reduce/results.ts";
import {
  type SlaEvaluation,
  type SlaOptions,
  type SlaResolution,
  slaEvaluator,
} from "../../sla/evaluate.ts";
import { SLA_KINDS, type SlaKind, type SlaTicket, slaPolicies } from "../../sla/policy.ts";
import { refuse } from "../../sql/spec.ts";
import type { ConfidenceInterval } from "../../stats/interval.ts";
import {
  type IntervalOption,
  intervalField,
  intervalFor,
  rateIntervalOf,
  withInterval,
} from "../../stats/intervalOption.ts";
import { businessDuration } from "../../time/businessTime.ts";
import type { Schedules } from "../../time/schedule.ts";
import { defineMetric } from "../define.ts";
import { type ClockOptions, clockOptionFields } from "./elapsed.ts";
import { type MergedSourceExclusion, skipMergedSources } from "./mergedTickets.ts";
import { isMessage, MESSAGES } from "./messageCheck.ts";
import { requireOpenSpanInput } from "./openSpans.ts";

/** The fields {@link slaAttainment} reads; callers may pass whole tickets. */
export type SlaAttainmentInput = SlaTicket;

/**
 * Options for {@link slaAttainment}: the policies, the instant the targets are judged at
 * (`asOf`, required), and optionally a schedule, a schedule rule, the kinds of target to
 * count and which resolution meets a resolution target. See `SlaOptions`.
 */
export interface SlaAttainmentOptions
  extends Omit<SlaOptions, "schedule" | "asOf">,
    IntervalOption {
  /**
   * The instant the targets are judged at: a target not met by then is breached once due and
   * in progress before. Or a function returning it, read when the result is read: for a
   * stream whose end is known only once it is read (the CLI judges at the input's latest
   * instant). Then every ticket is evaluated with all its events, and a target not met is held
   * as its due instant alone until the result decides it, so memory grows with the targets
   * still open at the end, not with the input.
   */
  asOf: SlaOptions["asOf"] | (() => Date | number);
  /**
   * The working schedule business-hours targets are counted in, required if there are any:
   * one schedule or its versions, built by `schedule()` or given as the same plain input, as
   * the duration metrics take it (checked once, when the reducer is built).
   */
  schedule?: ClockOptions["schedule"];
  /**
   * What attainment counts. `"instance"` (default, as Zendesk Explore): each target instance
   * (a first reply, each next reply, a resolution...) achieved or breached. `"ticket"`: each
   * ticket once, achieved only when every one of its target instances (in the period) was
   * met, breached when any was breached, and undecided (in progress) while none was breached
   * and any is still open.
   */
  per?: SlaPer;
}

/** What SLA attainment counts: target instances, or tickets (all their targets met). */
export type SlaPer = "instance" | "ticket";

/**
 * Why something did not count. `noPolicy`, `noTarget` and `createdAfterAsOf` count tickets;
 * `noMessages` counts a ticket once per kind of target that needs its messages (next reply,
 * periodic update); `noSchedule` counts target instances whose due instant or overdue time
 * falls where no schedule version is in force; `unknownFirstResponse` counts tickets whose
 * first reply target cannot be judged (`firstResponseAt` not given).
 */
export type SlaAttainmentExclusion =
  | "noPolicy"
  | "noTarget"
  | "createdAfterAsOf"
  | "noMessages"
  | "noSchedule"
  | "unknownFirstResponse"
  | MergedSourceExclusion;

/** Counts of target instances by status. */
export interface SlaCounts {
  achieved: number;
  breached: number;
  inProgress: number;
}

/** Attainment of one kind of target: `value` = 100 × achieved / (achieved + breached). */
export interface SlaKindResult extends SlaCounts {
  value: number | null;
}

/**
 * The accumulator behind {@link slaAttainment}: additive counts, plus, when `asOf` is read
 * late, the due instants of the targets not met, by kind (decided at `result`).
 */
export interface SlaAttainmentState {
  byKind: Record<SlaKind, SlaCounts>;
  open: Record<SlaKind, number[]>;
  /** With `per: "ticket"`: tickets decided when added, by status. */
  perTicket: SlaCounts;
  /**
   * With `per: "ticket"`, judged late: each ticket with no breach and some instance still
   * open, as the due instants of its open instances (a business-hours one as −due − 1).
   */
  openTickets: number[][];
  tickets: number;
  excluded: Excluded<SlaAttainmentExclusion>;
}

/**
 * SLA attainment. `value` = 100 × `numerator` / `denominator`, where `numerator` counts the
 * target instances achieved and `denominator` those decided (achieved + breached); instances
 * still in progress are counted apart. `byKind` breaks the counts down by kind of target (the
 * kinds evaluated), and `tickets` counts the tickets that contributed an instance.
 */
export interface SlaAttainmentResult extends SlaCounts {
  /** Whether the counts are of target instances or of tickets (see `per`). */
  per: SlaPer;
  value: number | null;
  numerator: number;
  denominator: number;
  /** Every target instance counted: achieved + breached + in progress. */
  instances: number;
  tickets: number;
  byKind: Partial<Record<SlaKind, SlaKindResult>>;
  excluded: Excluded<SlaAttainmentExclusion>;
  /** With `interval` only: the confidence interval of `value`, in percent. */
  interval?: ConfidenceInterval | null;
}

const EXCLUSIONS: readonly SlaAttainmentExclusion[] = [
  "noPolicy",
  "noTarget",
  "createdAfterAsOf",
  "noMessages",
  "noSchedule",
  "unknownFirstResponse",
];

const KINDS_MESSAGE = `must be a non-empty array of ${SLA_KINDS.join(", ")}`;

/**
 * The schema of {@link SlaAttainmentOptions}. The policies are read by `slaPolicies`, and
 * what depends on several options at once (a business-hours target needs a schedule) is
 * checked by `evaluateSla`'s evaluator.
 */
const OPTIONS = z.strictObject({
  policies: checkedBy((value: SlaOptions["policies"], fn) => slaPolicies(value, fn)),
  asOf: z.union([instant(), callback<() => Date | number>()], {
    error: `${INSTANT}, or a function returning one`,
  }),
  schedule: clockOptionFields.schedule,
  scheduleRule: z._default(clockOptionFields.scheduleRule, "perSegment"),
  targets: z._default(
    z
      .array(oneOf(SLA_KINDS), { error: KINDS_MESSAGE })
      .check(z.minLength(1, { error: KINDS_MESSAGE })),
    [...SLA_KINDS],
  ),
  resolution: z._default(
    oneOf(["first", "full"] as const satisfies readonly SlaResolution[]),
    "full",
  ),
  per: z._default(oneOf(["instance", "ticket"] as const satisfies readonly SlaPer[]), "instance"),
  ...intervalField,
});

/**
 * Cheap checks of every field the SLA evaluation reads, for records that never went through
 * the schema (recordError.ts): run once per ticket, before it is evaluated.
 */
function requireSlaTicket(fn: string, ticket: SlaAttainmentInput): void {
  requireOpenSpanInput(fn, ticket, true);
  for (const field of ["firstResponseAt", "firstResolvedAt"] as const) {
    const value: unknown = ticket[field];
    if (value !== null && value !== undefined && !isInstant(value)) {
      badField(fn, field, "a valid Date or null", value);
    }
  }
  for (const field of ["priority", "channel", "groupId"] as const) {
    const value: unknown = ticket[field];
    if (value !== null && value !== undefined && typeof value !== "string") {
      badField(fn, field, "a string or null", value);
    }
  }
  const messages: unknown = ticket.messages;
  if (messages === null || messages === undefined) return;
  if (!Array.isArray(messages)) badField(fn, "messages", MESSAGES, messages);
  for (const message of messages as unknown[]) {
    if (!isMessage(message)) badField(fn, "messages", MESSAGES, message);
  }
}

/** The latest instant a ticket records: creation, messages, status changes and resolutions. */
function latestEvent(ticket: SlaAttainmentInput): number {
  let latest = ticket.createdAt.getTime();
  const consider = (date: Date | null | undefined) => {
    if (date) latest = Math.max(latest, date.getTime());
  };
  consider(ticket.firstResponseAt);
  consider(ticket.firstResolvedAt);
  consider(ticket.lastResolvedAt);
  for (const message of ticket.messages ?? []) consider(message.at);
  for (const change of ticket.statusChanges ?? []) consider(change.at);
  return latest;
}

/** The instant a late `asOf` gives, checked as any instant option is. */
function readLate(fn: string, late: () => Date | number): number {
  const value = late();
  const ms = value instanceof Date ? value.getTime() : value;
  // Not finite covers what is not a number at all.
  if (!Number.isFinite(ms)) {
    throw new TypeError(
      `${fn}: asOf() must return a Date or epoch milliseconds, got ${show(value)}`,
    );
  }
  return ms;
}

function percent(achieved: number, breached: number): number | null {
  const decided = achieved + breached;
  return decided === 0 ? null : (100 * achieved) / decided;
}

function inWindow(time: number, window: Window | undefined): boolean {
  return window === undefined || (time >= window.start && time < window.end);
}

/**
 * SLA attainment: the percentage of SLA target instances met, of those decided:
 * achieved / (achieved + breached) × 100. Instances still in progress at `asOf` are counted
 * apart, not in the rate (as Zendesk Explore reports SLA achievement).
 *
 * Each ticket is evaluated by `evaluateSla` against the first policy it matches; a ticket
 * has one first reply and one resolution instance, one next reply instance per customer
 * message awaiting an answer, and one periodic update instance per agent update. Each
 * instance is placed in a period by its due instant, so a ticket with instances due in two
 * months counts in both, each month with its own instances. Tickets without a policy or
 * target, and targets that cannot be evaluated, are counted in `excluded` (in the period of
 * the ticket's earliest due instant, or in the row without a period when it has none).
 * Definition: docs/business-hours.md, "SLA attainment".
 *
 * @param items - Validated tickets (with messages for next reply and periodic update).
 * @param options - See {@link SlaAttainmentOptions}; `policies` and `asOf` are required.
 * @returns `value` from 0 to 100, `null` when no instance is decided, with the counts, a
 *   breakdown `byKind`, `tickets` and `excluded`.
 *
 * @example
 * const createdAt = new Date("2024-03-01T09:00:00Z");
 * const reply = (minutes) => new Date(createdAt.getTime() + minutes * 60_000);
 * const ticket = (firstResponseAt) => ({ createdAt, priority: "high", status: "open",
 *   firstResponseAt, firstResolvedAt: null, lastResolvedAt: null });
 * const policies = [{ name: "High", priority: "high", targets: { firstReply: { minutes: 60, businessHours: false } } }];
 * // due at 10:00; answered after 20, 50 and 90 minutes, and one not yet. As of 11:00 the
 * // 90-minute reply and the unanswered ticket are breached: 2 achieved / 4 decided = 50 %
 * const result = slaAttainment([ticket(reply(20)), ticket(reply(50)), ticket(reply(90)), ticket(null)],
 *   { policies, asOf: "2024-03-01T11:00:00Z" });
 * [result.value, result.achieved, result.breached, result.inProgress]
 * //=> [50, 2, 2, 0]
 */
export const slaAttainment = callOf(slaAttainmentReducer);

/**
 * The mergeable reducer behind {@link slaAttainment}, for `rollup` and for shards. It
 * declares `timesOf` (the due instant of every target instance), and `add` counts only the
 * instances due inside the window it is given (all of them without a window).
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const createdAt = new Date("2024-03-01T09:00:00Z");
 * const reply = (minutes) => new Date(createdAt.getTime() + minutes * 60_000);
 * const ticket = (firstResponseAt) => ({ createdAt, priority: "high", status: "open",
 *   firstResponseAt, firstResolvedAt: null, lastResolvedAt: null });
 * const policies = [{ name: "High", priority: "high", targets: { firstReply: { minutes: 60, businessHours: false } } }];
 * const result = foldShards(slaAttainmentReducer({ policies, asOf: "2024-03-01T11:00:00Z" }), [
 *   [ticket(reply(20)), ticket(reply(90))],
 *   [ticket(reply(50)), ticket(null)],
 * ]);
 * [result.value, result.achieved, result.breached]
 * //=> [50, 2, 2]
 */
export function slaAttainmentReducer(
  options: SlaAttainmentOptions,
): Reducer<SlaAttainmentInput, SlaAttainmentState, SlaAttainmentResult> {
  const fn = "slaAttainment";
  const { schedule, asOf: given, per, interval, ...rest } = readOptions(fn, OPTIONS, options);
  // Judged late: each ticket is evaluated as of its own latest event, which the instant read
  // at the end is not before; a target still open then is held as its due instant and
  // decided when the result reads the instant.
  const late = typeof given === "function" ? given : undefined;
  const asOf = late ? 0 : (given as number);
  // (An absent schedule and one given as undefined read the same; the spread only keeps the
  // key out, as exactOptionalPropertyTypes asks.)
  const checked: SlaOptions = { ...rest, asOf, ...(schedule === undefined ? {} : { schedule }) };
  const overdueAt = (due: number, at: number, business: boolean): boolean | null => {
    if (!business) return at > due;
    // A fast path: no business time passes in [due, at) when at <= due.
    if (at <= due) return false;
    const seconds = businessDuration(due, at, schedule as Schedules, { rule: rest.scheduleRule });
    return seconds === null ? null : seconds > 0;
  };
  const evaluate = slaEvaluator(checked, fn);
  const kinds = SLA_KINDS.filter((kind) => rest.targets.includes(kind));
  // rollup asks for a ticket's times and then adds it, once per period: evaluate it once.
  let lastTicket: SlaAttainmentInput | undefined;
  let lastEvaluation: SlaEvaluation | undefined;
  const evaluationOf = (ticket: SlaAttainmentInput): SlaEvaluation => {
    // A cache: evaluating again gives the same evaluation.
    if (ticket !== lastTicket) {
      requireSlaTicket(fn, ticket);
      lastEvaluation = late ? evaluate(ticket, latestEvent(ticket)) : evaluate(ticket);
      lastTicket = ticket;
    }
    return lastEvaluation as SlaEvaluation;
  };
  const dues = (ticket: SlaAttainmentInput) =>
    evaluationOf(ticket).instances.map((instance) => instance.due);

  const plain: ReturnType<typeof slaAttainmentReducer> = skipMergedSources({
    name: fn,
    timeOf(ticket) {
      const times = dues(ticket);
      if (times.length === 0) return null;
      return new Date(Math.min(...times.map((time) => time.getTime())));
    },
    timesOf: dues,
    init: () => {
      const byKind = {} as Record<SlaKind, SlaCounts>;
      const open = {} as Record<SlaKind, number[]>;
      for (const kind of kinds) {
        byKind[kind] = { achieved: 0, breached: 0, inProgress: 0 };
        open[kind] = [];
      }
      return {
        byKind,
        open,
        perTicket: { achieved: 0, breached: 0, inProgress: 0 },
        openTickets: [] as number[][],
        tickets: 0,
        excluded: excludedCounts(EXCLUSIONS),
      };
    },
    add(state, ticket, window) {
      const evaluation = evaluationOf(ticket);
      // Whole-ticket reasons and targets that cannot be evaluated are counted once: in the
      // period of the ticket's earliest due instant (or without a window).
      const earliest = evaluation.instances.reduce(
        (min, instance) => Math.min(min, instance.due.getTime()),
        Number.POSITIVE_INFINITY,
      );
      if (inWindow(earliest, window)) {
        if (evaluation.outcome !== "evaluated") state.excluded[evaluation.outcome]++;
        for (const missing of evaluation.notEvaluated) state.excluded[missing.reason]++;
      }
      let counted = 0;
      let breached = false;
      let undecided = false;
      const held: number[] = [];
      for (const instance of evaluation.instances) {
        if (!inWindow(instance.due.getTime(), window)) continue;
        if (late && instance.completedAt === null) {
          // Held as its due instant, a business-hours one as −due − 1, which `result` reads
          // back to judge it in business time (it was held as the plain instant, so a
          // business target was judged late in calendar time).
          const due = instance.due.getTime();
          const encoded = instance.businessHours ? -due - 1 : due;
          state.open[instance.kind].push(encoded);
          held.push(encoded);
        } else {
          (state.byKind[instance.kind] as SlaCounts)[instance.status]++;
          if (instance.status === "breached") breached = true;
          if (instance.status === "inProgress") undecided = true;
        }
        counted++;
      }
      if (counted > 0) state.tickets++;
      // (Per instance, `result` never reads the per-ticket counts: the test of `per` saves work.)
      if (per === "ticket" && counted > 0) {
        // A breach decides the ticket; otherwise any open target leaves it undecided.
        if (breached) state.perTicket.breached++;
        else if (held.length > 0) state.openTickets.push(held);
        else if (undecided) state.perTicket.inProgress++;
        else state.perTicket.achieved++;
      }
    },
    merge(a, b) {
      const byKind = {} as Record<SlaKind, SlaCounts>;
      const open = {} as Record<SlaKind, number[]>;
      for (const kind of kinds) {
        const x = a.byKind[kind];
        const y = b.byKind[kind];
        byKind[kind] = {
          achieved: x.achieved + y.achieved,
          breached: x.breached + y.breached,
          inProgress: x.inProgress + y.inProgress,
        };
        open[kind] = [...a.open[kind], ...b.open[kind]];
      }
      return {
        byKind,
        open,
        perTicket: {
          achieved: a.perTicket.achieved + b.perTicket.achieved,
          breached: a.perTicket.breached + b.perTicket.breached,
          inProgress: a.perTicket.inProgress + b.perTicket.inProgress,
        },
        openTickets: [...a.openTickets, ...b.openTickets],
        tickets: a.tickets + b.tickets,
        excluded: mergeExcluded(a.excluded, b.excluded),
      };
    },
    result(state) {
      const total: SlaCounts = { achieved: 0, breached: 0, inProgress: 0 };
      const byKind: Partial<Record<SlaKind, SlaKindResult>> = {};
      const judgedAt = late ? readLate(fn, late) : asOf;
      const excluded = { ...state.excluded };
      for (const kind of kinds) {
        const counts = { ...state.byKind[kind] };
        for (const held of state.open[kind]) {
          const business = held < 0;
          const overdue = overdueAt(business ? -held - 1 : held, judgedAt, business);
          if (overdue === null) excluded.noSchedule++;
          else if (overdue) counts.breached++;
          else counts.inProgress++;
        }
        total.achieved += counts.achieved;
        total.breached += counts.breached;
        total.inProgress += counts.inProgress;
        byKind[kind] = { value: percent(counts.achieved, counts.breached), ...counts };
      }
      const instances = total.achieved + total.breached + total.inProgress;
      if (per === "ticket") {
        const tickets = { ...state.perTicket };
        for (const dues of state.openTickets) {
          let status: keyof SlaCounts = "inProgress";
          for (const held of dues) {
            const business = held < 0;
            // Unknown (no schedule) is counted under noSchedule by the instance pass above.
            if (overdueAt(business ? -held - 1 : held, judgedAt, business) === true) {
              status = "breached";
            }
          }
          tickets[status]++;
        }
        Object.assign(total, tickets);
      }
      return {
        per,
        value: percent(total.achieved, total.breached),
        numerator: total.achieved,
        denominator: total.achieved + total.breached,
        ...total,
        instances,
        tickets: state.tickets,
        byKind,
        excluded,
      };
    },
  });
  // Wilson over decided instances (or tickets); the targets of one ticket are not independent,
  // so per instance it is a little narrow (docs/statistics.md).
  return withInterval(plain, intervalFor(fn, "rate", interval), rateIntervalOf);
}

/** SLA attainment in the catalogue: the CLI's `sla`, placed by each target's due instant. */
export const slaAttainmentMetric = defineMetric({
  name: "sla",
  key: "slaAttainment",
  label: "SLA attainment",
  description: "Share of decided SLA target instances that were met.",
  unit: "percent",
  better: "higher",
  records: "tickets",
  reads: [
    "createdAt",
    "priority",
    "status",
    "firstResponseAt",
    "firstResolvedAt",
    "lastResolvedAt",
  ],
  placement: { by: "instants", events: "dueInstants" },
  result: "targets",
  takesInterval: true,
  options: OPTIONS,
  // Each ticket's targets come from the first policy it matches, each instance due at its own
  // instant (in business time with a schedule) and judged at asOf: not written in SQL yet.
  sql: refuse("targets by policy, judged at asOf: not compiled yet"),
  reducer: slaAttainmentReducer,
});
