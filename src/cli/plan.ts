/**
 * The `report` command's arguments turned into one typed plan: which files, which records,
 * which metrics with which options, how to group, what to write. Every usage mistake is found
 * here, before a byte of data is read. Metrics are read from the catalogue: nothing here knows
 * a metric by name.
 *
 * Long (about 760 lines) on purpose: every usage check of `report` is here, so that a mistake
 * is reported before a byte is read, and the checks read one another's results.
 */

import type { ChangeAgainst } from "../aggregate/change.ts";
import { PLACE_BY, type PlaceBy } from "../aggregate/placement.ts";
import { DEFAULT_MAX_ROWS, periodsBetween, type RowLimitError } from "../aggregate/rowLimit.ts";
import type { RowTarget } from "../aggregate/targets.ts";
import { catalogue, findMetric, metricsFor } from "../metrics/catalogue.ts";
import {
  type MetricDefinition,
  optionNames,
  requiredOptions,
  resolveMetric,
  VENDORS,
  type Vendor,
} from "../metrics/define.ts";
import type { EventLog } from "../node/events.ts";
import type { ColumnMapping } from "../node/mapping.ts";
import { RECORD_FIELDS } from "../node/mapping.ts";
import { FILE_FORMATS, type FileFormat } from "../node/source.ts";
import type { AnyReducer } from "../reduce/reducer.ts";
import { STATISTICS } from "../reduce/results.ts";
import { DUPLICATE_POLICIES, type DuplicatePolicy } from "../schemas/duplicates.ts";
import type { SlaPolicyInput } from "../sla/policy.ts";
import { PERIOD_UNITS, type PeriodUnit, period as periodOf } from "../time/period.ts";
import type { ScheduleInput } from "../time/schedule.ts";
import { checkTimeZone } from "../time/zone.ts";
import { type OutputFormat, outputFormatOf } from "./format.ts";
import {
  type CliKind,
  fileSize,
  inputFormat,
  KIND_NAMES,
  kindOf,
  readJsonOption,
} from "./input.ts";
import { readInstantFlag } from "./instant.ts";
import type { CliIO } from "./io.ts";
import { type SpooledInput, STDIN, spool } from "./stdin.ts";
import { UsageError } from "./usage.ts";

/** What `report` and `validate` share: the files and how to read them. */
export interface InputOptions {
  kind?: string;
  mapping?: string;
  /** `--tz`; left out, periods are in UTC and a zone-less timestamp stops the run. */
  tz?: string;
  inputFormat?: string;
  strict?: boolean;
  quiet?: boolean;
  /** `--duplicates`: last (default), first, reject or allow. */
  duplicates?: string;
  /** `--events`: an event log's columns (`case=...,at=...,activity=...`) or a JSON file. */
  events?: string;
}

/** The `report` command's options, as commander gives them. */
export interface ReportOptions extends InputOptions {
  by: string;
  metrics?: string;
  schedule?: string;
  policies?: string;
  asOf?: string;
  preset?: string;
  statistic?: string;
  format?: string;
  out?: string;
  from?: string;
  to?: string;
  placeBy?: string;
  /** `--max-rows`: the most rows (periods × key combinations) the report may make. */
  maxRows?: string;
  /** `--sessions`: a file of self-service sessions, joined with the tickets. */
  sessions?: string;
  /** `--interval [level]`: `true` for 95 %, or the level given. */
  interval?: string | boolean;
  /** `--change previous|year`: each metric's change against that period. */
  change?: string;
  /** `--target metric=value[@deadline]`, repeatable. */
  target?: string[];
  /** `--engine`: js (the in-memory rollup, default), duckdb or postgres (compiled to SQL). */
  engine?: string;
  /** `--db`: the PostgreSQL connection string of `--engine postgres`. */
  db?: string;
  /** `--table`: the table or view `--engine postgres` reads and `--print-sql` writes for. */
  table?: string;
  /** `--print-sql`: the dialect to print the report's SQL in, instead of running it. */
  printSql?: string;
}

/** One input file. */
export interface InputFile {
  /** The name given (`-` for standard input), for messages. */
  file: string;
  /** Where to read it: the file, or standard input's scratch copy. */
  path: string;
  size: number;
  format: FileFormat;
}

/** The files of a command and how to read them. */
export interface InputPlan {
  files: InputFile[];
  kind: CliKind;
  mapping: ColumnMapping | undefined;
  timeZone: string;
  /** Whether `--tz` was given: without it, zone-less timestamps are an error, not UTC. */
  zoneGiven: boolean;
  quiet: boolean;
  strict: boolean;
  /** What a repeated record id does, across all the files. */
  duplicates: DuplicatePolicy;
  /** The input is an event log, folded into tickets. */
  events: EventLog | undefined;
  /**
   * With `--schedule`: leave out a record whose instants (and `asOf`, where SLA targets are
   * judged at it) span more than business hours are measured over.
   */
  businessSpan?: { asOf: number | undefined };
  /** Removes scratch copies (standard input): call when the command is over. */
  cleanup(): Promise<void>;
}

/** One metric to compute: its catalogue entry, its column in the rows, its options. */
export interface PlannedMetric {
  metric: MetricDefinition;
  column: string;
  options: Record<string, unknown>;
  /**
   * Builds the reducer. `latest` returns the input's latest instant; it is called when the
   * result is read, after the pass (for an `asOf` that was not given).
   */
  reducer(latest: () => number): AnyReducer;
}

/** Everything `report` will do. */
export interface ReportPlan extends InputPlan {
  metrics: PlannedMetric[];
  /** The period unit, when grouped by one. */
  period: PeriodUnit | undefined;
  /** The record fields to group by. */
  keys: string[];
  /** `--from` / `--to`. */
  range: { start: string; end: string } | undefined;
  /** `--place-by`: each metric's own event (default) or the ticket's creation (a cohort). */
  placeBy: PlaceBy;
  /** `--max-rows`: the rollup's `maxRows`. */
  maxRows: number;
  /** `--interval`: the level of the intervals of the metrics that take one, or `undefined`. */
  interval: number | undefined;
  /** `--change`: the period each row is compared with, or `undefined`. */
  change: ChangeAgainst | undefined;
  /** `--target`: KPI targets to evaluate over the rows. */
  targets: RowTarget[];
  /** `--as-of`, epoch milliseconds; `undefined`: the input's latest instant where needed. */
  asOf: number | undefined;
  /** Whether a metric needs the input's latest instant (an `asOf` not given). */
  needsLatest: boolean;
  format: OutputFormat;
  out: string | undefined;
  preset: Vendor | undefined;
  /** The names of the options files, for the JSON output's `meta`. */
  policiesFile: string | undefined;
  /** What the plan left out and why, for stderr. */
  warnings: string[];
  /**
   * `--sessions`: the file of self-service sessions read beside the tickets, for the metrics
   * that join the two kinds (their entry's `joins`); `undefined` without the flag.
   */
  sessions: InputFile | undefined;
}

/** The record kind `--sessions` reads, and the metrics that join it with the input's kind. */
const SESSIONS = "sessions";

function joinedMetrics(kind: CliKind): MetricDefinition[] {
  return catalogue.filter((metric) => metric.records === SESSIONS && metric.joins === kind);
}

/** The CLI flag that supplies each metric option it can supply. */
export const OPTION_FLAGS: Readonly<Record<string, string>> = {
  statistic: "--statistic",
  schedule: "--schedule",
  policies: "--policies",
  asOf: "--as-of",
};

/**
 * `--interval [level]`: 0.95 without a value; a level from 0 to 1 exclusive, or a percentage
 * (`90` for 0.9).
 */
function intervalOf(value: string | boolean | undefined): number | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return 0.95;
  const number = Number(value);
  const level = number > 1 && number < 100 ? number / 100 : number;
  if (value.trim() === "" || !(level > 0 && level < 1)) {
    throw new UsageError(
      `--interval must be a level between 0 and 1, or a percentage (0.9 or 90), got ${JSON.stringify(value)}`,
    );
  }
  return level;
}

/** `--change`: previous or year, or none. */
function changeOf(
  value: string | undefined,
  period: PeriodUnit | undefined,
): ChangeAgainst | undefined {
  if (value === undefined) return undefined;
  if (value !== "previous" && value !== "year") {
    throw new UsageError(`--change must be previous or year, got ${JSON.stringify(value)}`);
  }
  if (period === undefined) throw new UsageError("--change needs a period in --by");
  return value;
}

/**
 * `--target metric=value[@deadline]`: a KPI target on a metric of the report, its direction
 * from the catalogue's `better`, its deadline read as the records' instants are (left out:
 * the end of the last period).
 */
function targetsOf(
  specs: readonly string[],
  metrics: readonly PlannedMetric[],
  period: PeriodUnit | undefined,
  input: InputPlan,
): RowTarget[] {
  if (specs.length > 0 && period === undefined) {
    throw new UsageError("--target needs a period in --by");
  }
  return specs.map((spec) => {
    const match = /^([^=]+)=([^@]+)(?:@(.+))?$/.exec(spec);
    if (!match) {
      throw new UsageError(
        `--target must be metric=value or metric=value@deadline, got ${JSON.stringify(spec)}`,
      );
    }
    const [, name, value, deadline] = match as unknown as [
      string,
      string,
      string,
      string | undefined,
    ];
    const planned = metrics.find(({ metric }) => metric === findMetric(name.trim()));
    if (!planned) {
      throw new UsageError(
        `--target ${spec}: "${name}" is not a metric of this report (add it to --metrics)`,
      );
    }
    const target = Number(value);
    if (value.trim() === "" || !Number.isFinite(target)) {
      throw new UsageError(
        `--target ${spec}: the value must be a number, got ${JSON.stringify(value)}`,
      );
    }
    const better = resolveMetric(planned.metric, planned.options as never).better;
    if (better === "neither") {
      throw new UsageError(
        `--target ${spec}: ${planned.metric.name} has no better direction to aim for`,
      );
    }
    return {
      column: planned.column,
      target,
      direction: better,
      ...(deadline === undefined
        ? {}
        : { deadline: readInstantFlag("--target", deadline, input.timeZone, input.zoneGiven) }),
    };
  });
}

/** `--place-by`: "event" (each metric's own instant) unless "created" is asked for. */
function placeByOf(value: string | undefined): PlaceBy {
  if (value === undefined) return "event";
  if ((PLACE_BY as readonly string[]).includes(value)) return value as PlaceBy;
  throw new UsageError(
    `--place-by must be one of ${PLACE_BY.join(", ")}, got ${JSON.stringify(value)}`,
  );
}

export function list(value: string): string[] {
  return value
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

function zone(tz: string): string {
  try {
    return checkTimeZone(tz, "--tz");
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A record kind in words, for messages. */
export function kindText(kind: CliKind): string {
  if (kind === "queueContacts") return "queue contacts";
  if (kind === "sessions") return "self-service sessions";
  return kind === "tickets" ? "tickets" : "survey responses";
}

/** The event-log keys `--events` takes inline. */
const EVENT_KEYS = ["case", "at", "activity", "format", "assignee"] as const;

/**
 * `--events`: `case=<column>,at=<column>,activity=<column>[,format=<timestamp format>]
 * [,assignee=<column>]` (the assignee column gives each ticket its assignment history, for
 * handoffs and transfer rate), or a JSON file of an {@link EventLog} (for `statuses` and
 * `messages`, which map activities).
 */
export async function readEvents(option: string): Promise<EventLog> {
  if (/\.json$/i.test(option)) {
    const json = await readJsonOption(option, "--events");
    if (json === null || typeof json !== "object" || Array.isArray(json)) {
      throw new UsageError(`--events ${option}: must be a JSON object { case, at, activity, ... }`);
    }
    return json as EventLog;
  }
  const log: Record<string, string> = {};
  for (const part of option.split(",")) {
    const eq = part.indexOf("=");
    const key = part.slice(0, eq).trim();
    if (eq === -1 || !(EVENT_KEYS as readonly string[]).includes(key)) {
      throw new UsageError(
        `--events must be ${EVENT_KEYS.map((k) => `${k}=...`).join(",")} (format and assignee optional) or a .json file, got "${option}"`,
      );
    }
    log[key] = part.slice(eq + 1).trim();
  }
  return log as unknown as EventLog;
}

/** Opens the files of a command: sizes, formats, the mapping, and one record kind for all. */
export async function planInput(
  files: string[],
  options: InputOptions,
  io: Pick<CliIO, "stdin"> = {},
): Promise<InputPlan> {
  const timeZone = zone(options.tz ?? "UTC");
  const duplicates = (options.duplicates ?? "last") as DuplicatePolicy;
  if (!DUPLICATE_POLICIES.includes(duplicates)) {
    throw new UsageError(
      `--duplicates must be one of ${DUPLICATE_POLICIES.join(", ")}, got "${options.duplicates}"`,
    );
  }
  if (files.filter((file) => file === STDIN).length > 1) {
    throw new UsageError("standard input (-) can be read once only");
  }
  const opened: InputFile[] = [];
  const scratch: SpooledInput[] = [];
  const cleanup = async () => {
    for (const copy of scratch) await copy.remove();
  };
  try {
    for (const file of files) {
      if (file === STDIN) {
        if (options.inputFormat === undefined) {
          throw new UsageError(
            `reading standard input (-) needs --input-format ${FILE_FORMATS.join("|")}`,
          );
        }
        const format = inputFormat(file, options.inputFormat);
        if (io.stdin === undefined) throw new UsageError("no standard input to read (-)");
        const copy = await spool(io.stdin, format);
        scratch.push(copy);
        opened.push({ file, path: copy.path, size: copy.size, format });
        continue;
      }
      opened.push({
        file,
        path: file,
        size: await fileSize(file),
        format: inputFormat(file, options.inputFormat),
      });
    }
  } catch (error) {
    await cleanup();
    throw error;
  }
  let mapping: ColumnMapping | undefined;
  let kind: CliKind | undefined;
  let events: EventLog | undefined;
  try {
    if (options.events !== undefined) {
      events = await readEvents(options.events);
      if (options.kind !== undefined && KIND_NAMES[options.kind] !== "tickets") {
        throw new UsageError(
          "--events folds an event log into tickets; it takes no --kind surveys",
        );
      }
      kind = "tickets";
    }
    if (options.mapping !== undefined) {
      const json = await readJsonOption(options.mapping, "--mapping");
      if (json === null || typeof json !== "object" || Array.isArray(json)) {
        throw new UsageError(
          `--mapping ${options.mapping}: must be a JSON object of field → column`,
        );
      }
      mapping = json as ColumnMapping;
    }
    for (const { file, path, format } of opened) {
      if (events !== undefined) break;
      const found = await kindOf(path, format, options.kind, mapping, file);
      if (kind !== undefined && found !== kind) {
        throw new UsageError(
          `${file} holds ${kindText(found)} but ${files[0]} holds ${kindText(kind)}; report one kind at a time`,
        );
      }
      kind = found;
    }
    // No files (a table on a server, or --print-sql): --kind's records, tickets by default.
    if (opened.length === 0 && kind === undefined)
      kind = await kindOf("", "csv", options.kind ?? "tickets", undefined);
  } catch (error) {
    await cleanup();
    throw error;
  }
  return {
    files: opened,
    kind: kind as CliKind,
    mapping,
    timeZone,
    zoneGiven: options.tz !== undefined,
    quiet: options.quiet === true,
    strict: options.strict === true,
    duplicates,
    events,
    cleanup,
  };
}

/** `--max-rows`: a whole number at least 1; left out, the library's default. */
function maxRowsOf(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_ROWS;
  const rows = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!(Number.isSafeInteger(rows) && rows >= 1)) {
    throw new UsageError(
      `--max-rows must be a whole number at least 1, got ${JSON.stringify(value)}`,
    );
  }
  return rows;
}

/**
 * Refuses, before a byte is read, a `--from`/`--to` range with more periods than `--max-rows`:
 * each period gets a row for every key combination, and a day grid over ten centuries ran out
 * of memory after 85 s (issue 12). The combinations are known only while reading: the rollup
 * stops there when periods × combinations pass the bound.
 */
function checkRangeRows(
  unit: PeriodUnit,
  from: string,
  to: string,
  input: InputPlan,
  maxRows: number,
): void {
  const start = readInstantFlag("--from", from, input.timeZone, true);
  const end = readInstantFlag("--to", to, input.timeZone, true);
  if (end <= start) throw new UsageError(`--to must be after --from, got ${from} to ${to}`);
  const period = periodOf(unit, { timeZone: input.timeZone });
  const periods = periodsBetween(period, period.floor(start), period.floor(end - 1));
  if (periods > maxRows) {
    throw new UsageError(
      `--from ${from} --to ${to} holds ${periods} ${unit}s, and each is a row (per key combination): over --max-rows ${maxRows}; group by a longer period or a shorter range, or raise --max-rows`,
    );
  }
}

/**
 * The rollup's row-limit error in the CLI's words: the rows, the bound and the flag that
 * raises it.
 */
export function rowLimitText(error: RowLimitError): string {
  return `the report would make more than --max-rows ${error.maxRows} rows (periods × key combinations; ${error.rows} so far); group by a longer period, fewer keys or a shorter --from/--to range, or raise --max-rows`;
}

/** The settings the CLI's flags give, as metric options. */
interface Settings {
  statistic?: string;
  schedule?: ScheduleInput;
  policies?: SlaPolicyInput[];
}

async function readSettings(options: ReportOptions, kind: CliKind): Promise<Settings> {
  const settings: Settings = {};
  if (options.statistic !== undefined) {
    if (!(STATISTICS as readonly string[]).includes(options.statistic)) {
      throw new UsageError(
        `--statistic must be one of ${STATISTICS.join(", ")}, got "${options.statistic}"`,
      );
    }
    settings.statistic = options.statistic;
  }
  if (options.schedule !== undefined) {
    settings.schedule = (await readJsonOption(options.schedule, "--schedule")) as ScheduleInput;
  }
  if (options.policies !== undefined) {
    const json = await readJsonOption(options.policies, "--policies");
    if (!Array.isArray(json)) {
      throw new UsageError(
        `--policies ${options.policies}: must be a JSON array of SLA policies, got ${json === null ? "null" : typeof json}`,
      );
    }
    if (kind !== "tickets") {
      throw new UsageError(`--policies ${options.policies}: SLA policies apply to tickets only`);
    }
    settings.policies = json as SlaPolicyInput[];
  }
  return settings;
}

/** The options of one metric: the preset's, then every setting the metric takes. */
function optionsOf(
  metric: MetricDefinition,
  settings: Settings & { asOf?: unknown },
  preset: Vendor | undefined,
): Record<string, unknown> {
  const taken = optionNames(metric);
  const options: Record<string, unknown> = { ...(preset ? metric.vendors[preset] : {}) };
  for (const [name, value] of Object.entries(settings)) {
    if (value !== undefined && taken.includes(name)) options[name] = value;
  }
  return options;
}

/** Where a flag's file failed a metric's check, say so with the file's name. */
function usage(error: unknown, metric: MetricDefinition, files: Readonly<Record<string, string>>) {
  const message = (error as Error).message;
  for (const [option, file] of Object.entries(files)) {
    if (message.includes(option))
      return new UsageError(`${OPTION_FLAGS[option]} ${file}: ${message}`);
  }
  return new UsageError(`metric "${metric.name}": ${message}`);
}

/**
 * Checks the `report` command's arguments and returns its plan.
 *
 * @throws UsageError for every mistake in the arguments, naming the flag.
 */
export async function planReport(
  files: string[],
  options: ReportOptions,
  io: Pick<CliIO, "stdin"> = {},
): Promise<ReportPlan> {
  const input = await planInput(files, options, io);
  try {
    let sessions: InputFile | undefined;
    if (options.sessions !== undefined) {
      if (input.kind !== "tickets") {
        throw new UsageError(
          `--sessions joins self-service sessions with tickets, but ${files[0]} holds ${kindText(input.kind)}`,
        );
      }
      const file = options.sessions;
      sessions = {
        file,
        path: file,
        size: await fileSize(file),
        format: inputFormat(file, undefined),
      };
    }
    return await planMetrics(input, options, sessions);
  } catch (error) {
    await input.cleanup();
    throw error;
  }
}

async function planMetrics(
  input: InputPlan,
  options: ReportOptions,
  sessions: InputFile | undefined,
): Promise<ReportPlan> {
  const format = outputFormatOf(options.format, options.out);

  const settings = await readSettings(options, input.kind);
  const preset = options.preset as Vendor | undefined;
  if (preset !== undefined && !(VENDORS as readonly string[]).includes(preset)) {
    throw new UsageError(`unknown preset "${preset}"; presets: ${VENDORS.join(", ")}`);
  }

  const byNames = options.by === "none" ? [] : list(options.by);
  const periods = byNames.filter((name) => (PERIOD_UNITS as readonly string[]).includes(name));
  if (periods.length > 1) throw new UsageError(`--by takes one period, got ${periods.join(", ")}`);
  const period = periods[0] as PeriodUnit | undefined;
  const fields = RECORD_FIELDS[input.kind].fields;
  const groupable = Object.keys(fields).filter((f) =>
    ["text", "number", "boolean"].includes(fields[f] ?? ""),
  );
  const keys = byNames.filter((name) => !(PERIOD_UNITS as readonly string[]).includes(name));
  for (const key of keys) {
    if (!groupable.includes(key)) {
      throw new UsageError(
        `--by: "${key}" is neither a period (${PERIOD_UNITS.join(", ")}) nor a field of the records (${groupable.join(", ")})`,
      );
    }
  }
  if (sessions !== undefined) {
    // A join within groups: a session and the ticket that follows it must fall in one group,
    // so the keys must be fields of both kinds (source), never of the tickets alone (channel).
    const shared = Object.keys(RECORD_FIELDS[SESSIONS].fields);
    for (const key of keys) {
      if (!shared.includes(key)) {
        throw new UsageError(
          `--by: "${key}" is not a field of self-service sessions, and --sessions joins sessions with tickets within each group; group by a period and fields both have (${groupable.filter((f) => shared.includes(f)).join(", ")})`,
        );
      }
    }
  }
  if ((options.from === undefined) !== (options.to === undefined)) {
    throw new UsageError("--from and --to go together");
  }
  if (options.from !== undefined && period === undefined) {
    throw new UsageError("--from and --to need a period in --by");
  }
  const maxRows = maxRowsOf(options.maxRows);
  const interval = intervalOf(options.interval);
  const change = changeOf(options.change, period);
  if (period !== undefined && options.from !== undefined && options.to !== undefined) {
    checkRangeRows(period, options.from, options.to, input, maxRows);
  }
  // Read as the records' instants are: with an offset, or in --tz (never the host's zone).
  const asOf =
    options.asOf === undefined
      ? undefined
      : readInstantFlag("--as-of", options.asOf, input.timeZone, input.zoneGiven);

  // A metric measured at an instant (a stock) needs a period to measure at the ends of, or
  // --as-of; a metric with a required option needs the flag that supplies it.
  const measurable = (metric: MetricDefinition) =>
    resolveMetric(metric).placement.by !== "stock" || period !== undefined || asOf !== undefined;
  // asOf is always supplied: --as-of, or else the input's latest instant.
  const given = (name: string) =>
    name === "asOf" || (settings as Record<string, unknown>)[name] !== undefined;
  const supplied = (metric: MetricDefinition) => requiredOptions(metric).every(given);
  const warnings: string[] = [];
  let chosen: MetricDefinition[];
  if (options.metrics === undefined) {
    chosen = [
      ...metricsFor(input.kind),
      ...(sessions === undefined ? [] : joinedMetrics(input.kind)),
    ].filter(
      (metric) =>
        measurable(metric) &&
        supplied(metric) &&
        (metric.byDefault || requiredOptions(metric).length > 0),
    );
  } else {
    const names = list(options.metrics);
    if (names.length === 0) throw new UsageError("--metrics must name at least one metric");
    chosen = [];
    for (const name of names) {
      const metric = findMetric(name);
      if (!metric) {
        const known = metricsFor(input.kind).map((m) => m.name);
        throw new UsageError(`unknown metric "${name}"; known metrics: ${known.join(", ")}`);
      }
      if (joinedMetrics(input.kind).includes(metric)) {
        if (sessions === undefined) {
          throw new UsageError(
            `metric "${metric.name}" joins self-service sessions with the ${kindText(input.kind)}: give --sessions FILE`,
          );
        }
      } else if (metric.records !== input.kind) {
        throw new UsageError(`metric "${name}" does not apply to ${kindText(input.kind)}`);
      }
      if (!measurable(metric)) {
        throw new UsageError(
          `metric "${metric.name}" is measured at each period's end: add a period to --by (${PERIOD_UNITS.join(", ")}) or give --as-of`,
        );
      }
      const missing = requiredOptions(metric).find((option) => !given(option));
      if (missing !== undefined) {
        throw new UsageError(
          `metric "${metric.name}" needs ${OPTION_FLAGS[missing] ?? missing}${missing === "policies" ? " FILE (a JSON array of SLA policies)" : ""}; see --help`,
        );
      }
      if (!chosen.includes(metric)) chosen.push(metric);
    }
  }
  for (const key of keys) {
    if (chosen.some((metric) => metric.name === key)) {
      throw new UsageError(`--by: "${key}" is also a metric name`);
    }
  }

  // The files whose content a metric checks, policies first: a policy that needs a schedule
  // is a mistake in the policies (or a missing --schedule), said against the policies file.
  const files_: Record<string, string> = {};
  if (options.policies !== undefined) files_.policies = options.policies;
  if (options.schedule !== undefined) files_.schedule = options.schedule;
  const metrics: PlannedMetric[] = [];
  let needsLatest = false;
  for (const metric of chosen) {
    if (preset !== undefined && Object.keys(metric.vendors).length > 0 && !metric.vendors[preset]) {
      warnings.push(`preset ${preset} has no ${metric.name} metric; left out`);
      continue;
    }
    // A metric that must be judged at an instant (SLA targets) is judged at the input's
    // latest one when --as-of is not given; one that has its own default keeps it.
    const latestNeeded = requiredOptions(metric).includes("asOf") && asOf === undefined;
    const options = {
      ...optionsOf(metric, { ...settings, asOf }, preset),
      ...(interval !== undefined && metric.takesInterval ? { interval: { level: interval } } : {}),
    };
    // Checked now, with a stand-in for the latest instant, so a bad --policies or --schedule
    // is a usage error before any data is read.
    try {
      metric.reducer({ ...options, ...(latestNeeded ? { asOf: 0 } : {}) });
    } catch (error) {
      throw usage(error, metric, files_);
    }
    if (latestNeeded) needsLatest = true;
    metrics.push({
      metric,
      column: metric.name,
      options,
      // Without --as-of, a metric judged at an instant is judged at the input's latest one,
      // known only when the pass is over: the reducer reads it when its result is read.
      reducer: (latest) => metric.reducer(latestNeeded ? { ...options, asOf: latest } : options),
    });
  }
  if (metrics.length === 0) throw new UsageError("no metric left to compute");
  return {
    ...input,
    metrics,
    period,
    keys,
    range:
      options.from !== undefined && options.to !== undefined
        ? { start: options.from, end: options.to }
        : undefined,
    asOf,
    placeBy: placeByOf(options.placeBy),
    maxRows,
    interval,
    change,
    targets: targetsOf(options.target ?? [], metrics, period, input),
    ...(options.schedule === undefined
      ? {}
      : { businessSpan: { asOf: options.policies === undefined ? undefined : asOf } }),
    needsLatest,
    format,
    out: options.out,
    preset,
    policiesFile: options.policies,
    warnings,
    sessions,
  };
}
