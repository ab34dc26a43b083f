/**
 * Benchmark (issue 6, part a): read and validate tickets and survey responses, in memory and
 * from NDJSON and CSV files, with the library and with a hand-written validator
 * (bench/baselines/validator.ts) that returns the same records and the same per-record
 * issues. Every comparison is checked; any disagreement prints the differences and exits 1.
 *
 *   npx tsx bench/validate.bench.ts               # 100,000 tickets, 30,000 surveys, 5 rounds
 *   npx tsx bench/validate.bench.ts 1000000       # size as the first argument
 *   BENCH_ROUNDS=3 BENCH_SEED=7 BENCH_KEEP=1 npx tsx bench/validate.bench.ts 1000000
 *
 * Data: `generateTickets(size, seed)` and `generateSurveys(0.3 × size, seed)` (bench/generate.ts),
 * of which about 1 % are then broken on purpose, seeded (missing id, unreadable or impossible
 * timestamp, first response before creation, negative or fractional count, channel of the
 * wrong type, unknown status...; for surveys unknown kind, score out of scale, scored without
 * a response time...). A fixed corpus of edge cases is checked first, so the baseline is known
 * to say what the library says beyond the generated breakages.
 *
 * 1. In memory: `validateTickets(raw)` and `validateSurveyResponses(raw)` against
 *    `validateTicketsByHand` / `validateSurveysByHand` over the same raw arrays, interleaved
 *    (the order alternates each round), a forced GC before each run. Checked every round: the
 *    same accepted count, the same rejected indices with the same issues (path and message,
 *    every issue), and accepted records deep-equal (`isDeepStrictEqual`, Dates compared by
 *    time) for every 997th accepted record.
 * 2. From files: the same records written once as NDJSON and as CSV (a header and one column
 *    per flat field; `null` as an empty cell) to a temp dir, then read and validated to the
 *    end by `readTickets(path)` / `readSurveyResponses(path)` from src/node, and by the
 *    hand-written readers: NDJSON with node:readline + JSON.parse, CSV with csv-parse
 *    (`columns: true`) + the cell conversion of src/node/mapping.ts, both followed by the
 *    hand-written checks. Each measurement is a child process (`process.execPath` with this
 *    process's tsx loader flags, as bench/stream.bench.ts does), so that peak RSS
 *    (`process.resourceUsage().maxRSS`, read in the child) is that read's own; a child that
 *    only loads the modules gives the floor. The time is measured inside the child, from
 *    opening the file to the last record, without process start-up. The library keeps every
 *    rejection (`maxRejections` raised from its default 10,000) as the baseline does, so that
 *    both can be compared in full: counts, every rejection (index, path, message, issues)
 *    and every 997th accepted record, every round.
 *
 * The CSV holds text, so some breakages are not errors there (`42` is a fine channel name,
 * `true` a fine id): each format has its own rejected count, and library and baseline must
 * agree on it.
 */
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import {
  type SurveyResponse,
  type Ticket,
  validateSurveyResponses,
  validateTickets,
} from "../src/index.ts";
import { readSurveyResponses, readTickets } from "../src/node/index.ts";
import {
  checkSurvey,
  checkTicket,
  type HandIssue,
  readCsvByHand,
  readNdjsonByHand,
  surveyFromCells,
  ticketFromCells,
  validateSurveysByHand,
  validateTicketsByHand,
} from "./baselines/validator.ts";
import { median, readCount } from "./common.ts";
import { generateSurveys, generateTickets, mulberry32 } from "./generate.ts";

const MB = 1024 * 1024;
/** Accepted records compared field by field: every SAMPLE-th (a prime, so no period aliases). */
const SAMPLE = 997;

const fmt = (n: number) => n.toLocaleString("en");
const ms = (v: number) => `${v.toFixed(0)} ms`;
const mb = (bytes: number, digits = 0) => `${(bytes / MB).toFixed(digits)} MB`;
const perSecond = (n: number, millis: number) => fmt(Math.round((n / millis) * 1000));
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

// ---------------------------------------------------------------------------------------
// Breaking records on purpose

type Raw = Record<string, unknown>;
type Breakage = readonly [name: string, apply: (record: Raw) => void];

const HOUR = 3_600_000;
/** An ISO timestamp moved by `delta` ms (the generator writes ISO strings by default). */
function shift(value: unknown, delta: number): string {
  return new Date(Date.parse(String(value)) + delta).toISOString();
}

const TICKET_BREAKAGES: readonly Breakage[] = [
  ["missing id", (t) => delete t.id],
  ["id of the wrong type (true)", (t) => (t.id = true)],
  ["unreadable createdAt", (t) => (t.createdAt = "01/03/2024 09:00")],
  ["impossible createdAt (Feb 29, 2023)", (t) => (t.createdAt = "2023-02-29T10:00:00Z")],
  ["firstResponseAt without offset", (t) => (t.firstResponseAt = "2024-03-01T09:30:00")],
  ["firstResponseAt before createdAt", (t) => (t.firstResponseAt = shift(t.createdAt, -HOUR))],
  [
    "lastResolvedAt before firstResolvedAt",
    (t) => {
      t.firstResolvedAt = shift(t.createdAt, 2 * HOUR);
      t.lastResolvedAt = shift(t.createdAt, HOUR);
    },
  ],
  ["negative reopenCount", (t) => (t.reopenCount = -1)],
  ["fractional agentReplyCount", (t) => (t.agentReplyCount = 1.5)],
  ["channel of the wrong type (42)", (t) => (t.channel = 42)],
  ["unknown status", (t) => (t.status = "archived")],
  ["escalated as text", (t) => (t.escalated = "maybe")],
  ["handleSeconds as text", (t) => (t.handleSeconds = "12.5s")],
  [
    "three problems at once",
    (t) => {
      t.createdAt = "yesterday";
      t.channel = 7;
      t.reopenCount = -2;
    },
  ],
];

const SURVEY_BREAKAGES: readonly Breakage[] = [
  ["missing id", (s) => delete s.id],
  ["unknown kind", (s) => (s.kind = "stars")],
  [
    "score out of scale (11)",
    (s) => {
      s.score = 11;
      s.respondedAt ??= shift(s.sentAt, HOUR);
    },
  ],
  [
    "score as text",
    (s) => {
      s.score = "4";
      s.respondedAt ??= shift(s.sentAt, HOUR);
    },
  ],
  [
    "scored without respondedAt",
    (s) => {
      s.score = 3;
      s.respondedAt = null;
    },
  ],
  ["respondedAt before sentAt", (s) => (s.respondedAt = shift(s.sentAt, -HOUR))],
  ["impossible sentAt (Feb 30)", (s) => (s.sentAt = "2024-02-30T10:00:00Z")],
];

/** Breaks about 1 % of the records in place, seeded; returns how many of each breakage. */
function breakSome(
  records: Raw[],
  breakages: readonly Breakage[],
  seed: number,
): Map<string, number> {
  const random = mulberry32(seed);
  const counts = new Map<string, number>();
  for (const record of records) {
    if (random() >= 0.01) continue;
    const [name, apply] = breakages[Math.floor(random() * breakages.length)] as Breakage;
    apply(record);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

// ---------------------------------------------------------------------------------------
// Agreement

/**
 * What is compared of an answer: the accepted count, every rejection, and every `every`-th
 * accepted record. Only this is kept of a run, so the next run starts on the same heap.
 */
interface Digest {
  accepted: number;
  rejected: readonly { index: number; issues: readonly HandIssue[] }[];
  sample: readonly unknown[];
  every: number;
}

/** Issues as compared: path and message (the baseline does not reproduce Zod's codes). */
const plain = (issues: readonly HandIssue[]) =>
  issues.map((issue) => ({ path: issue.path, message: issue.message }));

function digest(
  answer: { records: readonly unknown[]; rejected: Digest["rejected"] },
  every = SAMPLE,
): Digest {
  const sample: unknown[] = [];
  for (let k = 0; k < answer.records.length; k += every) sample.push(answer.records[k]);
  return { accepted: answer.records.length, rejected: answer.rejected, sample, every };
}

/** What differs between the library's and the baseline's answer, as lines to print. */
function differences(library: Digest, baseline: Digest): string[] {
  const out: string[] = [];
  if (library.accepted !== baseline.accepted) {
    out.push(`accepted: library ${library.accepted}, baseline ${baseline.accepted}`);
  }
  const mine = new Map(baseline.rejected.map((r) => [r.index, plain(r.issues)]));
  const theirs = new Map(library.rejected.map((r) => [r.index, plain(r.issues)]));
  for (const [index, issues] of theirs) {
    const other = mine.get(index);
    if (!other) {
      out.push(`record ${index}: library rejects ${JSON.stringify(issues[0])}, baseline accepts`);
    } else if (!isDeepStrictEqual(issues, other)) {
      out.push(
        `record ${index}: library ${JSON.stringify(issues)}, baseline ${JSON.stringify(other)}`,
      );
    }
  }
  for (const [index, issues] of mine) {
    if (!theirs.has(index)) {
      out.push(`record ${index}: baseline rejects ${JSON.stringify(issues[0])}, library accepts`);
    }
  }
  // With the same rejections, the k-th accepted record is the same input record in both.
  if (out.length === 0) {
    library.sample.forEach((record, k) => {
      if (!isDeepStrictEqual(record, baseline.sample[k])) {
        out.push(
          `accepted record #${k * library.every}: library ${JSON.stringify(record)}, baseline ${JSON.stringify(baseline.sample[k])}`,
        );
      }
    });
  }
  return out;
}

function fail(what: string, found: readonly string[]): never {
  console.error(`bench: ${what}: library and baseline disagree (${found.length} differences):`);
  for (const line of found.slice(0, 20)) console.error(`  ${line}`);
  process.exit(1);
}

/**
 * Edge cases beyond the generated breakages: every field type wrong, bounds, timestamp
 * grammar (fractions, offsets, 24:00, leap days, padding), record-level checks. Not in it: a
 * timestamp cut inside its minutes ("2024-03-01T10:1"), where the library's scanner is wrong
 * (see bench/baselines/validator.ts).
 */
function edgeCases(): { tickets: unknown[]; surveys: unknown[] } {
  const t = { id: "T1", createdAt: "2024-03-01T09:00:00Z" };
  /** Tickets that differ from `t` in one field, one per value. */
  const vary = (field: string, values: unknown[]) =>
    values.map((value) => ({ ...t, [field]: value }));
  class Thing {}
  const text = "x".repeat(1025);
  const tickets: unknown[] = [
    ...[{}, null, 5, "text", [], undefined, new Date(0), Object.create(null)],
    ...vary("id", [undefined, "", true, null, Number.NaN, Number.POSITIVE_INFINITY, -Infinity]),
    ...vary("id", [12.5, {}, [], text, 5n]),
    ...vary("createdAt", [undefined, null, true, "nope", "2024-02-30T00:00:00Z", 1e20, 0]),
    ...vary("createdAt", [new Date(Number.NaN), new Date(5), [], {}, 5n, Symbol("s")]),
    ...vary("createdAt", ["2024-03-01T09:00:00", "2024-03-01T09:00:00+25:00", "2024-03-01"]),
    ...vary("createdAt", [
      "2024-03-01T24:00:00Z",
      "2024-03-01T24:00:01Z",
      "2024-03-01T24:00:00.001Z",
    ]),
    ...vary("createdAt", [" 2024-03-01T09:00:00Z ", "2024-03-01Z", "2024-03-01 Z", "x".repeat(90)]),
    ...vary("createdAt", [`${" ".repeat(85)}2024-03-01Z`, "2024-03-01T10:00:00.1235Z"]),
    ...vary("createdAt", ["2024-03-01T10:00:00,9996+01:00", "2024-03-01T10:00:00.1234567891Z"]),
    ...vary("createdAt", ["2024-03-01T10:00:00 +01", "2024-03-01T10:00:00+0130"]),
    ...vary("createdAt", ["2024-03-01T10:00:00+01:3", "2024-03-01T10:00+24:00"]),
    ...vary("createdAt", ["2024-13-01T10:00:00+25:00", "2024-13-01T10:00:00Z"]),
    ...vary("createdAt", ["2023-02-29T10:00:00Z", "2024-02-29t10:00z", "1900-02-29T10:00:00Z"]),
    ...vary("createdAt", ["2000-02-29T10:00:00-05:30", "0050-06-01T00:00:00Z"]),
    ...vary("createdAt", ["2024-03-01T10:00:60Z", "2024-03-01T10:60Z", "2024-03-01T10Z"]),
    ...vary("createdAt", ["2024-03-01T10:00:00.Z", "2024-03-01T10:00:00Zx", "2024-3-01T10:00Z"]),
    ...vary("createdAt", ["+2024-03-01T10:00Z", "2024-03-01T10:00:00-00:00 "]),
    ...vary("channel", [5, true, null, {}, text, "  ", " chat ", -Infinity, new Thing()]),
    ...vary("channel", [() => 1, Object.create(null)]),
    ...vary("status", ["bogus", 3, null, "onHold"]),
    ...vary("assigneeId", [true, Number.NaN, {}, text, 7, ""]),
    ...vary("firstResponseAt", ["2024-02-01T00:00:00Z", false, Number.NaN, ""]),
    ...vary("reopenCount", [-1, 1.5, "2", Number.NaN, Number.POSITIVE_INFINITY, -Infinity]),
    ...vary("reopenCount", [-1.5, 2 ** 60, -(2 ** 60), null, 3, 5n]),
    ...vary("handleSeconds", [-1, Number.NaN, Number.POSITIVE_INFINITY, "5", 12.5]),
    ...vary("escalated", ["yes", null, new Date(0)]),
    ...vary("tags", ["a", [1], [text], null, ["a", "b"], [...Array(1001).fill("a"), 3]]),
    ...vary("category", [1]),
    ...vary("messages", ["x", null]),
    ...vary("statusChanges", [4]),
    ...vary("extra", [1]),
    { ...t, firstResolvedAt: "2024-03-02T00:00:00Z", lastResolvedAt: "2024-03-01T10:00:00Z" },
    ...vary("closedAt", ["2024-02-02T00:00:00Z", "2024-03-05T00:00:00Z"]),
    ...vary("lastResolvedAt", ["2024-03-05T00:00:00Z"]),
    { ...t, status: "solved", firstResolvedAt: "2024-03-03T00:00:00Z" },
    { ...t, firstResolvedAt: "2024-02-02T00:00:00Z", closedAt: "2024-02-01T00:00:00Z" },
    { id: 1, createdAt: "bad", channel: 3, reopenCount: -1 },
    {
      ...t,
      firstCustomerMessageAt: "2020-01-01T00:00:00Z",
      firstResponseAt: "2020-01-01T00:00:00Z",
      firstResolvedAt: "2020-01-01T00:00:00Z",
      lastResolvedAt: "2019-01-01T00:00:00Z",
      closedAt: "2020-01-01T00:00:00Z",
    },
    { ...t, firstResponseAt: "2020-01-01T00:00:00Z", reopenCount: -1 },
  ];
  const s = { id: "S1", kind: "nps", score: 9, respondedAt: "2024-03-01T10:00:00Z" };
  const scored = (field: string, values: unknown[]) =>
    values.map((value) => ({ ...s, score: 1, [field]: value }));
  const surveys: unknown[] = [
    ...[{}, null, [], undefined, { id: 1 }, { ...s, kind: "x" }, { ...s, kind: 3 }],
    ...[11, -1, "5", Number.NaN, Number.POSITIVE_INFINITY, 5.5, -0.5, null].map((score) => ({
      ...s,
      score,
    })),
    { ...s, respondedAt: undefined },
    { ...s, score: null, respondedAt: undefined },
    { ...s, score: null, respondedAt: undefined, sentAt: "2024-03-01T09:00:00Z" },
    { ...s, sentAt: "2024-03-01T11:00:00Z" },
    { ...s, respondedAt: "bad", channel: 4 },
    ...scored("scale", [{ min: 0, max: 0 }, { min: 0.5, max: 1 }, "x", { min: "a" }, []]),
    ...scored("scale", [{ min: 0, max: 10, x: 1 }, { min: 3, max: 2 }, { min: 0, max: 1 }, null]),
    ...scored("scale", [{ min: 2 ** 60, max: -(2 ** 60) }]),
    {
      id: "S2",
      kind: "ces",
      score: null,
      sentAt: "2024-01-01T00:00:00Z",
      respondedAt: null,
      ticketId: 5,
      customerId: "",
      agentId: null,
      channel: " web ",
    },
  ];
  return { tickets, surveys };
}

/**
 * CSV cells beyond the generated ones: padding, empty cells, decimal commas, booleans in other
 * words, lists, JSON cells, digits-only timestamps, a cell that cannot be read next to a
 * record-level problem (both are reported, the cell's first).
 */
const EDGE_TICKET_CSV = [
  "id,createdAt,channel,status,reopenCount,handleSeconds,escalated,tags,firstResponseAt,closedAt,messages",
  'T1, 2024-03-01T09:00:00Z ,  chat ,open, 2 ,30.5,Yes,"a, b,,c",,,',
  ",2024-03-01T09:00:00Z,,,,,,,,,",
  "T3,1709283600000,,,,,,,,,",
  'T4,2024-03-01T09:00:00Z,,,"1,5",,,,,,',
  "T5,2024-03-01T09:00:00Z,,,NaN,-1,,,,,",
  "T6,2024-03-01T09:00:00Z,,,,,maybe,,,,",
  "T7,not a date,,,x,,,,,,",
  "T8,2024-03-01T09:00:00Z,,,,abc,,,2024-03-01T08:00:00Z,,",
  "T9,2024-03-01T09:00:00Z,,,,,,,,,{oops",
  "T10,2024-03-01T09:00:00Z,, solved,,,,,,,",
  "T11,2024-03-01T09:00:00Z,,,-1,,N,,,,",
  "T12,2024-03-01T09:00:00Z,,,1e3,+.5,0,,,,",
  "T13,2024-03-01T09:00:00Z,,,0x10,,,,,2024-03-02 10:00,",
  "T14,2024-03-01T09:00:00Z,,,,,,,,2024-03-02T10:00:00+01:00,null",
  "T15,2024-03-01T09:00:00Z,,,,,,,,2024-02-02T10:00:00Z,",
];
const EDGE_SURVEY_CSV = [
  "id,kind,score,scale,sentAt,respondedAt,channel",
  'S1,csat,1,"{""min"":0,""max"":1}",,2024-03-01T10:00:00Z, web ',
  "S2,csat,1,{bad,,2024-03-01T10:00:00Z,",
  "S3,nps,,,2024-03-01T10:00:00Z,,",
  "S4,nps,abc,,,2024-03-01T10:00:00Z,",
  "S5,,5,,,2024-03-01T10:00:00Z,",
  "S6,ces,8,,2024-03-01T11:00:00Z,2024-03-01T10:00:00Z,",
  'S7,nps,"9,5",,,2024-03-01T10:00:00Z,',
];

/** Reads small CSV files with the library and the baseline and returns what differs. */
async function edgeCsvDifferences(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "support-metrics-validate-edge-"));
  try {
    const out: string[] = [];
    for (const [kind, lines] of [
      ["tickets", EDGE_TICKET_CSV],
      ["surveys", EDGE_SURVEY_CSV],
    ] as const) {
      const file = join(dir, `${kind}.csv`);
      writeLines(file, lines);
      // The hand validator keeps repeated ids: so does the reader here (duplicates: "allow").
      const allow = { duplicates: "allow" } as const;
      const reader =
        kind === "tickets" ? readTickets(file, allow) : readSurveyResponses(file, allow);
      const records: unknown[] = await reader.toArray();
      const mine: unknown[] = [];
      const hand =
        kind === "tickets"
          ? await readCsvByHand(file, ticketFromCells, (r) => mine.push(r))
          : await readCsvByHand(file, surveyFromCells, (r) => mine.push(r));
      const found = differences(
        digest({ records, rejected: reader.summary.rejections }, 1),
        digest({ records: mine, rejected: hand.rejected }, 1),
      );
      if (reader.summary.read !== hand.read)
        found.push(`read ${reader.summary.read} vs ${hand.read}`);
      out.push(...found.map((line) => `${kind}.csv: ${line}`));
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------
// Files

const TICKET_COLUMNS = [
  "id",
  "createdAt",
  "channel",
  "priority",
  "status",
  "assigneeId",
  "groupId",
  "customerId",
  "firstResponseAt",
  "firstResolvedAt",
  "lastResolvedAt",
  "closedAt",
  "reopenCount",
  "agentReplyCount",
  "handleSeconds",
  "escalated",
  "category",
];
const SURVEY_COLUMNS = [
  "id",
  "kind",
  "score",
  "sentAt",
  "respondedAt",
  "ticketId",
  "customerId",
  "agentId",
  "channel",
];

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Writes lines to a file in chunks of about 1 MB; returns the bytes written. */
function writeLines(path: string, lines: Iterable<string>): number {
  const fd = openSync(path, "w");
  let chunk = "";
  let bytes = 0;
  try {
    for (const line of lines) {
      chunk += `${line}\n`;
      if (chunk.length > MB) {
        bytes += writeSync(fd, chunk);
        chunk = "";
      }
    }
    bytes += writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

function* ndjsonLines(records: readonly Raw[]): Generator<string> {
  for (const record of records) yield JSON.stringify(record);
}

function* csvLines(records: readonly Raw[], columns: readonly string[]): Generator<string> {
  yield columns.join(",");
  for (const record of records) yield columns.map((c) => csvCell(record[c])).join(",");
}

type Kind = "tickets" | "surveys";
type Format = "ndjson" | "csv";
type Engine = "library" | "baseline";

/** What a child prints on its last line. */
interface ChildReport {
  ms: number;
  read: number;
  valid: number;
  rejected: number;
  peakRss: number;
}

/** What a child leaves for the comparison: counts, every rejection, sampled records. */
interface ChildAnswer {
  read: number;
  valid: number;
  rejected: { index: number; path: (string | number)[]; message: string; issues: HandIssue[] }[];
  sample: unknown[];
}

/** JSON of a record with Dates marked, so that a Date and its ISO string do not compare equal. */
function serialize(record: unknown): unknown {
  return JSON.parse(
    JSON.stringify(record, function (this: Record<string, unknown>, key, value) {
      const original = this[key];
      return original instanceof Date ? { $date: original.getTime() } : value;
    }),
  );
}

/** Runs in a child process: reads one file to the end with one engine. */
async function child(engine: Engine, kind: Kind, format: Format, file: string, out: string) {
  const sample: unknown[] = [];
  let valid = 0;
  const each = (record: unknown) => {
    if (valid++ % SAMPLE === 0) sample.push(record);
  };
  let answer: Omit<ChildAnswer, "sample">;
  const started = performance.now();
  if (engine === "library") {
    // Every rejection kept (the default keeps 10,000), as the baseline keeps them; repeated
    // ids kept too (the baseline does not look for them; keep-last would read the file twice).
    const options = { maxRejections: Number.MAX_SAFE_INTEGER, duplicates: "allow" } as const;
    const reader =
      kind === "tickets" ? readTickets(file, options) : readSurveyResponses(file, options);
    for await (const record of reader) each(record);
    const { summary } = reader;
    answer = {
      read: summary.read,
      valid: summary.valid,
      rejected: summary.rejections.map((r) => ({
        index: r.index,
        path: r.path,
        message: r.message,
        issues: plain(r.issues),
      })),
    };
  } else if (format === "ndjson") {
    answer = await readNdjsonByHand<Ticket | SurveyResponse>(
      file,
      kind === "tickets" ? checkTicket : checkSurvey,
      each,
    );
  } else {
    answer = await readCsvByHand<Ticket | SurveyResponse>(
      file,
      kind === "tickets" ? ticketFromCells : surveyFromCells,
      each,
    );
  }
  const elapsed = performance.now() - started;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const written: ChildAnswer = { ...answer, sample: sample.map(serialize) };
  writeLines(out, [JSON.stringify(written)]);
  const report: ChildReport = {
    ms: elapsed,
    read: answer.read,
    valid: answer.valid,
    rejected: answer.rejected.length,
    peakRss,
  };
  console.log(JSON.stringify(report));
}

function spawnChild(args: string[]): ChildReport {
  const self = fileURLToPath(import.meta.url);
  const result = spawnSync(process.execPath, [...process.execArgv, self, "--child", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
    maxBuffer: 64 * MB,
  });
  if (result.status !== 0) {
    console.error(result.stdout);
    throw new Error(`bench: child ${args.join(" ")} failed with status ${result.status}`);
  }
  return JSON.parse(result.stdout.trim().split("\n").at(-1) as string) as ChildReport;
}

/** Differences between two children's answers for the same file. */
function answerDifferences(libraryFile: string, baselineFile: string): string[] {
  const library = JSON.parse(readFileSync(libraryFile, "utf8")) as ChildAnswer;
  const baseline = JSON.parse(readFileSync(baselineFile, "utf8")) as ChildAnswer;
  const out: string[] = [];
  if (library.read !== baseline.read) out.push(`read: ${library.read} vs ${baseline.read}`);
  out.push(
    ...differences(
      {
        accepted: library.valid,
        rejected: library.rejected,
        sample: library.sample,
        every: SAMPLE,
      },
      {
        accepted: baseline.valid,
        rejected: baseline.rejected,
        sample: baseline.sample,
        every: SAMPLE,
      },
    ),
  );
  return out;
}

// ---------------------------------------------------------------------------------------
// The parent

interface Row {
  label: string;
  records: number;
  times: number[];
  rss?: number[];
  /** The row this one is compared with (the baseline of a library row). */
  versus?: Row;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === "--child") {
    const [, engine, kind, format, file, out] = argv as [
      string,
      Engine,
      Kind,
      Format,
      string,
      string,
    ];
    if ((engine as string) === "none") {
      console.log(
        JSON.stringify({
          ms: 0,
          read: 0,
          valid: 0,
          rejected: 0,
          peakRss: process.resourceUsage().maxRSS * 1024,
        }),
      );
      return;
    }
    await child(engine, kind, format, file, out);
    return;
  }

  const size = readCount("size", argv[0] ?? process.env.BENCH_SIZE, 100_000);
  const surveyCount = Math.max(1, Math.round(size * 0.3));
  const seed = readCount("seed", process.env.BENCH_SEED, 42);
  const rounds = readCount("rounds", process.env.BENCH_ROUNDS, 5);
  const keep = process.env.BENCH_KEEP === "1";
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const cpu = cpus();
  console.log(
    `validation benchmark: ${fmt(size)} tickets, ${fmt(surveyCount)} surveys, seed ${seed}, ${rounds} rounds`,
  );
  console.log(
    `machine: ${cpu.length} × ${cpu[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, load ${load()}`,
  );

  // The edge corpus first: a baseline that says something else there is not a baseline.
  const edge = edgeCases();
  const edgeTickets = differences(
    digest(validateTickets(edge.tickets), 1),
    digest(validateTicketsByHand(edge.tickets), 1),
  );
  if (edgeTickets.length > 0) fail("edge-case tickets", edgeTickets);
  const edgeSurveys = differences(
    digest(validateSurveyResponses(edge.surveys), 1),
    digest(validateSurveysByHand(edge.surveys), 1),
  );
  if (edgeSurveys.length > 0) fail("edge-case surveys", edgeSurveys);
  const edgeCsv = await edgeCsvDifferences();
  if (edgeCsv.length > 0) fail("edge-case CSV cells", edgeCsv);
  console.log(
    `edge cases: ${edge.tickets.length} tickets, ${edge.surveys.length} surveys, ${EDGE_TICKET_CSV.length + EDGE_SURVEY_CSV.length - 2} CSV rows: same answers`,
  );

  let started = performance.now();
  const tickets = generateTickets(size, seed) as unknown as Raw[];
  const surveys = generateSurveys(surveyCount, seed, { ticketCount: size }) as unknown as Raw[];
  const generated = performance.now() - started;
  const ticketBreaks = breakSome(tickets, TICKET_BREAKAGES, seed * 31 + 1);
  const surveyBreaks = breakSome(surveys, SURVEY_BREAKAGES, seed * 31 + 2);
  const show = (counts: Map<string, number>) =>
    [...counts].map(([name, n]) => `${name} ${n}`).join(", ");
  console.log(`generated in ${ms(generated)}`);
  console.log(`tickets broken: ${show(ticketBreaks)}`);
  console.log(`surveys broken: ${show(surveyBreaks)}`);

  // 1. In memory.
  const libTickets: Row = {
    label: "in memory, tickets: validateTickets",
    records: size,
    times: [],
  };
  const handTickets: Row = { label: "in memory, tickets: hand-written", records: size, times: [] };
  const libSurveys: Row = {
    label: "in memory, surveys: validateSurveyResponses",
    records: surveyCount,
    times: [],
  };
  const handSurveys: Row = {
    label: "in memory, surveys: hand-written",
    records: surveyCount,
    times: [],
  };
  libTickets.versus = handTickets;
  libSurveys.versus = handSurveys;
  /** Times one run after a forced GC and keeps only its digest. */
  const time = (
    row: Row,
    run: () => { records: readonly unknown[]; rejected: Digest["rejected"] },
  ): Digest => {
    gc();
    const t0 = performance.now();
    const answer = run();
    row.times.push(performance.now() - t0);
    return digest(answer);
  };
  let ticketRejected = 0;
  let surveyRejected = 0;
  for (let round = 1; round <= rounds; round++) {
    // Alternate who goes first, so that neither always runs right after the other's garbage.
    const pairs = [
      [
        libTickets,
        () => validateTickets(tickets),
        handTickets,
        () => validateTicketsByHand(tickets),
      ],
      [
        libSurveys,
        () => validateSurveyResponses(surveys),
        handSurveys,
        () => validateSurveysByHand(surveys),
      ],
    ] as const;
    for (const [libRow, libRun, handRow, handRun] of pairs) {
      let lib: Digest | undefined;
      if (round % 2 === 1) lib = time(libRow, libRun);
      const hand = time(handRow, handRun);
      lib ??= time(libRow, libRun);
      const found = differences(lib, hand);
      if (found.length > 0) fail(`${libRow.label}, round ${round}`, found);
      if (libRow === libTickets) ticketRejected = hand.rejected.length;
      else surveyRejected = hand.rejected.length;
    }
    console.log(
      `round ${round} in memory: tickets library ${ms(libTickets.times.at(-1) as number)}, baseline ${ms(handTickets.times.at(-1) as number)}; surveys library ${ms(libSurveys.times.at(-1) as number)}, baseline ${ms(handSurveys.times.at(-1) as number)}`,
    );
  }
  const memoryRss = process.resourceUsage().maxRSS * 1024;
  console.log(
    `in memory: agreement every round; rejected ${fmt(ticketRejected)} tickets, ${fmt(surveyRejected)} surveys; peak RSS of this process so far ${mb(memoryRss)}`,
  );

  // 2. From files.
  const dir = mkdtempSync(join(tmpdir(), "support-metrics-validate-"));
  const rows: Row[] = [libTickets, handTickets, libSurveys, handSurveys];
  const rejectedIn: string[] = [];
  try {
    started = performance.now();
    const files = {
      tickets: {
        ndjson: join(dir, "tickets.ndjson"),
        csv: join(dir, "tickets.csv"),
      },
      surveys: {
        ndjson: join(dir, "surveys.ndjson"),
        csv: join(dir, "surveys.csv"),
      },
    };
    const bytes = [
      writeLines(files.tickets.ndjson, ndjsonLines(tickets)),
      writeLines(files.tickets.csv, csvLines(tickets, TICKET_COLUMNS)),
      writeLines(files.surveys.ndjson, ndjsonLines(surveys)),
      writeLines(files.surveys.csv, csvLines(surveys, SURVEY_COLUMNS)),
    ];
    console.log(
      `files written in ${ms(performance.now() - started)} to ${dir}${keep ? " (kept)" : ""}: tickets NDJSON ${mb(bytes[0] as number, 1)}, CSV ${mb(bytes[1] as number, 1)}; surveys NDJSON ${mb(bytes[2] as number, 1)}, CSV ${mb(bytes[3] as number, 1)}`,
    );
    // The raw arrays are not needed any more: the children read the files.
    tickets.length = 0;
    surveys.length = 0;
    gc();

    const floor = spawnChild(["none", "tickets", "ndjson", "-", "-"]);
    const floorRow: Row = {
      label: "child process start-up (modules loaded, nothing read)",
      records: 0,
      times: [],
      rss: [floor.peakRss],
    };

    const readers: { kind: Kind; format: Format; library: Row; baseline: Row }[] = [];
    for (const kind of ["tickets", "surveys"] as const) {
      for (const format of ["ndjson", "csv"] as const) {
        const records = kind === "tickets" ? size : surveyCount;
        const name = format === "ndjson" ? "NDJSON" : "CSV";
        const library: Row = {
          label: `${name} ${kind}: ${kind === "tickets" ? "readTickets" : "readSurveyResponses"}`,
          records,
          times: [],
          rss: [],
        };
        const baseline: Row = {
          label: `${name} ${kind}: hand-written (${format === "ndjson" ? "readline + JSON.parse" : "csv-parse"})`,
          records,
          times: [],
          rss: [],
        };
        library.versus = baseline;
        readers.push({ kind, format, library, baseline });
      }
    }
    for (let round = 1; round <= rounds; round++) {
      const parts: string[] = [];
      for (const { kind, format, library, baseline } of readers) {
        const file = files[kind][format];
        const outputs = {
          library: join(dir, `library-${kind}-${format}.json`),
          baseline: join(dir, `baseline-${kind}-${format}.json`),
        };
        const order: Engine[] = round % 2 === 1 ? ["library", "baseline"] : ["baseline", "library"];
        for (const engine of order) {
          const report = spawnChild([engine, kind, format, file, outputs[engine]]);
          const row = engine === "library" ? library : baseline;
          row.times.push(report.ms);
          row.rss?.push(report.peakRss);
          if (round === 1 && engine === "library") {
            rejectedIn.push(`${format} ${kind} ${fmt(report.rejected)}`);
          }
        }
        const found = answerDifferences(outputs.library, outputs.baseline);
        if (found.length > 0) fail(`${format} ${kind}, round ${round}`, found);
        parts.push(
          `${format} ${kind} ${ms(library.times.at(-1) as number)} / ${ms(baseline.times.at(-1) as number)}`,
        );
      }
      console.log(`round ${round} files (library / baseline): ${parts.join(", ")}`);
    }
    console.log(`files: agreement every round; rejected rows: ${rejectedIn.join(", ")}`);
    rows.push(floorRow);
    for (const { library, baseline } of readers) rows.push(library, baseline);
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }

  console.log("");
  console.log(
    "| step | records | min | median | records/s (median) | library / baseline (min, median) | peak RSS |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const row of rows) {
    const timed = row.times.length > 0;
    const ratio = row.versus
      ? `${(Math.min(...row.times) / Math.min(...row.versus.times)).toFixed(2)}, ${(median(row.times) / median(row.versus.times)).toFixed(2)}`
      : "";
    const rss = row.rss && row.rss.length > 0 ? mb(Math.max(...row.rss)) : "";
    console.log(
      `| ${row.label} | ${row.records > 0 ? fmt(row.records) : ""} | ${timed ? ms(Math.min(...row.times)) : ""} | ${timed ? ms(median(row.times)) : ""} | ${timed ? perSecond(row.records, median(row.times)) : ""} | ${ratio} | ${rss} |`,
    );
  }
  console.log("");
  console.log(
    `peak RSS: in-memory rows share this process (${mb(memoryRss)} after them: the raw records and one validated copy at a time); file rows are each child's own, the highest of ${rounds} rounds. Load after ${load()}`,
  );
}

await main();
