/**
 * Repeated ids while reading (the policies are in src/schemas/duplicates.ts). A reader keys a
 * row by its id cell as read (trimmed text, or a JSON number), so the first pass of keep-last,
 * which reads only rows and never validates, keys rows exactly as the second pass does.
 *
 * Keep-last needs to know, before keeping a copy, that no later copy follows. For a source
 * that can be read twice (a path, a URL, an array of chunks), a first pass notes the last line
 * of every id: memory is one ledger entry per distinct id, time is one more parse of the file
 * without validation. A stream can be read once only, so its records are held, one per id,
 * until it ends: memory grows with the records (give a path, or choose "first" or "allow",
 * to read a large stream in flat memory).
 */
import {
  type DuplicateCopy,
  type IdLedger,
  type RecordPlace,
  recordId,
  sourcedId,
} from "../schemas/duplicates.ts";
import type { Mapper } from "./mapping.ts";
import type { RawRow } from "./rows.ts";
import type { ReadSource } from "./source.ts";

/**
 * Whether a source can be read a second time: a path, a URL or an array of chunks (a stream,
 * a generator or another iterable is read once).
 *
 * @example
 * [rereadable("tickets.csv"), rereadable(["id\n", "T1\n"]), rereadable((function* () {})())]
 * //=> [true, true, false]
 */
export function rereadable(source: ReadSource): boolean {
  return typeof source === "string" || source instanceof URL || Array.isArray(source);
}

/**
 * A row's id: its id cell (text trimmed, or a finite number as text), or, when the id is not
 * read from a column (a constant, a function), the mapped record's; within the record's
 * `source` when it has one (`sourcedId`), so two helpdesks' ticket 7 are two tickets.
 */
export function rowId(
  values: Readonly<Record<string, unknown>>,
  idColumn: string | null,
  record: unknown,
): string | null {
  if (idColumn === null) return recordId(record);
  const raw = values[idColumn];
  const source = sourceOf(record);
  if (typeof raw === "string") {
    const text = raw.trim();
    return text === "" ? null : sourcedId(text, source);
  }
  if (typeof raw === "number" && Number.isFinite(raw)) return sourcedId(String(raw), source);
  return null;
}

/** A record's `source`, read as the schema reads the label (trimmed; a number as text). */
function sourceOf(record: unknown): string | null {
  const source = (record as { source?: unknown } | null)?.source;
  if (typeof source === "string") return source.trim();
  return typeof source === "number" && Number.isFinite(source) ? String(source) : null;
}

/** The first pass of keep-last: every row's id noted at its line. Returns the rows seen. */
export async function noteRowIds(
  rows: AsyncIterable<RawRow[]>,
  ledger: IdLedger,
  source: string | null,
  idColumn: string | null,
  mapper: Mapper | null,
): Promise<number> {
  let seen = 0;
  for await (const batch of rows) {
    for (const row of batch) {
      seen++;
      if ("error" in row) continue;
      let record: Record<string, unknown> | null = null;
      // The record is mapped when the id, or the source it is keyed within, needs the mapping.
      if (mapper && (idColumn === null || mapper.fields.includes("source"))) {
        record = {};
        mapper.map(row.values, record);
      }
      const id = rowId(row.values, idColumn, record ?? row.values);
      if (id !== null) ledger.note(id, { source, at: row.line });
    }
  }
  return seen;
}

/**
 * Keep-last over a stream read once: the latest record of each id is held until the end.
 * `add` returns whether it replaced a copy (now left out); `drain` gives the records held, in
 * the order of the copies kept, and the copies left out with the place of the copy kept.
 */
export function lastCopies<T>(source: string | null) {
  const held = new Map<string, { record: T; place: RecordPlace }>();
  const withoutId: T[] = [];
  const dropped: { id: string; place: RecordPlace }[] = [];
  return {
    add(id: string | null, record: T, line: number): boolean {
      if (id === null) {
        withoutId.push(record);
        return false;
      }
      const earlier = held.get(id);
      if (earlier !== undefined) dropped.push({ id, place: earlier.place });
      // Deleted first, so that the map's order follows the latest copies.
      held.delete(id);
      held.set(id, { record, place: { source, at: line } });
      return earlier !== undefined;
    },
    drain(): { records: T[]; copies: DuplicateCopy[] } {
      const records = [...withoutId];
      for (const { record } of held.values()) records.push(record);
      const copies = dropped.map(({ id, place }) => ({
        id,
        place,
        kept: (held.get(id) as { place: RecordPlace }).place,
      }));
      return { records, copies };
    },
  };
}
