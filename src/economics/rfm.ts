/**
 * From a transaction log to the per-customer summary the purchase models read: frequency
 * (repeat purchases), recency and T, and the mean value of the repeat purchases.
 *
 * The conventions are those of Fader, Hardie and Lee's CDNOW analyses, which the Python
 * package lifetimes (`summary_data_from_transaction_data`) and R's CLVTools also follow, so
 * the published CDNOW numbers come out:
 *
 * - Time is cut into periods (`collapse`, a calendar day by default) in the caller's zone,
 *   and all purchases of a customer in one period count as one purchase whose value is their
 *   sum. CDNOW customers often placed several orders on one day; counted one by one they
 *   would look like heavy repeat buyers.
 * - The first period with a purchase is the customer's "birth" and is not a repeat purchase:
 *   frequency = periods with a purchase − 1.
 * - recency = time from the first such period to the last one; T = time from the first one
 *   to the period holding `asOf`, which is observed whole. Both count calendar days (so a
 *   day with a DST change is still one day), divided by 7 for weeks. They are not rounded
 *   (CDNOW's published summary rounds to 2 decimals; that moves its fit in the 6th digit).
 * - monetaryValue = mean, over the repeat periods, of each period's total; the first
 *   period's spend is left out, as the Gamma-Gamma model asks. `null` with no repeat.
 */
import { requireInstant, requireOneOf, show } from "../reduce/arguments.ts";
import type { Purchase } from "../schemas/customer.ts";
import { period as makePeriod, type Period, type PeriodUnit } from "../time/period.ts";
import { toWall } from "../time/zone.ts";
import type { RfmCustomer } from "./customers.ts";

const DAY = 86_400_000;

/** A transaction as the summary reads it: validated purchases fit as they are. */
export interface Transaction extends Pick<Purchase, "customerId" | "purchasedAt"> {
  /** The amount paid, or `null` when unknown. Negative amounts are refunds (see below). */
  amount: number | null;
}

/** The unit recency and T are measured in. */
export type RfmTimeUnit = "day" | "week";

/** Options for {@link rfmSummary}. */
export interface RfmOptions {
  /**
   * End of observation: a Date, an ISO 8601 string with an offset, or epoch milliseconds.
   * The whole period holding it is observed; later purchases are left out.
   */
  asOf: Date | string | number;
  /** The unit of recency and T. Defaults to `"week"`, as in the CDNOW papers. */
  unit?: RfmTimeUnit;
  /** Purchases in the same one of these periods count as one. Defaults to `"day"`. */
  collapse?: PeriodUnit;
  /** IANA zone the periods are read in. Defaults to `"UTC"`. */
  timeZone?: string;
}

/** One customer's summary. */
export interface RfmRow extends RfmCustomer {
  customerId: string;
  /** Mean total of the repeat periods; `null` with no repeat or an unknown amount among them. */
  monetaryValue: number | null;
  /** Start of the first and the last period with a purchase. */
  first: Date;
  last: Date;
}

/** Transactions left out of the summary, by reason. */
export interface RfmExcluded {
  /** In a period after the one holding `asOf`. */
  afterAsOf: number;
  /** Refunds (negative amounts): they are not purchases. */
  refund: number;
}

/** What {@link rfmSummary} returns. */
export interface RfmSummary {
  /** One row per customer with a purchase, in order of first appearance in the log. */
  customers: RfmRow[];
  /** Transactions counted (not excluded). */
  transactions: number;
  excluded: RfmExcluded;
}

interface Account {
  customerId: string;
  /** Period start → total (NaN when an amount is unknown). */
  totals: Map<number, number>;
}

/**
 * Summarises a transaction log per customer, as of an instant: frequency, recency, T and
 * monetary value, ready for {@link fitBgNbd}, {@link fitParetoNbd} and
 * {@link fitGammaGamma}. See the file's comment for the conventions and why.
 *
 * @param transactions - `{ customerId, purchasedAt, amount }` records, in any order.
 * @param options - `asOf` (required), `unit`, `collapse` and `timeZone`; see {@link RfmOptions}.
 * @returns `customers` (one {@link RfmRow} each), the number of `transactions` used, and
 *   the `excluded` ones by reason. Empty input gives no customers.
 *
 * @example
 * // Two orders on 1 January collapse into one; the 8 January and 15 January orders repeat
 * const at = (day) => new Date(`2024-01-${day}T10:00:00Z`);
 * rfmSummary([
 *   { customerId: "c1", purchasedAt: at("01"), amount: 10 },
 *   { customerId: "c1", purchasedAt: at("01"), amount: 5 },
 *   { customerId: "c1", purchasedAt: at("08"), amount: 20 },
 *   { customerId: "c1", purchasedAt: at("15"), amount: 40 },
 * ], { asOf: "2024-01-29T00:00:00Z" }).customers.map(({ frequency, recency, T, monetaryValue }) => [frequency, recency, T, monetaryValue])
 * //=> [[2, 2, 4, 30]]
 */
export function rfmSummary(transactions: Iterable<Transaction>, options: RfmOptions): RfmSummary {
  const fn = "rfmSummary";
  const asOf = requireInstant(fn, "asOf", options?.asOf);
  const unit = requireOneOf(fn, "unit", options.unit ?? "week", ["day", "week"]);
  const timeZone = options.timeZone ?? "UTC";
  const collapse: Period = makePeriod(options.collapse ?? "day", { timeZone });
  const lastPeriod = collapse.floor(asOf);
  const accounts = new Map<string, Account>();
  const excluded: RfmExcluded = { afterAsOf: 0, refund: 0 };
  let used = 0;
  let index = 0;
  for (const transaction of transactions) {
    const where = `transactions[${index++}]`;
    const { customerId, purchasedAt, amount } = transaction ?? ({} as Transaction);
    if ((typeof customerId !== "string" || customerId === "") && typeof customerId !== "number") {
      throw new TypeError(
        `${fn}: ${where}.customerId must be a non-empty string, got ${show(customerId)}`,
      );
    }
    if (!(purchasedAt instanceof Date) || Number.isNaN(purchasedAt.getTime())) {
      throw new TypeError(
        `${fn}: ${where}.purchasedAt must be a valid Date, got ${show(purchasedAt)}`,
      );
    }
    if (amount !== null && (typeof amount !== "number" || !Number.isFinite(amount))) {
      throw new TypeError(
        `${fn}: ${where}.amount must be a finite number or null, got ${show(amount)}`,
      );
    }
    if (amount !== null && amount < 0) {
      excluded.refund++;
      continue;
    }
    const start = collapse.floor(purchasedAt.getTime());
    if (start > lastPeriod) {
      excluded.afterAsOf++;
      continue;
    }
    used++;
    const id = String(customerId);
    let account = accounts.get(id);
    if (!account) {
      account = { customerId: id, totals: new Map() };
      accounts.set(id, account);
    }
    // An unknown amount makes the period's total unknown: NaN here, null in the result.
    account.totals.set(start, (account.totals.get(start) ?? 0) + (amount ?? Number.NaN));
  }
  const days = unit === "week" ? 7 : 1;
  const elapsed = (from: number, to: number) =>
    Math.round((toWall(to, timeZone) - toWall(from, timeZone)) / DAY) / days;
  const customers: RfmRow[] = [];
  for (const { customerId, totals } of accounts.values()) {
    const starts = [...totals.keys()].sort((a, b) => a - b);
    const first = starts[0] as number;
    const last = starts[starts.length - 1] as number;
    const frequency = starts.length - 1;
    let monetaryValue: number | null = null;
    if (frequency > 0) {
      let sum = 0;
      for (const start of starts.slice(1)) sum += totals.get(start) as number;
      monetaryValue = Number.isNaN(sum) ? null : sum / frequency;
    }
    customers.push({
      customerId,
      frequency,
      recency: elapsed(first, last),
      T: elapsed(first, lastPeriod),
      monetaryValue,
      first: new Date(first),
      last: new Date(last),
    });
  }
  return { customers, transactions: used, excluded };
}
