import { createReadStream } from "node:fs";
import { extname } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";

/**
 * Where rows come from: a file path (a string is always a path, never CSV text), a `file:` URL,
 * a Node `Readable`, a web `ReadableStream`, or any (async) iterable of text or byte chunks
 * (an array of strings holds a small file in memory).
 */
export type ReadSource =
  | string
  | URL
  | Readable
  | ReadableStream<Uint8Array | string>
  | AsyncIterable<Uint8Array | string>
  | Iterable<Uint8Array | string>;

/** The file formats the readers understand. */
export type FileFormat = "csv" | "tsv" | "ndjson" | "json";

/** Every {@link FileFormat}, for option checks. */
export const FILE_FORMATS: readonly FileFormat[] = ["csv", "tsv", "ndjson", "json"];

const EXTENSIONS: Readonly<Record<string, FileFormat>> = {
  ".csv": "csv",
  ".tsv": "tsv",
  ".tab": "tsv",
  ".ndjson": "ndjson",
  ".jsonl": "ndjson",
  ".json": "json",
};

/**
 * The format of a source: the one asked for, else the one its file extension names
 * (`.csv`, `.tsv`, `.ndjson`, `.jsonl`, `.json`).
 *
 * @example
 * formatOf("exports/tickets.JSONL", undefined, "readRecords")
 * //=> "ndjson"
 */
export function formatOf(source: ReadSource, format: unknown, fn: string): FileFormat {
  if (format !== undefined) {
    if (typeof format === "string" && (FILE_FORMATS as readonly string[]).includes(format)) {
      return format as FileFormat;
    }
    throw new RangeError(
      `${fn}: format must be one of ${FILE_FORMATS.map((f) => `"${f}"`).join(", ")}, got ${shortText(format)}`,
    );
  }
  const path =
    typeof source === "string" ? source : source instanceof URL ? source.pathname : undefined;
  if (path === undefined) {
    throw new TypeError(
      `${fn}: format must be given when the source is not a file path ("csv", "tsv", "ndjson" or "json")`,
    );
  }
  const found = EXTENSIONS[extname(path).toLowerCase()];
  if (!found) {
    throw new TypeError(
      `${fn}: format must be given when the file name does not end in .csv, .tsv, .ndjson, .jsonl or .json, got ${shortText(path)}`,
    );
  }
  return found;
}

/** A value shown briefly in a message: a 10 MB string must not become a 10 MB message. */
export function shortText(value: unknown): string {
  if (typeof value === "string") {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "function") return "a function";
  return String(value);
}

function isReadable(source: unknown): source is Readable {
  return source instanceof Readable;
}

/**
 * The source as a Node `Readable` of bytes or text. Paths and URLs are opened here, so a file
 * that does not exist fails when reading starts, with Node's own `ENOENT` error.
 */
export function openSource(source: ReadSource, fn: string): Readable {
  if (typeof source === "string" || source instanceof URL) {
    const path = typeof source === "string" ? source : fileURLToPath(source);
    return createReadStream(path, { highWaterMark: 64 * 1024 });
  }
  if (isReadable(source)) return source;
  if (source !== null && typeof source === "object") {
    const iterable = source as Partial<AsyncIterable<unknown> & Iterable<unknown>>;
    if (
      typeof iterable[Symbol.asyncIterator] === "function" ||
      typeof iterable[Symbol.iterator] === "function"
    ) {
      // objectMode off: chunks are bytes or text, and a parser downstream reads them as such.
      return Readable.from(source as AsyncIterable<Uint8Array | string>, { objectMode: false });
    }
    if (typeof (source as ReadableStream).getReader === "function") {
      return Readable.fromWeb(source as import("node:stream/web").ReadableStream);
    }
  }
  throw new TypeError(
    `${fn}: source must be a file path, a URL, a stream or an iterable of text chunks, got ${shortText(source)}`,
  );
}

/**
 * The source's text, chunk by chunk, decoded as UTF-8 (a byte order mark is dropped; bytes
 * that are not UTF-8 become U+FFFD rather than failing the read).
 */
export async function* textChunks(source: ReadSource, fn: string): AsyncGenerator<string> {
  const input = openSource(source, fn);
  const decoder = new TextDecoder("utf-8");
  let first = true;
  try {
    for await (const chunk of input) {
      let text =
        typeof chunk === "string" ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
      // The decoder drops a BOM in bytes; a text chunk may still start with one.
      if (first && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      if (text.length > 0) yield text;
    }
    const rest = decoder.decode();
    if (rest.length > 0) yield rest;
  } finally {
    input.destroy();
  }
}

/**
 * A readable stream's items in batches: each wake-up takes everything the stream has
 * buffered, so the consumer awaits once per batch rather than once per item (a stream's own
 * async iterator resolves a promise for every item, which costs more than parsing a row).
 * Errors the stream emits are thrown; the listeners are removed when iteration stops.
 */
export async function* readableBatches<T>(stream: Readable): AsyncGenerator<T[]> {
  // Set by the listeners; an object, so that the checks below read them fresh.
  const seen: { failure: { error: unknown } | null; ended: boolean } = {
    failure: null,
    ended: false,
  };
  let wake: (() => void) | null = null;
  const notify = () => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  const onError = (error: unknown) => {
    seen.failure ??= { error };
    notify();
  };
  const onEnd = () => {
    seen.ended = true;
    notify();
  };
  stream.on("readable", notify);
  stream.on("end", onEnd);
  stream.on("close", onEnd);
  stream.on("error", onError);
  try {
    for (;;) {
      const batch: T[] = [];
      let item: T | null = null;
      // biome-ignore lint/suspicious/noAssignInExpressions: the usual read() loop
      while ((item = stream.read() as T | null) !== null) batch.push(item);
      if (batch.length > 0) {
        yield batch;
        continue;
      }
      if (seen.failure) throw seen.failure.error;
      if (seen.ended || stream.readableEnded || stream.destroyed) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    stream.off("readable", notify);
    stream.off("end", onEnd);
    stream.off("close", onEnd);
    stream.off("error", onError);
  }
}
