/**
 * The `staffing` command: arrivals by weekday and interval from a ticket or queue log, then the
 * agents each interval needs for a service level target (Erlang C), as a table, CSV, JSON,
 * Markdown or an HTML heatmap. The plan (flags checked before reading), the pass (each record's
 * arrival instant) and the output live here; `main.ts` wires the command and prints the read
 * summaries as `report` does.
 */

import type { Reducer } from "../reduce/reducer.ts";
import { renderStaffingHeatmap } from "../report/staffingHeatmap.ts";
import { type ArrivalPattern, arrivalPattern, type IntervalMinutes } from "../staffing/arrivals.ts";
import {
  type StaffingRow,
  type StaffingTableOptions,
  staffingTable,
} from "../staffing/staffingTable.ts";
import { type Flat, toCsv, toMarkdown, toTable } from "./format.ts";
import type { CliKind } from "./input.ts";
import type { CliIO } from "./io.ts";
import { combinedSummary, type FileSummary, runPass } from "./pass.ts";
import { type InputOptions, type InputPlan, planInput } from "./plan.ts";
import { nothingValid, printSummaries, refusedUnderStrict, writeOutput } from "./summaries.ts";
import { UsageError } from "./usage.ts";

/** The `staffing` command's options, as commander gives them. */
export interface StaffingCommandOptions extends InputOptions {
  /** `--aht`: average handle time in seconds. */
  aht?: string;
  /** `--target`: answer time in seconds the service level counts against. */
  target?: string;
  /** `--service-level`: the share to answer within the target, a fraction (0.8). */
  serviceLevel?: string;
  /** `--max-occupancy`: the highest share of time agents may be busy (0.85). */
  maxOccupancy?: string;
  /** `--shrinkage`: the share of paid time agents are not available (0.3). */
  shrinkage?: string;
  /** `--interval`: 15, 30 or 60 minutes. */
  interval?: string;
  /** `--from`, `--to`: the observed range (else whole days around the data). */
  from?: string;
  to?: string;
  format?: string;
  out?: string;
}

/** The output formats of `staffing`. */
export const STAFFING_FORMATS = ["table", "csv", "json", "markdown", "html"] as const;
/** An output format of `staffing`. */
export type StaffingFormat = (typeof STAFFING_FORMATS)[number];

/**
 * The instant a record arrived at, by record kind: a ticket when it was created, a queue
 * contact when it was offered. Kinds without one (survey responses) cannot be staffed from.
 */
const ARRIVAL: Partial<Record<CliKind, string>> = {
  tickets: "createdAt",
  queueContacts: "offeredAt",
};

/** The checked flags of a `staffing` run. */
export interface StaffingPlan {
  targets: StaffingTableOptions;
  intervalMinutes: IntervalMinutes;
  range: { start: string; end: string } | undefined;
  format: StaffingFormat;
  out: string | undefined;
}

/** A number flag: a finite number, else a usage error naming the flag. */
function numberFlag(flag: string, value: string | undefined, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) throw new UsageError(`staffing needs ${flag} <number>`);
    return fallback;
  }
  const n = value.trim() === "" ? Number.NaN : Number(value);
  if (!Number.isFinite(n)) {
    throw new UsageError(`${flag} must be a number, got ${JSON.stringify(value)}`);
  }
  return n;
}

/**
 * Checks the flags of `staffing` before a byte is read: the handle time is required, the
 * target defaults to 20 s and the service level to 0.8; the library checks the ranges.
 *
 * @example
 * const plan = planStaffing({ aht: "180", shrinkage: "0.3", interval: "30" });
 * [plan.targets.ahtSeconds, plan.targets.targetSeconds, plan.targets.serviceLevel, plan.intervalMinutes, plan.format]
 * //=> [180, 20, 0.8, 30, "table"]
 */
export function planStaffing(options: StaffingCommandOptions): StaffingPlan {
  const targets: StaffingTableOptions = {
    ahtSeconds: numberFlag("--aht", options.aht),
    targetSeconds: numberFlag("--target", options.target, 20),
    serviceLevel: numberFlag("--service-level", options.serviceLevel, 0.8),
  };
  if (options.maxOccupancy !== undefined)
    targets.maxOccupancy = numberFlag("--max-occupancy", options.maxOccupancy);
  if (options.shrinkage !== undefined)
    targets.shrinkage = numberFlag("--shrinkage", options.shrinkage);
  // The library's checks, run once on an empty pattern, so a wrong target is a usage error.
  try {
    staffingTable(arrivalPattern([], { intervalMinutes: 60 }), targets);
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^staffingTable: /, "staffing: "));
  }
  const interval = numberFlag("--interval", options.interval, 60);
  if (interval !== 15 && interval !== 30 && interval !== 60) {
    throw new UsageError(`--interval must be 15, 30 or 60 (minutes), got ${options.interval}`);
  }
  if ((options.from === undefined) !== (options.to === undefined)) {
    throw new UsageError("--from and --to go together: the observed range is [from, to)");
  }
  const format = (options.format ?? formatOfOut(options.out)) as StaffingFormat;
  if (!STAFFING_FORMATS.includes(format)) {
    throw new UsageError(
      `--format must be one of ${STAFFING_FORMATS.join(", ")}, got ${JSON.stringify(options.format)}`,
    );
  }
  return {
    targets,
    intervalMinutes: interval,
    range:
      options.from === undefined || options.to === undefined
        ? undefined
        : { start: options.from, end: options.to },
    format,
    out: options.out,
  };
}

function formatOfOut(out: string | undefined): StaffingFormat {
  const ext = out === undefined ? undefined : /\.([^./\\]+)$/.exec(out)?.[1]?.toLowerCase();
  if (ext === "md") return "markdown";
  if (ext === "htm") return "html";
  return STAFFING_FORMATS.find((format) => format === ext) ?? "table";
}

/** A reducer that keeps each record's arrival instant (epoch ms), or `null` when it has none. */
function arrivals(field: string): Reducer<unknown, (number | null)[], (number | null)[]> {
  const at = (record: unknown) => (record as Record<string, unknown>)[field];
  return {
    name: "arrivals",
    timeOf: (record) => {
      const instant = at(record);
      return instant instanceof Date ? instant : null;
    },
    init: () => [],
    add(state, record) {
      const instant = at(record);
      state.push(instant instanceof Date ? instant.getTime() : null);
    },
    merge: (a, b) => a.concat(b),
    result: (state) => state,
  };
}

/** What a `staffing` run made: the pattern, the table, and the files' summaries. */
export interface StaffingRun {
  pattern: ArrivalPattern;
  rows: StaffingRow[];
  summaries: FileSummary[];
}

/**
 * Reads the input's arrival instants and sizes every interval of the week.
 *
 * @throws UsageError for a kind without arrivals (survey responses) or a range the library
 *   refuses.
 */
export async function runStaffing(
  plan: StaffingPlan,
  input: InputPlan,
  io: CliIO,
): Promise<StaffingRun> {
  const field = ARRIVAL[input.kind];
  if (field === undefined) {
    throw new UsageError(
      "staffing reads tickets or queue contacts (their arrival instants); use --kind tickets|queues",
    );
  }
  const pass = await runPass(
    input,
    arrivals(field) as Reducer<unknown, unknown, unknown>,
    io,
    false,
  );
  const instants = pass.state as (number | null)[];
  let pattern: ArrivalPattern;
  try {
    pattern = arrivalPattern(instants, {
      timeZone: input.timeZone,
      intervalMinutes: plan.intervalMinutes,
      ...(plan.range === undefined ? {} : { range: plan.range }),
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return { pattern, rows: staffingTable(pattern, plan.targets), summaries: pass.summaries };
}

/** The staffing rows as a flat table: keys first, fractions and counts as numbers. */
export function staffingFlat(rows: readonly StaffingRow[]): Flat {
  const first = rows[0];
  // The columns are the rows' own fields, in their order.
  const columns = first === undefined ? [] : Object.keys(first);
  return {
    columns,
    units: columns.map((_, i) => (i < 2 ? "" : "count")),
    rows: rows.map((row) => Object.values(row) as (string | number | null)[]),
  };
}

/**
 * The targets in words, for the heatmap's heading.
 *
 * @example
 * targetsText({ ahtSeconds: 180, targetSeconds: 20, serviceLevel: 0.8, maxOccupancy: 0.85, shrinkage: 0.3 })
 * //=> "80 % in 20 s, AHT 180 s, occupancy at most 85 %, shrinkage 30 %"
 */
export function targetsText(targets: StaffingTableOptions): string {
  const percent = (fraction: number) => `${Number((100 * fraction).toFixed(2))} %`;
  const parts = [
    `${percent(targets.serviceLevel)} in ${targets.targetSeconds} s`,
    `AHT ${targets.ahtSeconds} s`,
  ];
  if (targets.maxOccupancy !== undefined)
    parts.push(`occupancy at most ${percent(targets.maxOccupancy)}`);
  if (targets.shrinkage !== undefined) parts.push(`shrinkage ${percent(targets.shrinkage)}`);
  return parts.join(", ");
}

/** The run's output in the plan's format. */
export function staffingText(
  plan: StaffingPlan,
  run: StaffingRun,
  meta: { files: string[]; kind: CliKind; timeZone: string; generatedAt: Date },
): string {
  switch (plan.format) {
    case "json":
      return `${JSON.stringify(
        {
          meta: {
            files: meta.files,
            kind: meta.kind,
            timeZone: meta.timeZone,
            ...plan.targets,
            intervalMinutes: run.pattern.intervalMinutes,
            range: run.pattern.range,
            counted: run.pattern.counted,
            excluded: run.pattern.excluded,
          },
          rows: run.rows,
        },
        null,
        2,
      )}\n`;
    case "csv":
      return toCsv(staffingFlat(run.rows));
    case "markdown":
      return toMarkdown(staffingFlat(run.rows));
    case "html":
      return renderStaffingHeatmap(run.rows, {
        title: `Staffing: ${meta.files.join(", ")}`,
        generatedAt: meta.generatedAt,
        timeZone: meta.timeZone,
        targets: targetsText(plan.targets),
      });
    default:
      return toTable(staffingFlat(run.rows));
  }
}

/** The totals of a run for stderr: rows read, arrivals counted and left out. */
export function staffingSummary(run: StaffingRun): string {
  const total = combinedSummary(run.summaries);
  const { counted, excluded } = run.pattern;
  const out = Object.entries(excluded)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${n} ${reason}`);
  return `${total.valid} valid records, ${counted} arrivals counted${out.length > 0 ? `, left out: ${out.join(", ")}` : ""}`;
}

/** The `staffing` command: the flags checked, the arrivals read, the table written. */
export async function staffingCommand(
  files: string[],
  options: StaffingCommandOptions,
  io: CliIO,
): Promise<number> {
  // Every flag is checked before a byte is read.
  const plan = planStaffing(options);
  const input = await planInput(files, options, io);
  try {
    const run = await runStaffing(plan, input, io);
    const total = combinedSummary(run.summaries);
    const refused = refusedUnderStrict(input.strict, run.summaries, io, "table");
    if (refused !== null) return refused;
    const none = nothingValid(total, io);
    if (!input.quiet) {
      printSummaries(run.summaries, io, options);
      if (none === null) io.stderr.write(`${staffingSummary(run)}\n`);
    }
    if (none !== null) return none;
    const text = staffingText(plan, run, {
      files,
      kind: input.kind,
      timeZone: input.timeZone,
      generatedAt: new Date(io.now ? io.now() : Date.now()),
    });
    await writeOutput(text, plan.out, input.quiet, io);
    return 0;
  } finally {
    await input.cleanup();
  }
}
