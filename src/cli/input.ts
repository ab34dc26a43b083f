/**
 * Opening the CLI's input files: existence and size, the format, the record kind (from the
 * columns or fields), and a reader whose bytes are counted for progress.
 */
import { createReadStream } from "node:fs";
import { open, readFile, stat } from "node:fs/promises";
import type { ColumnMapping } from "../node/mapping.ts";
import { RECORD_FIELDS } from "../node/mapping.ts";
import { type ReadOptions, type RecordReader, readRecords } from "../node/readRecords.ts";
import { FILE_FORMATS, type FileFormat } from "../node/source.ts";
import { UsageError } from "./usage.ts";

/** The record kinds the CLI reads (sessions only beside tickets, from `--sessions`). */
export type CliKind = "tickets" | "surveyResponses" | "queueContacts" | "sessions";

/** Extensions the readers know. */
const EXTENSIONS: Record<string, FileFormat> = {
  csv: "csv",
  tsv: "tsv",
  ndjson: "ndjson",
  jsonl: "ndjson",
  json: "json",
};

/** The size of an input file; a missing file or a directory is a usage error naming it. */
export async function fileSize(file: string): Promise<number> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(
      code === "ENOENT"
        ? `${file}: no such file`
        : `${file}: cannot read (${code ?? String(error)})`,
    );
  }
  if (!info.isFile()) throw new UsageError(`${file}: not a file`);
  return info.size;
}

/** The input format: `--input-format`, or the extension. */
export function inputFormat(file: string, given: string | undefined): FileFormat {
  if (given !== undefined) {
    if (!(FILE_FORMATS as readonly string[]).includes(given)) {
      throw new UsageError(
        `--input-format must be one of ${FILE_FORMATS.join(", ")}, got "${given}"`,
      );
    }
    return given as FileFormat;
  }
  const ext = /\.([^./\\]+)$/.exec(file)?.[1]?.toLowerCase();
  const format = ext === undefined ? undefined : EXTENSIONS[ext];
  if (!format) {
    throw new UsageError(
      `${file}: cannot tell the format from the extension; use --input-format ${FILE_FORMATS.join("|")}`,
    );
  }
  return format;
}

/** The kind names `--kind` accepts. */
export const KIND_NAMES: Readonly<Record<string, CliKind>> = {
  tickets: "tickets",
  ticket: "tickets",
  surveys: "surveyResponses",
  survey: "surveyResponses",
  surveyResponses: "surveyResponses",
  queues: "queueContacts",
  queue: "queueContacts",
  queueContacts: "queueContacts",
};

/** The first bytes of a file as text (a BOM dropped), to find its columns or fields. */
export async function head(file: string, bytes = 64 * 1024): Promise<string> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer
      .subarray(0, bytesRead)
      .toString("utf8")
      .replace(/^\uFEFF/, "");
  } finally {
    await handle.close();
  }
}

/** The column or key names at the start of a file (CSV header, first JSON objects' keys). */
export function namesIn(text: string, format: FileFormat): string[] {
  if (format === "csv" || format === "tsv") {
    const first = text.split(/\r?\n/, 1)[0] ?? "";
    return first
      .split(format === "tsv" ? "\t" : ",")
      .map((name) => name.trim().replace(/^"|"$/g, "").trim());
  }
  return [...text.matchAll(/"([^"\\]{1,100})"\s*:/g)].map((match) => match[1] as string);
}

/** Tickets or survey responses, from the field names present (mapping keys count as fields). */
export function detectKind(names: readonly string[], file: string): CliKind {
  const present = new Set(names);
  // A queue contact's offer time is required, and no other kind has the field.
  if (present.has("offeredAt")) return "queueContacts";
  const score = (kind: CliKind) => {
    const fields = Object.keys(RECORD_FIELDS[kind].fields);
    const other = Object.keys(
      RECORD_FIELDS[kind === "tickets" ? "surveyResponses" : "tickets"].fields,
    );
    return fields.filter((f) => present.has(f) && !other.includes(f)).length;
  };
  const tickets = score("tickets");
  const surveys = score("surveyResponses");
  if (tickets === surveys) {
    throw new UsageError(
      `${file}: cannot tell tickets from survey responses by its columns; use --kind tickets|surveys`,
    );
  }
  return tickets > surveys ? "tickets" : "surveyResponses";
}

/** The kind of a file: `--kind`, the mapping's fields, or the file's columns. */
export async function kindOf(
  file: string,
  format: FileFormat,
  given: string | undefined,
  mapping: ColumnMapping | undefined,
  name = file,
): Promise<CliKind> {
  if (given !== undefined) {
    const kind = KIND_NAMES[given];
    if (!kind) throw new UsageError(`--kind must be tickets, surveys or queues, got "${given}"`);
    return kind;
  }
  if (mapping !== undefined) return detectKind(Object.keys(mapping), name);
  return detectKind(namesIn(await head(file), format), name);
}

/** Reads a JSON file given to an option (`--mapping`, `--schedule`); mistakes name the file. */
export async function readJsonOption(file: string, option: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(
      `${option} ${file}: ${code === "ENOENT" ? "no such file" : `cannot read (${code})`}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${option} ${file}: not valid JSON (${(error as Error).message})`);
  }
}

/** A reader over a file, with a live count of the bytes read so far. */
export interface CountedReader<T> {
  reader: RecordReader<T>;
  bytes: () => number;
}

/**
 * Opens a reader over `file`, feeding it the file's chunks so that bytes can be counted.
 * `options` are the reader's; a zone left out makes zone-less timestamps rejections (the CLI
 * then stops and asks for --tz).
 */
export function openReader(
  file: string,
  options: ReadOptions & { kind: CliKind; format: FileFormat },
): CountedReader<unknown> {
  let bytes = 0;
  async function* chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of createReadStream(file)) {
      bytes += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
  }
  const reader = readRecords(chunks(), options) as RecordReader<unknown>;
  return { reader, bytes: () => bytes };
}
