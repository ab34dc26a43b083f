/**
 * What the commands write about their input on stderr, and how a command's output reaches its
 * file: the per-file summary (rows read, valid, rejected, copies left out, bytes that are not
 * UTF-8), the rejection lines, the exit codes of `--strict` and of an input with nothing valid.
 * `report`, `staffing` and `validate` share them, so that one input reads the same in each.
 */
import { writeFile } from "node:fs/promises";
import { describeRowRejection, type ReadSummary, type RowRejection } from "../node/readRecords.ts";
import { show } from "../reduce/arguments.ts";
import { type DuplicateCopy, describePlace } from "../schemas/duplicates.ts";
import type { CliIO } from "./io.ts";
import { combinedSummary, type FileSummary } from "./pass.ts";
import type { InputOptions } from "./plan.ts";
import { UsageError } from "./usage.ts";

/** Each rejection as a line: `file: line 3, column ...: reason`. */
export function rejectionLines(file: string, rejections: readonly RowRejection[]): string[] {
  return rejections.map((r) => `${file}: ${describeRowRejection(r)}`);
}

/** The `validate` command that lists every rejection of `file`, with the flags that read it. */
export function validateCommand(file: string, options: InputOptions): string {
  const words = ["support-metrics", "validate", file];
  if (options.mapping !== undefined) words.push("--mapping", options.mapping);
  if (options.tz !== undefined) words.push("--tz", options.tz);
  if (options.kind !== undefined) words.push("--kind", options.kind);
  if (options.inputFormat !== undefined) words.push("--input-format", options.inputFormat);
  return words
    .map((word) => (/^[\w./:@=+,-]+$/.test(word) ? word : JSON.stringify(word)))
    .join(" ");
}

/** The line that reports bytes that are not UTF-8, or `null` when there are none. */
export function encodingLine(file: string, summary: ReadSummary): string | null {
  const { count, lines } = summary.invalidUtf8;
  if (count === 0) return null;
  const where = `line${lines.length === 1 ? "" : "s"} ${lines.slice(0, 10).join(", ")}${lines.length > 10 ? ", ..." : ""}`;
  return `${file}: ${count} invalid UTF-8 byte sequence${count === 1 ? "" : "s"} (${where}), read as U+FFFD; is the file in another encoding (Latin-1, Windows-1252)?`;
}

/**
 * A copy left out, in words: `line 3: id "T1" is a copy of line 9, which is kept`; the kept
 * copy's file is named when it is another.
 */
export function describeCopy(file: string, copy: DuplicateCopy): string {
  const kept =
    copy.kept.source === file || copy.kept.source === null
      ? `line ${copy.kept.at}`
      : describePlace(copy.kept, "line");
  return `line ${copy.place.at}: id ${show(copy.id)} repeats ${kept}, which is kept`;
}

/**
 * The per-file summaries on stderr: counts, the first copies and rejections, the encoding.
 * Past five of them, `listAll(file)` says how to see every one (the `validate` command of the
 * file by default; a table is no file that command reads).
 */
export function printSummaries(
  summaries: readonly FileSummary[],
  io: CliIO,
  options: InputOptions,
  listAll: (file: string) => string = (file) => `run ${validateCommand(file, options)}`,
): void {
  for (const { file, summary } of summaries) {
    const copies = summary.duplicates;
    io.stderr.write(
      `${file}: ${summary.read} rows read, ${summary.valid} valid, ${summary.rejected} rejected${copies > 0 ? `, ${copies} repeated id${copies === 1 ? "" : "s"} left out (--duplicates ${options.duplicates ?? "last"})` : ""}\n`,
    );
    for (const copy of summary.duplicateCopies.slice(0, 5))
      io.stderr.write(`  ${file}: ${describeCopy(file, copy)}\n`);
    if (copies > 5) io.stderr.write(`  ... ${listAll(file)} for all of them\n`);
    const encoding = encodingLine(file, summary);
    if (encoding !== null) io.stderr.write(`  ${encoding}\n`);
    if (summary.rejected > 0) {
      for (const line of rejectionLines(file, summary.rejections.slice(0, 5)))
        io.stderr.write(`  ${line}\n`);
      if (summary.rejected > 5) io.stderr.write(`  ... ${listAll(file)} for all of them\n`);
    }
  }
}

/** Exit code 2 and why, when no row of the input became a record. */
export function nothingValid(total: ReadSummary, io: CliIO): number | null {
  if (total.valid > 0 || total.read === 0) return null;
  io.stderr.write(
    `support-metrics: none of the ${total.read} rows read is valid; nothing to report\n`,
  );
  return 2;
}

/**
 * Under `--strict`, exit code 2 when any row was rejected: every rejection is listed, and no
 * `output` ("report", "table") is written. `null` when the command goes on.
 */
export function refusedUnderStrict(
  strict: boolean,
  summaries: readonly FileSummary[],
  io: CliIO,
  output: string,
): number | null {
  const total = combinedSummary(summaries);
  if (!strict || total.rejected === 0) return null;
  for (const { file, summary } of summaries)
    for (const line of rejectionLines(file, summary.rejections)) io.stderr.write(`${line}\n`);
  io.stderr.write(
    `support-metrics: ${total.rejected} of ${total.read} rows rejected (--strict); no ${output} written\n`,
  );
  return 2;
}

/** Writes a command's output to `--out`, or to stdout. */
export async function writeOutput(
  text: string,
  out: string | undefined,
  quiet: boolean,
  io: CliIO,
): Promise<void> {
  if (out === undefined) {
    io.stdout.write(text);
    return;
  }
  try {
    await writeFile(out, text);
  } catch (error) {
    throw new UsageError(
      `--out ${out}: cannot write (${(error as { code?: string }).code ?? error})`,
    );
  }
  if (!quiet) io.stderr.write(`wrote ${out}\n`);
}
