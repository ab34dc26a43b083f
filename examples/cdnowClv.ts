/**
 * From a transaction log to a CLV table, on CDNOW's 1/10 sample (2,357 customers, 6,919
 * purchases; test/fixtures/cdnow, with its source and licence): the walk of
 * docs/customer-economics.md, as a program. Run it with `npm run demo:clv`.
 *
 * 1. the raw log (`sample-id date cds dollars` per line) validated as purchases;
 * 2. the summary per customer (frequency, recency, T in weeks, mean repeat spend) at the end
 *    of the 39-week calibration period;
 * 3. the BG/NBD (how often, for how long) and Gamma-Gamma (how much) fits;
 * 4. each customer's value over the next 12 30-day months at 1 % a month.
 *
 * test/cdnowClv.test.ts holds the figures it prints to those of the docs page.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  type BgNbdFit,
  bgNbdConditionalExpectedPurchases,
  bgNbdProbabilityAlive,
  fitBgNbd,
  fitGammaGamma,
  type GammaGammaFit,
  gammaGammaExpectedSpend,
  predictedLifetimeValue,
  type RfmRow,
  rfmSummary,
  validatePurchases,
} from "../src/index.ts";

const SAMPLE = fileURLToPath(new URL("../test/fixtures/cdnow/CDNOW_sample.txt", import.meta.url));

/** One line of the CLV table. */
export interface ClvLine {
  customerId: string;
  frequency: number;
  recency: number;
  T: number;
  monetaryValue: number | null;
  probabilityAlive: number;
  /** Expected purchases in the next 52 weeks. */
  nextYear: number;
  /** Expected value of a repeat purchase (Gamma-Gamma). */
  expectedSpend: number | null;
  /** Value over the next 12 months of 30 days, discounted at 1 % a month. */
  clv: number | null;
}

/** What the walk ends with: the fits, the table, and its total. */
export interface ClvWalk {
  transactions: number;
  rejected: number;
  excluded: { afterAsOf: number; refund: number };
  purchases: BgNbdFit;
  spend: GammaGammaFit;
  table: ClvLine[];
  total: number;
}

/** The raw sample as records a caller would have: the log's columns, dates as `YYYY-MM-DD`. */
function rawLog(): { customerId: string; purchasedAt: string; amount: number }[] {
  return readFileSync(SAMPLE, "utf8")
    .trim()
    .split("\n")
    .map((line) => {
      const [, customerId, date, , dollars] = line.trim().split(/\s+/) as string[];
      const day = date as string;
      return {
        customerId: customerId as string,
        purchasedAt: `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}T00:00:00Z`,
        amount: Number(dollars),
      };
    });
}

/** Walks the CDNOW sample from its log to a CLV table. */
export function cdnowClvWalk(): ClvWalk {
  const { records, rejected } = validatePurchases(rawLog());
  const summary = rfmSummary(records, {
    asOf: "1997-09-30T00:00:00Z", // the end of the 39-week calibration period
    unit: "week",
    collapse: "day",
    timeZone: "UTC",
  });
  const purchases = fitBgNbd(summary.customers);
  const spend = fitGammaGamma(summary.customers);
  const options = { purchases, spend, periods: 12, periodLength: 30 / 7, discountRate: 0.01 };
  const table = summary.customers.map((customer: RfmRow) => ({
    customerId: customer.customerId,
    frequency: customer.frequency,
    recency: customer.recency,
    T: customer.T,
    monetaryValue: customer.monetaryValue,
    probabilityAlive: bgNbdProbabilityAlive(purchases, customer),
    nextYear: bgNbdConditionalExpectedPurchases(purchases, customer, 52),
    expectedSpend: gammaGammaExpectedSpend(spend, customer),
    clv: predictedLifetimeValue(customer, options),
  }));
  const total = table.reduce((sum, line) => sum + (line.clv ?? 0), 0);
  return {
    transactions: records.length,
    rejected: rejected.length,
    excluded: summary.excluded,
    purchases,
    spend,
    table,
    total,
  };
}

/** Rounded half up as people round (22.345 → 22.35; `toFixed` alone sees 22.3449999…). */
function fixed(value: number | null, digits: number): string {
  if (value === null) return "–";
  const scale = 10 ** digits;
  return (Math.round(value * scale + 1e-9) / scale).toFixed(digits);
}

/** The walk, printed. */
function print(walk: ClvWalk): void {
  const { purchases: f, spend: g } = walk;
  console.log(`CDNOW sample: ${walk.transactions} purchases valid, ${walk.rejected} rejected`);
  console.log(
    `summary at 1997-09-30: ${walk.table.length} customers, ${walk.table.filter((c) => c.frequency > 0).length} repeat buyers, ${walk.excluded.afterAsOf} later purchases left out`,
  );
  console.log(
    `BG/NBD: r ${f.r.toFixed(4)}, alpha ${f.alpha.toFixed(4)}, a ${f.a.toFixed(4)}, b ${f.b.toFixed(4)}, LL ${f.logLikelihood.toFixed(3)}`,
  );
  console.log(
    `Gamma-Gamma: p ${g.p.toFixed(4)}, q ${g.q.toFixed(4)}, gamma ${g.gamma.toFixed(4)}, LL ${g.logLikelihood.toFixed(4)}\n`,
  );
  const header = [
    "customer",
    "x",
    "t_x",
    "T",
    "zbar",
    "P(alive)",
    "next 52 wk",
    "E[M]",
    "CLV 12 mo",
  ];
  const lines = walk.table
    .slice(0, 10)
    .map((c) => [
      c.customerId,
      String(c.frequency),
      fixed(c.recency, 2),
      fixed(c.T, 2),
      fixed(c.monetaryValue, 2),
      fixed(c.probabilityAlive, 3),
      fixed(c.nextYear, 3),
      fixed(c.expectedSpend, 2),
      fixed(c.clv, 2),
    ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? "").length)));
  for (const line of [header, ...lines]) {
    console.log(line.map((cell, i) => cell.padStart(widths[i] ?? 0)).join("  "));
  }
  console.log(
    `\n12-month value of all ${walk.table.length} customers: $${walk.total.toFixed(0)}, $${(walk.total / walk.table.length).toFixed(2)} a customer`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  print(cdnowClvWalk());
}
