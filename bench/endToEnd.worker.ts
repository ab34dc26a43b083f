/**
 * The shard side of the end-to-end benchmark (bench/endToEnd.bench.ts), and what the main
 * thread shares with it: the reducers of the standard report (bench/baselines/report.ts) as
 * mergeable `rollupReducer`s, folding one byte range of the tickets and surveys files into
 * their states, merging states, and turning the merged rows into the compared `Report`.
 *
 * As a worker thread (started with `workerData.endToEnd`), it waits for one job per message:
 * reads its byte range of each file with the library's readers (`readTickets`,
 * `readSurveyResponses`: parse, convert and validate, record by record), folds the records
 * into the three rollup states and posts them back, as `stateToJSON` text or as the states
 * themselves (structured clone), with its own timestamps so the main thread can tell startup,
 * reading and serialising apart. Imported on the main thread, it only exports.
 *
 * Workers start from an esbuild bundle of this file (compiled once at setup) or from the
 * TypeScript sources through tsx (`startWorker`). Worker threads do not get tsx's loader from
 * `--import tsx` in `execArgv` on Node 20 (tsx issue #354: ERR_UNKNOWN_FILE_EXTENSION), so
 * the tsx way starts from a few lines of JavaScript that call `register()` from
 * `tsx/esm/api` and then import this file.
 */
import { createReadStream } from "node:fs";
import { pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { type RollupState, rollupReducer, stateFromJSON, stateToJSON } from "../src/index.ts";
import { type ReadSource, readSurveyResponses, readTickets } from "../src/node/index.ts";
import { backlogRollup, reportFromRows, surveyRollup, ticketRollup } from "./baselines/library.ts";
import type { Report } from "./baselines/report.ts";

/** The generated data's span (bench/generate.ts defaults): 24 months from 2023-01 in Berlin. */
export const RANGE = { start: "2023-01-01", end: "2025-01-01" } as const;

/**
 * The three rollups of the standard report, as reducers whose states merge. The backlog gets
 * `range` (see bench/baselines/library.ts), so a shard's state holds one small count per
 * month rather than every open ticket; tickets and surveys have no stock metric.
 */
export function reportReducers() {
  return {
    tickets: rollupReducer(ticketRollup()),
    backlog: rollupReducer(backlogRollup(RANGE)),
    surveys: rollupReducer(surveyRollup()),
  };
}
export type ReportReducers = ReturnType<typeof reportReducers>;

/** One state per rollup. */
export interface ReportStates {
  tickets: RollupState;
  backlog: RollupState;
  surveys: RollupState;
}

/** A byte range of one file; `header` (a CSV header line) is read before the range. */
export interface Slice {
  path: string;
  start: number;
  /** Exclusive. */
  end: number;
  header: string;
}

export type FileFormatName = "ndjson" | "csv";
export type Transfer = "json" | "clone";

/** What a worker is asked to do. */
export interface ShardJob {
  format: FileFormatName;
  tickets: Slice;
  surveys: Slice;
  transfer: Transfer;
}

/** Rows read, valid and rejected, per file. */
export interface ShardCounts {
  tickets: { read: number; valid: number; rejected: number };
  surveys: { read: number; valid: number; rejected: number };
}

/** A slice as a reader source: the header (if any), then the bytes of the range. */
function sourceOf(slice: Slice): ReadSource {
  const bytes =
    slice.end > slice.start
      ? createReadStream(slice.path, {
          start: slice.start,
          end: slice.end - 1, // createReadStream's end is inclusive
          highWaterMark: 64 * 1024,
        })
      : undefined;
  if (slice.header === "") return bytes ?? [];
  return (async function* () {
    yield slice.header;
    if (bytes) yield* bytes as AsyncIterable<Uint8Array>;
  })();
}

/** Reads one slice of each file into fresh states. */
export async function foldShard(
  job: Pick<ShardJob, "format" | "tickets" | "surveys">,
  reducers: ReportReducers,
): Promise<{ states: ReportStates; counts: ShardCounts }> {
  const states: ReportStates = {
    tickets: reducers.tickets.init(),
    backlog: reducers.backlog.init(),
    surveys: reducers.surveys.init(),
  };
  // Repeated ids are not looked for (duplicates: "allow"), as by the baselines: a shard cannot
  // see the other shards' ids anyway (docs/readers.md).
  const ticketReader = readTickets(sourceOf(job.tickets), {
    format: job.format,
    duplicates: "allow",
  });
  const { tickets, backlog } = reducers;
  for await (const ticket of ticketReader) {
    tickets.add(states.tickets, ticket, undefined);
    backlog.add(states.backlog, ticket, undefined);
  }
  const surveyReader = readSurveyResponses(sourceOf(job.surveys), {
    format: job.format,
    duplicates: "allow",
  });
  const surveys = reducers.surveys;
  for await (const response of surveyReader) surveys.add(states.surveys, response, undefined);
  const count = (s: typeof ticketReader.summary) => ({
    read: s.read,
    valid: s.valid,
    rejected: s.rejected,
  });
  return {
    states,
    counts: { tickets: count(ticketReader.summary), surveys: count(surveyReader.summary) },
  };
}

/** Merges shard states, left to right. */
export function mergeStates(reducers: ReportReducers, list: readonly ReportStates[]): ReportStates {
  let merged = list[0] as ReportStates;
  for (const next of list.slice(1)) {
    merged = {
      tickets: reducers.tickets.merge(merged.tickets, next.tickets),
      backlog: reducers.backlog.merge(merged.backlog, next.backlog),
      surveys: reducers.surveys.merge(merged.surveys, next.surveys),
    };
  }
  return merged;
}

/** States as JSON text (`stateToJSON`), one per rollup. */
export const statesToJSON = (states: ReportStates) => ({
  tickets: stateToJSON(states.tickets),
  backlog: stateToJSON(states.backlog),
  surveys: stateToJSON(states.surveys),
});
export type StatesJSON = ReturnType<typeof statesToJSON>;

export const statesFromJSON = (json: StatesJSON): ReportStates => ({
  tickets: stateFromJSON<RollupState>(json.tickets),
  backlog: stateFromJSON<RollupState>(json.backlog),
  surveys: stateFromJSON<RollupState>(json.surveys),
});

/** The merged rows as the compared report. */
export function reportOf(reducers: ReportReducers, states: ReportStates): Report {
  return reportFromRows(
    reducers.tickets.result(states.tickets),
    reducers.surveys.result(states.surveys),
    reducers.backlog.result(states.backlog),
  );
}

// ---------------------------------------------------------------------------------------
// The worker protocol.

/** Wall-clock instants (epoch ms, sub-millisecond) comparable across threads. */
export const wallClock = () => performance.timeOrigin + performance.now();

/** A worker's answer to a job. */
export type ShardAnswer = {
  counts: ShardCounts;
  /** When this module had loaded (imports done), the job arrived, reading ended, the states were serialised. */
  times: { loaded: number; received: number; folded: number; serialised: number };
  /** Characters of the three JSON texts (`json` transfer). */
  jsonChars: number;
} & ({ transfer: "json"; json: StatesJSON } | { transfer: "clone"; states: ReportStates });

/**
 * Starts this file as a worker thread. Given `bundle` (this file and the library bundled into
 * one ES module by esbuild, see bench/endToEnd.bench.ts), the worker loads that, as compiled
 * JavaScript would be shipped. Without it, the worker runs the TypeScript sources through
 * tsx: a few lines of JavaScript register tsx's loader in the worker's own thread, then
 * import this file.
 */
export function startWorker(bundle?: string): Worker {
  const data = { endToEnd: true };
  const options = { workerData: data, ...youngGeneration() };
  if (bundle !== undefined) return new Worker(pathToFileURL(bundle), options);
  const api = import.meta.resolve("tsx/esm/api");
  const self = import.meta.url;
  const boot = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(self)}); })`;
  return new Worker(boot, { eval: true, ...options });
}

/**
 * The workers' young generation: 64 MB unless BENCH_YOUNG says otherwise (0: Node's default,
 * 16 MB here). A fold allocates short-lived rows and records at a high rate; a larger young
 * generation means fewer scavenges, and two workers scavenging at once compete for the
 * cores. Measured at 1M tickets: 2 workers 2,755 → 2,483 ms (median), 1 worker unchanged,
 * 1 worker / 2 workers 1.58 → 1.76. Every worker variant gets the same limit.
 */
function youngGeneration(): { resourceLimits?: { maxYoungGenerationSizeMb: number } } {
  const text = process.env.BENCH_YOUNG ?? "64";
  const size = Number(text);
  if (!Number.isInteger(size) || size < 0) {
    throw new RangeError(
      `bench: BENCH_YOUNG must be a whole number of MB (0: default), got ${text}`,
    );
  }
  return size === 0 ? {} : { resourceLimits: { maxYoungGenerationSizeMb: size } };
}

/** Posts a job to a started worker and waits for its answer. */
export function runJob(worker: Worker, job: ShardJob): Promise<ShardAnswer> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      worker.off("message", onMessage);
      reject(error);
    };
    const onMessage = (answer: ShardAnswer) => {
      worker.off("error", onError);
      resolve(answer);
    };
    worker.once("message", onMessage);
    worker.once("error", onError);
    // Queued until the worker listens: posting right after `startWorker` is fine.
    worker.postMessage(job);
  });
}

/** Asks a worker to collect its garbage, and waits until it has. */
export function collectGarbage(worker: Worker): Promise<void> {
  return new Promise((resolve) => {
    worker.once("message", () => resolve());
    worker.postMessage("gc");
  });
}

if (!isMainThread && parentPort && (workerData as { endToEnd?: boolean } | null)?.endToEnd) {
  const loaded = wallClock();
  const port = parentPort;
  port.on("message", async (job: ShardJob | "gc") => {
    if (job === "gc") {
      setFlagsFromString("--expose-gc");
      (runInNewContext("gc") as () => void)();
      port.postMessage("gc");
      return;
    }
    const received = wallClock();
    const reducers = reportReducers();
    const { states, counts } = await foldShard(job, reducers);
    const folded = wallClock();
    if (job.transfer === "json") {
      const json = statesToJSON(states);
      const serialised = wallClock();
      const jsonChars = json.tickets.length + json.backlog.length + json.surveys.length;
      const answer: ShardAnswer = {
        transfer: "json",
        json,
        counts,
        jsonChars,
        times: { loaded, received, folded, serialised },
      };
      port.postMessage(answer);
    } else {
      // Structured clone happens inside postMessage: its cost shows as transfer time.
      const answer: ShardAnswer = {
        transfer: "clone",
        states,
        counts,
        jsonChars: 0,
        times: { loaded, received, folded, serialised: folded },
      };
      port.postMessage(answer);
    }
  });
}
