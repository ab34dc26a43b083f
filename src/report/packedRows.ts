/**
 * Rows of the report's per-record table, packed as bytes in one growable buffer instead of one
 * heap object per record. The sample of the newest records (sample.ts) holds every record of a
 * time-ordered input for a while; as heap objects, each outlived a few young-generation
 * collections, was promoted to the old generation and grew the heap by its size until the next
 * full collection (issue 11: the HTML report over 1.5M tickets peaked at 520-580 MB). Written
 * into a buffer, a record leaves nothing behind on the heap: the bytes are reused once it
 * drops out of the sample.
 *
 * A row holds the fields a table cell can show (text, a number, a flag, a valid instant, a list
 * of texts), in the record's key order, then one number per measure. The field names are kept
 * once per shape (the list of names), and a row starts with its shape's index. Texts are
 * stored as UTF-16 code units, so any string, lone surrogates included, comes back as it was.
 * What comes back equals the record's plain fields after a JSON round trip (the sample's
 * former form, kept so the page did not change): a number that is not finite becomes `null`,
 * -0 becomes 0, and instants come back as Dates.
 */

/** A growable buffer of packed rows and the field-name lists (shapes) they refer to. */
export interface PackedRows {
  bytes: Uint8Array;
  view: DataView;
  /** Bytes in use; the next row starts here. */
  used: number;
  /** Each shape's field names, in the records' key order; a row starts with its shape's index. */
  shapes: string[][];
  /** The shape of the last row packed: consecutive records usually share it. */
  current: number;
}

const TEXT = 0;
const NUMBER = 1;
const FALSE = 2;
const TRUE = 3;
const INSTANT = 4;
const TEXTS = 5;

/** An empty buffer of rows. */
export function packedRows(capacity = 4096): PackedRows {
  const bytes = new Uint8Array(Math.max(64, capacity));
  return { bytes, view: new DataView(bytes.buffer), used: 0, shapes: [[]], current: 0 };
}

/** Makes room for `more` bytes after the ones in use. */
function reserve(rows: PackedRows, more: number): void {
  const needed = rows.used + more;
  if (needed <= rows.bytes.length) return;
  let length = rows.bytes.length * 2;
  while (length < needed) length *= 2;
  const bytes = new Uint8Array(length);
  bytes.set(rows.bytes.subarray(0, rows.used));
  rows.bytes = bytes;
  rows.view = new DataView(bytes.buffer);
}

function writeByte(rows: PackedRows, value: number): void {
  reserve(rows, 1);
  rows.view.setUint8(rows.used, value);
  rows.used += 1;
}

function writeCount(rows: PackedRows, value: number): void {
  reserve(rows, 4);
  rows.view.setUint32(rows.used, value, true);
  rows.used += 4;
}

function writeNumber(rows: PackedRows, value: number): void {
  reserve(rows, 8);
  rows.view.setFloat64(rows.used, value, true);
  rows.used += 8;
}

function writeText(rows: PackedRows, text: string): void {
  writeCount(rows, text.length);
  reserve(rows, 2 * text.length);
  const view = rows.view;
  let at = rows.used;
  for (let i = 0; i < text.length; i++, at += 2) view.setUint16(at, text.charCodeAt(i), true);
  rows.used = at;
}

/** Whether a table cell can show the value (what a row keeps of a record). */
function shown(value: unknown): boolean {
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
      return true;
    case "object":
      if (value instanceof Date) return !Number.isNaN(value.getTime());
      return Array.isArray(value) && value.every((item) => typeof item === "string");
    default:
      return false;
  }
}

function writeValue(rows: PackedRows, value: unknown): void {
  if (typeof value === "string") {
    writeByte(rows, TEXT);
    writeText(rows, value);
  } else if (typeof value === "number") {
    writeByte(rows, NUMBER);
    writeNumber(rows, value);
  } else if (typeof value === "boolean") {
    writeByte(rows, value ? TRUE : FALSE);
  } else if (value instanceof Date) {
    writeByte(rows, INSTANT);
    writeNumber(rows, value.getTime());
  } else {
    const texts = value as string[];
    writeByte(rows, TEXTS);
    writeCount(rows, texts.length);
    for (const text of texts) writeText(rows, text);
  }
}

/** The index of the shape with these names, added if new. */
function shapeIndex(rows: PackedRows, names: readonly string[]): number {
  const found = rows.shapes.findIndex(
    (shape) => shape.length === names.length && shape.every((name, i) => name === names[i]),
  );
  if (found >= 0) return found;
  rows.shapes.push([...names]);
  return rows.shapes.length - 1;
}

/**
 * Packs a record's shown fields and its measures (`null` for none) after the rows in use, and
 * returns where the row starts. Allocates nothing per record but when its shape is new.
 *
 * @example
 * const rows = packedRows();
 * const at = packRow(rows, { id: "T1", createdAt: new Date("2024-03-01T09:00:00Z"), messages: [{ from: "customer" }] }, [600]);
 * const { record, measures } = unpackRow(rows, at, 1);
 * [record, measures]
 * //=> [{ id: "T1", createdAt: new Date("2024-03-01T09:00:00Z") }, [600]]
 */
export function packRow(
  rows: PackedRows,
  record: unknown,
  measures: ArrayLike<number | null>,
): number {
  const start = rows.used;
  writeCount(rows, 0); // the shape's index, known once the fields are written
  let shape = rows.shapes[rows.current] as string[];
  let same = true;
  let count = 0;
  if (typeof record === "object" && record !== null) {
    const fields = record as Record<string, unknown>;
    for (const name in fields) {
      if (!Object.hasOwn(fields, name)) continue;
      const value = fields[name];
      if (!shown(value)) continue;
      if (same && shape[count] !== name) same = false;
      count++;
      writeValue(rows, value);
    }
    if (!same || count !== shape.length) {
      rows.current = shapeIndex(
        rows,
        Object.keys(fields).filter((name) => shown(fields[name])),
      );
      shape = rows.shapes[rows.current] as string[];
    }
  } else if (shape.length !== 0) {
    rows.current = shapeIndex(rows, []);
  }
  rows.view.setUint32(start, rows.current, true);
  for (let i = 0; i < measures.length; i++) {
    const measure = measures[i];
    writeNumber(rows, typeof measure === "number" ? measure : Number.NaN);
  }
  return start;
}

/**
 * Copies the row of `from` that starts at `start` and ends at `end` after the rows of `to`,
 * with its shape added to `to`'s shapes if they are not the same list; returns where it starts.
 */
export function copyRow(from: PackedRows, start: number, end: number, to: PackedRows): number {
  const at = to.used;
  reserve(to, end - start);
  to.bytes.set(from.bytes.subarray(start, end), at);
  to.used += end - start;
  if (from.shapes !== to.shapes) {
    const shape = from.shapes[from.view.getUint32(start, true)] as string[];
    to.view.setUint32(at, shapeIndex(to, shape), true);
  }
  return at;
}

/** A number as a JSON round trip gives it back: `null` if not finite, 0 for -0. */
function plainNumber(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  return value === 0 ? 0 : value;
}

/** The record's shown fields (instants as Dates) and its `measureCount` measures. */
export function unpackRow(
  rows: PackedRows,
  start: number,
  measureCount: number,
): { record: Record<string, unknown>; measures: (number | null)[] } {
  const view = rows.view;
  let at = start;
  const readCount = () => {
    const value = view.getUint32(at, true);
    at += 4;
    return value;
  };
  const readNumber = () => {
    const value = view.getFloat64(at, true);
    at += 8;
    return value;
  };
  const readText = () => {
    const length = readCount();
    const units = new Uint16Array(length);
    for (let i = 0; i < length; i++, at += 2) units[i] = view.getUint16(at, true);
    let text = "";
    for (let i = 0; i < length; i += 4096)
      text += String.fromCharCode(...units.subarray(i, Math.min(length, i + 4096)));
    return text;
  };
  const shape = rows.shapes[readCount()] as string[];
  const record: Record<string, unknown> = {};
  for (const name of shape) {
    const tag = view.getUint8(at);
    at += 1;
    if (tag === TEXT) record[name] = readText();
    else if (tag === NUMBER) record[name] = plainNumber(readNumber());
    else if (tag === FALSE || tag === TRUE) record[name] = tag === TRUE;
    else if (tag === INSTANT) record[name] = new Date(readNumber());
    else record[name] = Array.from({ length: readCount() }, readText);
  }
  const measures: (number | null)[] = [];
  for (let i = 0; i < measureCount; i++) measures.push(plainNumber(readNumber()));
  return { record, measures };
}
