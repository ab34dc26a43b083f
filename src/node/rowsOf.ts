/** The raw rows of a source in any of the formats, a batch at a time. */
import { type CsvOptions, csvRowBatches } from "./csv.ts";
import { type JsonOptions, readJsonRows } from "./json.ts";
import { type NdjsonOptions, ndjsonRowBatches } from "./ndjson.ts";
import type { ReadOptions } from "./readRecords.ts";
import type { RawRow } from "./rows.ts";
import type { FileFormat, ReadSource } from "./source.ts";

/**
 * The rows of a source, a batch at a time (one chunk of the file): awaiting each row would
 * cost more than mapping and validating it. `columns` (CSV only) names the columns a row
 * keeps, `null` for all.
 */
export function rowsOf(
  input: ReadSource,
  format: FileFormat,
  options: Pick<ReadOptions, "delimiter" | "quote" | "maxRecordLength" | "maxRecordValues">,
  onHeader: (header: readonly string[]) => void,
  columns: readonly string[] | null = null,
): AsyncIterable<RawRow[]> {
  const limit = options.maxRecordLength;
  if (format === "csv" || format === "tsv") {
    const csv: CsvOptions = { onHeader };
    if (options.delimiter !== undefined) csv.delimiter = options.delimiter;
    else if (format === "tsv") csv.delimiter = "\t";
    if (options.quote !== undefined) csv.quote = options.quote;
    if (limit !== undefined) csv.maxRecordBytes = limit;
    if (columns !== null) csv.columns = columns;
    return csvRowBatches(input, csv, "readCsvRows");
  }
  const values = options.maxRecordValues;
  if (format === "ndjson") {
    const ndjson: NdjsonOptions = {};
    if (limit !== undefined) ndjson.maxLineLength = limit;
    if (values !== undefined) ndjson.maxValues = values;
    return ndjsonRowBatches(input, ndjson, "readNdjsonRows");
  }
  const json: JsonOptions = {};
  if (limit !== undefined) json.maxElementLength = limit;
  if (values !== undefined) json.maxValues = values;
  return singles(readJsonRows(input, json));
}

/** Row by row as batches of one: JSON arrays are read element by element. */
async function* singles(rows: AsyncIterable<RawRow>): AsyncGenerator<RawRow[]> {
  for await (const row of rows) yield [row];
}
