/**
 * The one pass over the input: every file read a batch at a time into one reducer (a rollup,
 * or the HTML report's set of rollups), with progress on a terminal. Nothing is kept but the
 * reducer's state and the readers' summaries.
 */
import { noteIds, type ReadSummary, type RowRejection } from "../node/readRecords.ts";
import { ReadError } from "../node/rows.ts";
import type { FileFormat } from "../node/source.ts";
import type { Reducer } from "../reduce/reducer.ts";
import { idLedger } from "../schemas/duplicates.ts";
import { ValidationError } from "../schemas/validate.ts";
import { businessSpanProblem, leftOutLine } from "./businessSpan.ts";
import { openReader } from "./input.ts";
import type { CliIO } from "./io.ts";
import type { InputPlan } from "./plan.ts";
import { progress } from "./progress.ts";
import { DataError } from "./usage.ts";

/** A file's reading summary. */
export interface FileSummary {
  file: string;
  summary: ReadSummary;
}

/** What the pass leaves: the reducer's state, each file's summary and the latest instant. */
export interface Pass<State> {
  state: State;
  summaries: FileSummary[];
  /** The latest instant in the records, epoch milliseconds (`-Infinity` when none). */
  latest: number;
}

/** The latest instant in a record: its own timestamps and those of its messages and events. */
function latestIn(record: unknown, depth = 0): number {
  let latest = Number.NEGATIVE_INFINITY;
  if (record instanceof Date) {
    const ms = record.getTime();
    return Number.isNaN(ms) ? latest : ms;
  }
  if (depth > 2 || typeof record !== "object" || record === null) return latest;
  const values = Array.isArray(record) ? record : Object.values(record);
  for (const value of values) {
    const ms = latestIn(value, depth + 1);
    if (ms > latest) latest = ms;
  }
  return latest;
}

/** A mapping's zone-less timestamp format, with no --tz to read it in: a data error naming --tz. */
function openingError(error: unknown, plan: InputPlan): unknown {
  if (!plan.zoneGiven && /timeZone must be given/.test((error as Error).message)) {
    return new DataError(
      `${(error as Error).message.replace(/^\w+: /, "--mapping: ")}; give the zone with --tz (for example --tz UTC or --tz Europe/Berlin)`,
    );
  }
  return error;
}

/** Zod's and the readers' wording of a timestamp with no offset and no zone to read it in. */
const ZONELESS = /^has no UTC offset.*got (.*)$/;

/**
 * Stops the run at the first zone-less timestamp when `--tz` was not given: reading it as UTC
 * would shift every such time silently by the zone's offset.
 *
 * @throws DataError naming the file, line, column, a sample value and `--tz`.
 */
function stopAtZoneless(file: string, rejection: RowRejection): void {
  for (const issue of rejection.issues) {
    const match = ZONELESS.exec(issue.message);
    if (!match) continue;
    const column = issue.column ?? issue.path.join(".");
    throw new DataError(
      `${file}: line ${rejection.line}: column ${JSON.stringify(column)} has timestamps without a zone, such as ${match[1]}; give their zone with --tz (for example --tz UTC or --tz Europe/Berlin)`,
    );
  }
}

/**
 * Reads the plan's files one after another into `reducer`.
 *
 * @param trackLatest - Whether to find the records' latest instant (a metric judged at the
 *   input's end needs it; finding it costs a walk over every record's fields).
 * @throws DataError naming the file and line of a read error.
 */
export async function runPass<State>(
  plan: InputPlan,
  reducer: Reducer<unknown, State, unknown>,
  io: CliIO,
  trackLatest: boolean,
): Promise<Pass<State>> {
  const state = reducer.init();
  const span = plan.businessSpan;
  const summaries: FileSummary[] = [];
  let latest = Number.NEGATIVE_INFINITY;
  // One ledger for all the files, so that an id is kept once across overlapping exports;
  // keep-last first notes every file's ids (a pass over the rows, without validation).
  const ids = plan.duplicates === "allow" ? undefined : idLedger(plan.duplicates);
  const read = (file: string, format: FileFormat) => ({
    kind: plan.kind,
    format,
    name: file,
    ...(plan.zoneGiven ? { timeZone: plan.timeZone } : {}),
    ...(plan.mapping === undefined ? {} : { mapping: plan.mapping }),
    ...(plan.events === undefined ? {} : { events: plan.events }),
    ...(plan.zoneGiven ? {} : { onRejection: (r: RowRejection) => stopAtZoneless(file, r) }),
    ...(ids === undefined ? { duplicates: "allow" as const } : { ids }),
  });
  if (ids?.policy === "last") {
    for (const { file, path, format } of plan.files) {
      try {
        await noteIds(path, { ...read(file, format), ids });
      } catch (error) {
        // The reading pass below meets a read error again, where it can place it.
        if (!(error instanceof ReadError)) throw openingError(error, plan);
      }
    }
  }
  for (const { file, path, size, format } of plan.files) {
    let opened: ReturnType<typeof openReader>;
    try {
      opened = openReader(path, read(file, format));
    } catch (error) {
      throw openingError(error, plan);
    }
    const { reader, bytes } = opened;
    summaries.push({ file, summary: reader.summary });
    const bar = progress(io.stderr, file, size, io.isTTY && !plan.quiet, io.now);
    try {
      for await (const batch of reader.batches()) {
        for (const record of batch) {
          const problem = span && businessSpanProblem(record, span.asOf);
          if (problem) {
            // Left out whole, before any metric sees it; counted with the rejected rows.
            reader.summary.valid--;
            reader.summary.rejected++;
            if (!plan.quiet)
              io.stderr.write(`support-metrics: ${leftOutLine(file, record, problem)}\n`);
            continue;
          }
          reducer.add(state, record, undefined);
          if (trackLatest) {
            const ms = latestIn(record);
            if (ms > latest) latest = ms;
          }
          bar.tick(reader.summary.read, bytes());
        }
      }
    } catch (error) {
      if (error instanceof ReadError) {
        const line = error.line === null ? "" : `line ${error.line}: `;
        throw new DataError(`${file}: ${line}${error.message}`);
      }
      if (error instanceof ValidationError) throw new DataError(`${file}: ${error.message}`);
      throw error;
    } finally {
      bar.done();
    }
  }
  return { state, summaries, latest };
}

/**
 * The summaries of several files as one: counts added, rejections in file order.
 *
 * @example
 * const a = { kind: "tickets", format: "csv", done: true, read: 3, valid: 2, rejected: 1, rejections: [], duplicates: 0, duplicateCopies: [], invalidUtf8: { count: 0, lines: [] }, columns: null, error: null };
 * combinedSummary([{ file: "a", summary: a }, { file: "b", summary: { ...a, read: 1, valid: 1, rejected: 0 } }]).read
 * //=> 4
 */
export function combinedSummary(summaries: readonly FileSummary[]): ReadSummary {
  const first = summaries[0]?.summary as ReadSummary;
  return {
    ...first,
    done: summaries.every((s) => s.summary.done),
    read: summaries.reduce((n, s) => n + s.summary.read, 0),
    valid: summaries.reduce((n, s) => n + s.summary.valid, 0),
    rejected: summaries.reduce((n, s) => n + s.summary.rejected, 0),
    rejections: summaries.flatMap((s) => s.summary.rejections),
    duplicates: summaries.reduce((n, s) => n + s.summary.duplicates, 0),
    duplicateCopies: summaries.flatMap((s) => s.summary.duplicateCopies),
    invalidUtf8: {
      count: summaries.reduce((n, s) => n + s.summary.invalidUtf8.count, 0),
      lines: [],
    },
  };
}
