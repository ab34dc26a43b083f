/**
 * Repeated record ids: the same ticket twice in one export, or in two overlapping exports
 * (`jan.ndjson` and `feb.ndjson` both holding the tickets of January 31st). Counted twice, a
 * repeated ticket inflates volume and backlog without a trace. One policy decides:
 *
 * - `"last"` (the default): the last copy wins, as when later exports hold later versions;
 * - `"first"`: the first copy wins;
 * - `"reject"`: the first copy is kept and every later copy is a rejected record;
 * - `"allow"`: every copy counts (no ids are held: constant memory).
 *
 * Every copy left out is reported with where it was and where the copy kept is. The ledger
 * holds one entry per distinct id (a `Map` from the id to its place), which is the memory a
 * stream or a shard pays to promise "each id once" (docs/streaming.md has the figures);
 * keep-last's first pass holds a 64-bit hash per id instead, and the ids met twice.
 */
import { requireOneOf, show } from "../reduce/arguments.ts";
import { type SeenTexts, seenTexts } from "../reduce/seenTexts.ts";
import type { Rejection } from "./validate.ts";

/** What happens to a record whose id was seen before. */
export type DuplicatePolicy = "last" | "first" | "reject" | "allow";

/** Every {@link DuplicatePolicy}, for option checks. */
export const DUPLICATE_POLICIES: readonly DuplicatePolicy[] = ["last", "first", "reject", "allow"];

/**
 * Where a record is: its source (a file name, `null` for one unnamed input) and its position
 * there (a 1-based line for the readers, a 0-based index for arrays).
 */
export interface RecordPlace {
  source: string | null;
  at: number;
}

/** A copy left out: its id, where it was, and where the copy that was kept is. */
export interface DuplicateCopy {
  id: string;
  place: RecordPlace;
  kept: RecordPlace;
}

/**
 * Which copy of each id is kept, across any number of sources. For `"last"`, every place is
 * first {@link IdLedger.note}d (a first pass over the ids), so that the last one is known
 * before any record is kept; the other policies decide as records come.
 */
export interface IdLedger {
  readonly policy: DuplicatePolicy;
  /** First pass of `"last"`: this id is at `place` (a later note replaces an earlier one). */
  note(id: string, place: RecordPlace): void;
  /**
   * Whether the record at `place` is kept: `null` if so, else the place of the copy kept
   * (for `"last"`, an id never noted is kept).
   */
  check(id: string, place: RecordPlace): RecordPlace | null;
  /**
   * Distinct ids held (0 under `"allow"`, which holds none). Under `"last"`, every id noted
   * until the first check; from then on only the ids noted more than once, since an id seen
   * once is kept wherever it stands.
   */
  readonly size: number;
}

/**
 * Sources a ledger tells apart; places are packed as `at * SOURCES + source`, which stays a
 * small integer (stored unboxed: 70 rather than 81 bytes per id) below 2,097,152 lines.
 */
const SOURCES = 1024;

/**
 * A ledger for `policy`.
 *
 * @example
 * const ids = idLedger("first");
 * [ids.check("T1", { source: "a.csv", at: 2 }), ids.check("T1", { source: "b.csv", at: 5 }), ids.size]
 * //=> [null, { source: "a.csv", at: 2 }, 1]
 */
export function idLedger(policy: DuplicatePolicy = "last"): IdLedger {
  requireOneOf("idLedger", "policy", policy, DUPLICATE_POLICIES);
  // One number per id: the place packed (a Map of place objects would cost far more).
  const places = new Map<string, number>();
  // Keep-last's first pass remembers in full only the ids it meets again: `firstSightings`
  // holds a hash of every id (8 bytes each), and `places` the last place of each id whose
  // hash was met before. An id absent from `places` was noted once, and is kept wherever it
  // stands; a hash shared by two ids only puts the second in `places` at its own place, where
  // it is kept all the same. The hashes are dropped at the first check.
  let firstSightings: SeenTexts | null = policy === "last" ? seenTexts() : null;
  const sources: (string | null)[] = [];
  const pack = (place: RecordPlace): number => {
    let source = sources.indexOf(place.source);
    if (source === -1) {
      if (sources.length === SOURCES) {
        throw new RangeError(`idLedger: at most ${SOURCES} sources, got more`);
      }
      source = sources.push(place.source) - 1;
    }
    return place.at * SOURCES + source;
  };
  const unpack = (packed: number): RecordPlace => ({
    source: sources[packed % SOURCES] as string | null,
    at: Math.floor(packed / SOURCES),
  });
  return {
    policy,
    note(id, place) {
      if (policy !== "last") return;
      if (firstSightings === null) {
        throw new Error("idLedger: every id must be noted before the first check");
      }
      const here = pack(place);
      if (!firstSightings.add(id)) places.set(id, here);
    },
    check(id, place) {
      if (policy === "allow") return null;
      firstSightings = null;
      const here = pack(place);
      const known = places.get(id);
      if (policy === "last") return known === undefined || known === here ? null : unpack(known);
      if (known === undefined) {
        places.set(id, here);
        return null;
      }
      return unpack(known);
    },
    get size() {
      return firstSightings?.size ?? places.size;
    },
  };
}

/**
 * A record's id as the ledger keys it: a string or a finite number (written as text, so `7`
 * and `"7"` are one id), or `null` when the record has none (never a duplicate). A record
 * with a `source` (the helpdesk instance or brand it came from) is keyed by source and id
 * ({@link sourcedId}), so ticket 7 of one helpdesk never replaces ticket 7 of another.
 *
 * @example
 * [recordId({ id: "T1" }), recordId({ id: 7 }), recordId({ id: 7, source: "eu" }), recordId({ id: null }), recordId("x")]
 * //=> ["T1", "7", "eu:7", null, null]
 */
export function recordId(record: unknown): string | null {
  if (record === null || typeof record !== "object") return null;
  const { id, source } = record as { id?: unknown; source?: unknown };
  if (typeof id === "string") return sourcedId(id, source);
  if (typeof id === "number" && Number.isFinite(id)) return sourcedId(String(id), source);
  return null;
}

/**
 * An id within its source: `source:id`, the source's own `:` and `\\` escaped; without a
 * source (absent, null or empty) the id alone, escaped only when it holds a `:` or a `\\`.
 * A sourced key has an unescaped `:` (the first one ends the source) and an unsourced one
 * none, so no two (source, id) pairs share a key.
 *
 * @example
 * [sourcedId("7", "eu"), sourcedId("7", null), sourcedId("b:7", "a"), sourcedId("7", "a:b"), sourcedId("a:b:7", null)]
 * //=> ["eu:7", "7", "a:b:7", "a\\:b:7", "a\\:b\\:7"]
 */
export function sourcedId(id: string, source: unknown): string {
  if (typeof source !== "string" || source === "") return ESCAPED.test(id) ? escapeKey(id) : id;
  return `${escapeKey(source)}:${id}`;
}

const ESCAPED = /[:\\]/;

function escapeKey(text: string): string {
  return text.replaceAll("\\", "\\\\").replaceAll(":", "\\:");
}

/** What {@link dropDuplicates} returns. */
export interface Deduplicated<T> {
  /** The records kept, in input order. */
  records: T[];
  /** The copies left out under `"last"` and `"first"`, in input order. */
  duplicates: DuplicateCopy[];
  /** Under `"reject"`: the later copies, as rejections (code `duplicate_id`), in input order. */
  rejected: Rejection[];
}

/**
 * The records with each id once, by `policy` (see {@link DuplicatePolicy}); places are
 * 0-based indexes. Records without an id are all kept. Run it on validated records.
 *
 * @example
 * const tickets = [{ id: "T1", v: 1 }, { id: "T2", v: 1 }, { id: "T1", v: 2 }];
 * const { records, duplicates } = dropDuplicates(tickets);
 * [records.map((t) => `${t.id}v${t.v}`), duplicates]
 * //=> [["T2v1", "T1v2"], [{ id: "T1", place: { source: null, at: 0 }, kept: { source: null, at: 2 } }]]
 */
export function dropDuplicates<T>(
  records: readonly T[],
  policy: DuplicatePolicy = "last",
): Deduplicated<T> {
  if (!Array.isArray(records)) {
    throw new TypeError(`dropDuplicates: records must be an array, got ${show(records)}`);
  }
  const ledger = idLedger(policy);
  const place = (at: number): RecordPlace => ({ source: null, at });
  if (policy === "last") {
    records.forEach((record, at) => {
      const id = recordId(record);
      if (id !== null) ledger.note(id, place(at));
    });
  }
  const out: Deduplicated<T> = { records: [], duplicates: [], rejected: [] };
  records.forEach((record, at) => {
    const id = recordId(record);
    const kept = id === null ? null : ledger.check(id, place(at));
    if (kept === null) out.records.push(record);
    else if (policy === "reject") out.rejected.push(duplicateRejection(id as string, at, kept));
    else out.duplicates.push({ id: id as string, place: place(at), kept });
  });
  return out;
}

/**
 * The rejection of a later copy under `"reject"`: `repeats the id "T1" of record 2`.
 *
 * @example
 * duplicateRejection("T1", 5, { source: "jan.csv", at: 9 }, "line").message
 * //=> "repeats the id \"T1\" of jan.csv line 9"
 */
export function duplicateRejection(
  id: string,
  index: number,
  kept: RecordPlace,
  unit: "record" | "line" = "record",
): Rejection {
  const message = `repeats the id ${show(id)} of ${describePlace(kept, unit)}`;
  const issue = { path: ["id"], code: "duplicate_id", message };
  return { index, ...issue, issues: [issue] };
}

/**
 * A place in words: `record 3`, `line 9`, `jan.csv line 9`.
 *
 * @example
 * [describePlace({ source: null, at: 3 }), describePlace({ source: "jan.csv", at: 9 }, "line")]
 * //=> ["record 3", "jan.csv line 9"]
 */
export function describePlace(place: RecordPlace, unit: "record" | "line" = "record"): string {
  return `${place.source === null ? "" : `${place.source} `}${unit} ${place.at}`;
}
