/**
 * Cohort retention triangles: customers grouped by the period they started in (their
 * cohort), then counted, with their revenue, in each period since. Row k of a cohort says how
 * many of its customers were still active k periods later, and what they paid then.
 *
 * Two ways of being active, one triangle:
 * - {@link purchaseCohorts}: a customer is active in a period with at least one purchase,
 *   and the revenue is what was paid in it (a shop, CDNOW);
 * - {@link subscriptionCohorts}: a customer is active in a period when paying at its end
 *   (MRR > 0 just before the period ends), and the revenue is that MRR (a subscription).
 */
import { requireInstant, show } from "../reduce/arguments.ts";
import { exactSum } from "../reduce/results.ts";
import { period as makePeriod, type Period, type PeriodUnit } from "../time/period.ts";
import type { Transaction } from "./rfm.ts";
import type { Signup, SubscriptionChange } from "./subscriptions/records.ts";

/** Options for the cohort triangles. */
export interface CohortOptions {
  /** The period of cohorts and of the steps after them. Defaults to `"month"`. */
  period?: PeriodUnit;
  /** IANA zone the periods are read in. Defaults to `"UTC"`. */
  timeZone?: string;
  /**
   * The last instant observed: the triangle stops at the period holding it, which is marked
   * `complete: false` unless it has ended. Defaults to the latest instant in the records.
   */
  asOf?: Date | string | number;
  /**
   * Sign-ups: a customer with a known sign-up time belongs to the cohort of that time (and
   * counts in it even with no activity). Without one, the first activity decides.
   */
  signups?: Iterable<Pick<Signup, "customerId" | "signedUpAt">>;
  /** A segment per customer (plan, region): one triangle per segment. */
  segmentOf?: (customerId: string) => string | null;
}

/** One cell of a triangle. */
export interface CohortRow {
  /** The customer's segment, `null` without `segmentOf`. */
  segment: string | null;
  /** The cohort's period label (`"1997-01"`) and start. */
  cohort: string;
  cohortStart: string;
  /** Periods since the cohort's own (0 for the cohort period itself). */
  periodsSince: number;
  period: { start: string; end: string; label: string };
  /** Customers in the cohort, and those active in this period. */
  cohortCustomers: number;
  customers: number;
  /** 100 × customers / cohortCustomers. */
  retention: number;
  /** Revenue in the period; `null` when an amount in it is unknown. */
  revenue: number | null;
  /** 100 × revenue / the cohort period's revenue; `null` when either is unknown or 0. */
  revenueRetention: number | null;
  /** Whether the period had ended by `asOf`. */
  complete: boolean;
}

/** A customer's activity in one period: active or not, and revenue (NaN when unknown). */
interface Cell {
  active: boolean;
  revenue: number;
}

/** What the two triangles share: where each customer starts, and a cell per period. */
interface Source {
  /** Customer → cohort instant (any instant inside the cohort period). */
  starts: Map<string, number>;
  /** The activity of a customer in `[start, end)`. */
  cell(customerId: string, start: number, end: number): Cell;
  latest: number;
}

function signupStarts(
  fn: string,
  signups: CohortOptions["signups"],
): { starts: Map<string, number>; latest: number } {
  const starts = new Map<string, number>();
  let latest = Number.NEGATIVE_INFINITY;
  let index = 0;
  for (const signup of signups ?? []) {
    const at = signup.signedUpAt;
    if (at !== null && (!(at instanceof Date) || Number.isNaN(at.getTime()))) {
      throw new TypeError(
        `${fn}: signups[${index}].signedUpAt must be a valid Date or null, got ${show(at)}`,
      );
    }
    index++;
    if (at === null) continue;
    const ms = at.getTime();
    const known = starts.get(signup.customerId);
    if (known === undefined || ms < known) starts.set(signup.customerId, ms);
    latest = Math.max(latest, ms);
  }
  return { starts, latest };
}

function triangle(fn: string, source: Source, options: CohortOptions): CohortRow[] {
  const timeZone = options.timeZone ?? "UTC";
  const of: Period = makePeriod(options.period ?? "month", { timeZone });
  const asOf =
    options.asOf === undefined ? source.latest : requireInstant(fn, "asOf", options.asOf);
  if (!Number.isFinite(asOf)) return [];
  const last = of.floor(asOf);
  const segmentOf = options.segmentOf ?? (() => null);
  interface Group {
    segment: string | null;
    cohortStart: number;
    size: number;
    active: number[];
    revenue: number[][];
  }
  const groups = new Map<string, Group>();
  for (const [customerId, at] of source.starts) {
    const cohortStart = of.floor(at);
    if (cohortStart > last) continue;
    const segment = segmentOf(customerId);
    const key = `${segment === null ? "" : `s${segment}`}\u0000${cohortStart}`;
    let group = groups.get(key);
    if (!group) {
      group = { segment, cohortStart, size: 0, active: [], revenue: [] };
      groups.set(key, group);
    }
    group.size++;
    let k = 0;
    for (let start = cohortStart; start <= last; start = of.next(start), k++) {
      const { active, revenue } = source.cell(customerId, start, of.next(start));
      group.active[k] = (group.active[k] ?? 0) + (active ? 1 : 0);
      const revenues = group.revenue[k] ?? [];
      revenues.push(revenue);
      group.revenue[k] = revenues;
    }
  }
  const rows: CohortRow[] = [];
  const ordered = [...groups.values()].sort(
    (a, b) =>
      (a.segment ?? "").localeCompare(b.segment ?? "") ||
      Number(a.segment !== null) - Number(b.segment !== null) ||
      a.cohortStart - b.cohortStart,
  );
  for (const group of ordered) {
    let firstRevenue: number | null = null;
    let k = 0;
    for (let start = group.cohortStart; start <= last; start = of.next(start), k++) {
      const end = of.next(start);
      const parts = group.revenue[k] ?? [];
      const revenue = parts.some(Number.isNaN) ? null : exactSum(parts);
      if (k === 0) firstRevenue = revenue;
      const customers = group.active[k] ?? 0;
      rows.push({
        segment: group.segment,
        cohort: of.label(group.cohortStart),
        cohortStart: new Date(group.cohortStart).toISOString(),
        periodsSince: k,
        period: {
          start: new Date(start).toISOString(),
          end: new Date(end).toISOString(),
          label: of.label(start),
        },
        cohortCustomers: group.size,
        customers,
        retention: (100 * customers) / group.size,
        revenue,
        revenueRetention:
          revenue === null || firstRevenue === null || firstRevenue === 0
            ? null
            : (100 * revenue) / firstRevenue,
        complete: end <= asOf,
      });
    }
  }
  return rows;
}

/**
 * The cohort triangle of a purchase log: customers by the period of their first purchase
 * (or sign-up), active in a period with at least one purchase in it, and the amounts paid
 * (refunds included, so revenue is net).
 *
 * @param transactions - `{ customerId, purchasedAt, amount }` records (validated purchases fit).
 * @param options - See {@link CohortOptions}.
 * @returns Flat rows, by segment, cohort, then periods since; none for an empty log.
 *
 * @example
 * const buy = (customerId, day, amount) => ({ customerId, purchasedAt: new Date(`2024-${day}T12:00:00Z`), amount });
 * // January: a and b start; a buys again in February, b in March
 * purchaseCohorts([
 *   buy("a", "01-05", 10), buy("b", "01-20", 20), buy("a", "02-03", 15), buy("b", "03-09", 5),
 * ], { asOf: "2024-03-31T00:00:00Z" }).map((row) => [row.periodsSince, row.customers, row.retention, row.revenue])
 * //=> [[0, 2, 100, 30], [1, 1, 50, 15], [2, 1, 50, 5]]
 */
export function purchaseCohorts(
  transactions: Iterable<Transaction>,
  options: CohortOptions = {},
): CohortRow[] {
  const fn = "purchaseCohorts";
  const { starts, latest: signedUp } = signupStarts(fn, options.signups);
  const first = new Map<string, number>();
  const byCustomer = new Map<string, { at: number; amount: number }[]>();
  let latest = signedUp;
  let index = 0;
  for (const { customerId, purchasedAt, amount } of transactions) {
    if (!(purchasedAt instanceof Date) || Number.isNaN(purchasedAt.getTime())) {
      throw new TypeError(
        `${fn}: transactions[${index}].purchasedAt must be a valid Date, got ${show(purchasedAt)}`,
      );
    }
    index++;
    const id = String(customerId);
    const at = purchasedAt.getTime();
    latest = Math.max(latest, at);
    if (!first.has(id) || at < (first.get(id) as number)) first.set(id, at);
    let list = byCustomer.get(id);
    if (!list) {
      list = [];
      byCustomer.set(id, list);
    }
    list.push({ at, amount: amount ?? Number.NaN });
  }
  for (const [id, at] of first) if (!starts.has(id)) starts.set(id, at);
  return triangle(
    fn,
    {
      starts,
      latest,
      cell(customerId, start, end) {
        let active = false;
        let revenue = 0;
        for (const purchase of byCustomer.get(customerId) ?? []) {
          if (purchase.at < start || purchase.at >= end) continue;
          active = true;
          revenue += purchase.amount;
        }
        return { active, revenue };
      },
    },
    options,
  );
}

/**
 * The cohort triangle of a subscription log: customers by the period they signed up in (or
 * first paid in), active in a period when paying at its end, with that MRR as revenue.
 *
 * @param changes - `{ customerId, at, mrr }` subscription changes.
 * @param options - See {@link CohortOptions}.
 * @returns Flat rows, by segment, cohort, then periods since.
 *
 * @example
 * const change = (customerId, day, mrr) => ({ customerId, at: new Date(`2024-${day}T00:00:00Z`), mrr });
 * // a and b start paying in January; b upgrades in February and cancels in March
 * subscriptionCohorts([
 *   change("a", "01-03", 50), change("b", "01-15", 30), change("b", "02-10", 60), change("b", "03-05", 0),
 * ], { asOf: "2024-03-31T00:00:00Z" }).map((row) => [row.periodsSince, row.customers, row.revenue, row.revenueRetention])
 * //=> [[0, 2, 80, 100], [1, 2, 110, 137.5], [2, 1, 50, 62.5]]
 */
export function subscriptionCohorts(
  changes: Iterable<SubscriptionChange>,
  options: CohortOptions = {},
): CohortRow[] {
  const fn = "subscriptionCohorts";
  const { starts, latest: signedUp } = signupStarts(fn, options.signups);
  const byCustomer = new Map<string, { at: number; mrr: number }[]>();
  let latest = signedUp;
  let index = 0;
  for (const { customerId, at, mrr } of changes) {
    if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
      throw new TypeError(`${fn}: changes[${index}].at must be a valid Date, got ${show(at)}`);
    }
    index++;
    latest = Math.max(latest, at.getTime());
    let list = byCustomer.get(customerId);
    if (!list) {
      list = [];
      byCustomer.set(customerId, list);
    }
    list.push({ at: at.getTime(), mrr: mrr ?? Number.NaN });
  }
  for (const [id, list] of byCustomer) {
    // The same order whatever the input's: by time, an unknown amount last at a tie.
    list.sort(
      (a, b) => a.at - b.at || (Number.isNaN(a.mrr) ? 1 : Number.isNaN(b.mrr) ? -1 : a.mrr - b.mrr),
    );
    const paid = list.find((change) => Number.isNaN(change.mrr) || change.mrr > 0);
    if (!starts.has(id) && paid) starts.set(id, paid.at);
  }
  return triangle(
    fn,
    {
      starts,
      latest,
      cell(customerId, _start, end) {
        let mrr = 0;
        for (const change of byCustomer.get(customerId) ?? []) {
          if (change.at >= end) break;
          mrr = change.mrr;
        }
        return { active: mrr > 0, revenue: mrr };
      },
    },
    options,
  );
}
