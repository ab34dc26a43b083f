/**
 * Benchmark: fitting the CLV models on CDNOW (issue 20's targets: BG/NBD on the 2,357-customer
 * sample under 0.5 s, on the 23,570-customer master file under 2 s).
 *
 *   npx tsx bench/clv.bench.ts                 # 5 rounds
 *   BENCH_ROUNDS=9 npx tsx bench/clv.bench.ts
 *
 * Data: the copied fixtures in test/fixtures/cdnow (see SOURCE.md there). The summaries are
 * built once by `rfmSummary` (timed separately: calibration to 1997-09-30, days collapsed,
 * weeks), then each fit runs BENCH_ROUNDS times, alternating with its baseline, with a forced
 * garbage collection before every run. The baseline is one pass of the plain per-customer
 * log-likelihood (`bgNbdLogLikelihood` over every customer), so "ratio" reads as "the fit
 * costs as much as N naive likelihood passes". Every round's fit must match the first to the
 * last bit (the fit is deterministic); any difference exits with status 1, as does a missed
 * target.
 */
import { cpus, loadavg } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { bgNbdLogLikelihood, fitBgNbd } from "../src/economics/bgNbd.ts";
import type { RfmCustomer } from "../src/economics/customers.ts";
import { fitGammaGamma } from "../src/economics/gammaGamma.ts";
import { fitParetoNbd } from "../src/economics/paretoNbd.ts";
import { rfmSummary, type Transaction } from "../src/economics/rfm.ts";
import { masterTransactions, sampleTransactions } from "../test/fixtures/cdnow/load.ts";
import { median, readCount } from "./common.ts";

const rounds = readCount("rounds", process.env.BENCH_ROUNDS, 5);
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

function time<T>(run: () => T): { ms: number; value: T } {
  gc();
  const started = performance.now();
  const value = run();
  return { ms: performance.now() - started, value };
}

const asOf = "1997-09-30T00:00:00Z";
const summarise = (label: string, read: () => Transaction[]) => {
  const transactions = read();
  const { ms, value } = time(() => rfmSummary(transactions, { asOf }));
  console.log(
    `rfmSummary ${label}: ${transactions.length} transactions → ${value.customers.length} customers in ${ms.toFixed(0)} ms`,
  );
  return value.customers;
};

console.log(
  `node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}), load ${loadavg()
    .map((v) => v.toFixed(2))
    .join(" ")}, ${rounds} rounds`,
);
const sample = summarise("sample", sampleTransactions);
const master = summarise("master", masterTransactions);

let failed = false;

function bench(
  label: string,
  customers: RfmCustomer[],
  fitModel: (customers: RfmCustomer[]) => { logLikelihood: number; iterations: number },
  target?: number,
): void {
  const fits: number[] = [];
  const baselines: number[] = [];
  let first: string | undefined;
  let report = "";
  for (let round = 0; round < rounds; round++) {
    const base = time(() =>
      customers.reduce(
        (sum, c) => sum + bgNbdLogLikelihood({ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, c),
        0,
      ),
    );
    baselines.push(base.ms);
    const run = time(() => fitModel(customers));
    fits.push(run.ms);
    const json = JSON.stringify(run.value);
    if (first === undefined) {
      first = json;
      report = `LL ${run.value.logLikelihood.toFixed(4)}, ${run.value.iterations} iterations`;
    } else if (json !== first) {
      console.error(`${label}: round ${round} fitted differently:\n${json}\n${first}`);
      failed = true;
    }
  }
  const ms = median(fits);
  const ratio = ms / median(baselines);
  const verdict =
    target === undefined
      ? ""
      : ms < target
        ? `  (target < ${target} ms: met)`
        : `  (target < ${target} ms: MISSED)`;
  if (target !== undefined && ms >= target) failed = true;
  console.log(
    `${label.padEnd(28)} median ${ms.toFixed(0).padStart(5)} ms, min ${Math.min(...fits)
      .toFixed(0)
      .padStart(5)} ms, ` +
      `${ratio.toFixed(0)}× one naive LL pass (${median(baselines).toFixed(2)} ms); ${report}${verdict}`,
  );
}

bench("fitBgNbd, sample (2,357)", sample, fitBgNbd, 500);
bench("fitBgNbd, master (23,570)", master, fitBgNbd, 2000);
bench("fitParetoNbd, sample", sample, fitParetoNbd);
bench("fitGammaGamma, sample", sample, (customers) =>
  fitGammaGamma(customers as unknown as Parameters<typeof fitGammaGamma>[0]),
);
if (failed) process.exit(1);
