/**
 * The `cohorts` command: the cohort triangle of a purchase log or a subscription log
 * (src/economics/cohorts.ts), read from CSV, TSV, NDJSON or JSON files, printed as triangles
 * (a table or Markdown: one row per cohort, one column per period since), or as flat rows
 * (CSV: one line per cell; JSON: the library's rows).
 *
 * Unlike `report` it cannot stream: a triangle row needs each customer's whole history, so the
 * records are held in memory (about 100 bytes a purchase).
 */
import {
  type CohortOptions,
  type CohortRow,
  purchaseCohorts,
  subscriptionCohorts,
} from "../economics/cohorts.ts";
import type { ColumnMapping } from "../node/mapping.ts";
import {
  describeRowRejection,
  type ReadSummary,
  type RecordReader,
  readRecords,
} from "../node/readRecords.ts";
import { ReadError } from "../node/rows.ts";
import type { FileFormat } from "../node/source.ts";
import type { Customer, Purchase } from "../schemas/customer.ts";
import type { SubscriptionChange } from "../schemas/subscription.ts";
import { PERIOD_UNITS, type PeriodUnit } from "../time/period.ts";
import { checkTimeZone } from "../time/zone.ts";
import { type Cell, type Flat, outputFormatOf, toCsv, toMarkdown, toTable } from "./format.ts";
import { fileSize, head, inputFormat, namesIn, readJsonOption } from "./input.ts";
import { readInstantFlag } from "./instant.ts";
import type { CliIO } from "./io.ts";
import { list } from "./plan.ts";
import { writeOutput } from "./summaries.ts";
import { DataError, UsageError } from "./usage.ts";

/** The `cohorts` command's options, as commander gives them. */
export interface CohortsOptions {
  kind?: string;
  period?: string;
  tz?: string;
  asOf?: string;
  customers?: string;
  segment?: boolean;
  measures?: string;
  mapping?: string;
  inputFormat?: string;
  format?: string;
  out?: string;
  strict?: boolean;
  quiet?: boolean;
}

/** The logs a triangle is read from: purchases, or subscription changes. */
export const COHORT_KINDS = ["purchases", "subscriptions"] as const;
type CohortKind = (typeof COHORT_KINDS)[number];

/** What a triangle can show in its cells: a field of {@link CohortRow}. */
export const COHORT_MEASURES = ["customers", "retention", "revenue", "revenueRetention"] as const;
type Measure = (typeof COHORT_MEASURES)[number];

const UNIT_OF: Readonly<Record<Measure, string>> = {
  customers: "count",
  retention: "percent",
  revenue: "money",
  revenueRetention: "percent",
};

/** The kind of the input: `--kind`, else `mrr` among its fields means subscription changes. */
function kindOf(given: string | undefined, names: readonly string[]): CohortKind {
  if (given !== undefined) {
    if (!(COHORT_KINDS as readonly string[]).includes(given)) {
      throw new UsageError(`--kind must be one of ${COHORT_KINDS.join(", ")}, got "${given}"`);
    }
    return given as CohortKind;
  }
  return names.includes("mrr") ? "subscriptions" : "purchases";
}

interface Read<T> {
  records: T[];
  summary: ReadSummary;
}

/** Reads one file whole; a read error is a data error naming the file and line. */
async function readAll<T>(
  file: string,
  open: () => RecordReader<T>,
  io: CliIO,
  options: CohortsOptions,
): Promise<Read<T>> {
  const reader = open();
  let records: T[];
  try {
    records = await reader.toArray();
  } catch (error) {
    if (error instanceof ReadError) {
      const line = error.line === null ? "" : `line ${error.line}: `;
      throw new DataError(`${file}: ${line}${error.message}`);
    }
    throw error;
  }
  const summary = reader.summary;
  if (!options.quiet) {
    io.stderr.write(
      `${file}: ${summary.read} rows read, ${summary.valid} valid, ${summary.rejected} rejected\n`,
    );
    for (const rejection of summary.rejections.slice(0, 5))
      io.stderr.write(`  ${file}: ${describeRowRejection(rejection)}\n`);
  }
  return { records, summary };
}

/**
 * The triangle of one measure: a row per (segment and) cohort with its size, then one column
 * per period since the cohort's own; a cell of a period not yet ended carries no mark, the
 * JSON and CSV say `complete`.
 *
 * @example
 * const row = (periodsSince, customers) => ({ segment: null, cohort: "2024-01", periodsSince, cohortCustomers: 2, customers });
 * triangle([row(0, 2), row(1, 1)], "customers").rows
 * //=> [["2024-01", 2, 2, 1]]
 */
export function triangle(
  rows: readonly Pick<
    CohortRow,
    "segment" | "cohort" | "periodsSince" | "cohortCustomers" | Measure
  >[],
  measure: Measure,
): Flat {
  const segmented = rows.some((row) => row.segment !== null);
  const width = rows.reduce((most, row) => Math.max(most, row.periodsSince + 1), 0);
  const columns = [
    ...(segmented ? ["segment"] : []),
    "cohort",
    "size",
    ...Array.from({ length: width }, (_, k) => String(k)),
  ];
  const units = [
    ...(segmented ? [""] : []),
    "",
    "count",
    ...Array.from({ length: width }, () => UNIT_OF[measure]),
  ];
  const out: Cell[][] = [];
  let current: Cell[] | undefined;
  let key = "";
  for (const row of rows) {
    const rowKey = `${row.segment}\u0000${row.cohort}`;
    if (current === undefined || rowKey !== key) {
      key = rowKey;
      current = [
        ...(segmented ? [row.segment] : []),
        row.cohort,
        row.cohortCustomers,
        ...Array.from({ length: width }, () => null),
      ];
      out.push(current);
    }
    current[(segmented ? 3 : 2) + row.periodsSince] = row[measure];
  }
  return { columns, units, rows: out };
}

/** The flat rows of the CSV output: one line per cell of the triangle. */
function flatRows(rows: readonly CohortRow[]): Flat {
  const columns = [
    "segment",
    "cohort",
    "periodsSince",
    "period",
    "cohortCustomers",
    "customers",
    "retention",
    "revenue",
    "revenueRetention",
    "complete",
  ];
  return {
    columns,
    units: columns.map(() => ""),
    rows: rows.map((row) => [
      row.segment,
      row.cohort,
      row.periodsSince,
      row.period.label,
      row.cohortCustomers,
      row.customers,
      row.retention,
      row.revenue,
      row.revenueRetention,
      String(row.complete),
    ]),
  };
}

function periodOf(value: string | undefined): PeriodUnit {
  const unit = value ?? "month";
  if (!(PERIOD_UNITS as readonly string[]).includes(unit)) {
    throw new UsageError(`--period must be one of ${PERIOD_UNITS.join(", ")}, got "${unit}"`);
  }
  return unit as PeriodUnit;
}

function measuresOf(value: string | undefined): Measure[] {
  const names = value === undefined ? ["customers", "revenue"] : list(value);
  if (names.length === 0) throw new UsageError("--measures must name at least one measure");
  for (const name of names) {
    if (!(COHORT_MEASURES as readonly string[]).includes(name)) {
      throw new UsageError(`--measures must be among ${COHORT_MEASURES.join(", ")}, got "${name}"`);
    }
  }
  return names as Measure[];
}

/**
 * Runs `cohorts` over `files` and returns the exit code: 0, or 2 when no row was valid or
 * rows were rejected under `--strict`.
 *
 * @throws UsageError for a mistake in the arguments, before any row is read.
 */
export async function cohorts(
  files: string[],
  options: CohortsOptions,
  io: CliIO,
): Promise<number> {
  // Every usage check first.
  const timeZone = options.tz === undefined ? undefined : checkZone(options.tz);
  const unit = periodOf(options.period);
  const measures = measuresOf(options.measures);
  const format = outputFormatOf(options.format, options.out);
  if (format === "html")
    throw new UsageError("cohorts: --format must be table, markdown, csv or json, got html");
  if (options.segment && options.customers === undefined) {
    throw new UsageError("--segment reads each customer's segment from --customers FILE");
  }
  const asOf =
    options.asOf === undefined
      ? undefined
      : readInstantFlag("--as-of", options.asOf, timeZone ?? "UTC", timeZone !== undefined);
  let mapping: ColumnMapping | undefined;
  if (options.mapping !== undefined) {
    const json = await readJsonOption(options.mapping, "--mapping");
    if (json === null || typeof json !== "object" || Array.isArray(json)) {
      throw new UsageError(`--mapping ${options.mapping}: must be a JSON object of field → column`);
    }
    mapping = json as ColumnMapping;
  }
  const inputs: { file: string; format: FileFormat }[] = [];
  for (const file of [...files, ...(options.customers === undefined ? [] : [options.customers])]) {
    await fileSize(file);
    inputs.push({ file, format: inputFormat(file, options.inputFormat) });
  }
  const first = inputs[0] as { file: string; format: FileFormat };
  const names = mapping ? Object.keys(mapping) : namesIn(await head(first.file), first.format);
  const kind = kindOf(options.kind, names);

  // Reading.
  const zone = timeZone === undefined ? {} : { timeZone };
  const summaries: ReadSummary[] = [];
  const log: (Purchase | SubscriptionChange)[] = [];
  for (const { file, format } of inputs.slice(0, files.length)) {
    const read = await readAll(
      file,
      () =>
        readRecords(file, {
          kind: kind === "purchases" ? "purchases" : "subscriptionChanges",
          format,
          name: file,
          ...zone,
          ...(mapping === undefined ? {} : { mapping }),
        }) as RecordReader<Purchase | SubscriptionChange>,
      io,
      options,
    );
    summaries.push(read.summary);
    for (const record of read.records) log.push(record);
  }
  const triangleOptions: CohortOptions = { period: unit, timeZone: timeZone ?? "UTC" };
  if (asOf !== undefined) triangleOptions.asOf = asOf;
  if (options.customers !== undefined) {
    const file = options.customers;
    const { format } = inputs[inputs.length - 1] as { format: FileFormat };
    const read = await readAll(
      file,
      () => readRecords(file, { kind: "customers", format, name: file, ...zone }),
      io,
      options,
    );
    summaries.push(read.summary);
    const customers = read.records as Customer[];
    triangleOptions.signups = customers.map((c) => ({ customerId: c.id, signedUpAt: c.startedAt }));
    if (options.segment) {
      const segments = new Map(customers.map((c) => [c.id, c.segment]));
      triangleOptions.segmentOf = (id) => segments.get(id) ?? null;
    }
  }
  const read = summaries.reduce((n, s) => n + s.read, 0);
  const valid = summaries.reduce((n, s) => n + s.valid, 0);
  const rejected = summaries.reduce((n, s) => n + s.rejected, 0);
  if (options.strict && rejected > 0) {
    io.stderr.write(
      `support-metrics: ${rejected} of ${read} rows rejected (--strict); no triangle written\n`,
    );
    return 2;
  }
  if (read > 0 && valid === 0) {
    io.stderr.write(`support-metrics: none of the ${read} rows read is valid; nothing to report\n`);
    return 2;
  }
  const rows =
    kind === "purchases"
      ? purchaseCohorts(log as Purchase[], triangleOptions)
      : subscriptionCohorts(log as SubscriptionChange[], triangleOptions);

  // Writing.
  let text: string;
  if (format === "json") {
    const meta = {
      kind,
      period: unit,
      timeZone: timeZone ?? "UTC",
      files,
      ...(options.customers === undefined ? {} : { customers: options.customers }),
      ...(asOf === undefined ? {} : { asOf: new Date(asOf).toISOString() }),
    };
    text = `${JSON.stringify({ meta, rows, summary: { read, valid, rejected } }, null, 2)}\n`;
  } else if (format === "csv") {
    text = toCsv(flatRows(rows));
  } else {
    const render = format === "markdown" ? toMarkdown : toTable;
    text = measures
      .map(
        (measure) =>
          `${format === "markdown" ? "### " : ""}${measure} by ${unit}s since the cohort's\n\n${render(triangle(rows, measure))}`,
      )
      .join("\n");
  }
  await writeOutput(text, options.out, options.quiet === true, io);
  return 0;
}

function checkZone(tz: string): string {
  try {
    return checkTimeZone(tz, "--tz");
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
