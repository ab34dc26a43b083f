/**
 * Splitting a line-oriented file (NDJSON, or CSV without line breaks inside quoted cells) into
 * byte ranges that start and end at record boundaries, so that each worker thread can read
 * its own range with `createReadStream(path, { start, end })` and no record is cut in two or
 * read twice.
 *
 * Cuts are placed at equal byte offsets, then each is moved forward to just after the next
 * "\n". Only a few bytes around each cut are read: splitting a gigabyte file costs a handful
 * of small reads, not a pass over the file.
 */
import { open } from "node:fs/promises";

/** A byte range of a file: `start` inclusive, `end` exclusive (`end − 1` for createReadStream). */
export interface ByteRange {
  start: number;
  end: number;
}

/** How far to read at once when looking for the next line break. */
const PROBE = 64 * 1024;

/**
 * Cuts `path` into `parts` ranges at line starts (ranges may be empty when the file has fewer
 * lines than parts). With `skipHeader`, the first line (a CSV header) is left out of every
 * range and returned apart, so each worker can put it in front of its own range.
 *
 * @returns The ranges in file order, covering every byte after the header exactly once, and
 *   the header line (with its "\n") or `""`.
 */
export async function lineRanges(
  path: string,
  parts: number,
  skipHeader = false,
): Promise<{ ranges: ByteRange[]; header: string }> {
  if (!Number.isInteger(parts) || parts < 1) {
    throw new RangeError(`lineRanges: parts must be a whole number above 0, got ${parts}`);
  }
  const file = await open(path, "r");
  try {
    const size = (await file.stat()).size;
    const buffer = Buffer.alloc(PROBE);
    /** The offset just after the first "\n" at or after `from` (the file size if none). */
    const nextLineStart = async (from: number): Promise<number> => {
      for (let at = from; at < size; at += PROBE) {
        const { bytesRead } = await file.read(buffer, 0, PROBE, at);
        const found = buffer.subarray(0, bytesRead).indexOf(0x0a);
        if (found !== -1) return at + found + 1;
        if (bytesRead === 0) break;
      }
      return size;
    };
    let header = "";
    let first = 0;
    if (skipHeader) {
      first = await nextLineStart(0);
      header = (await readBytes(file, 0, first)).toString("utf8");
    }
    const starts = [first];
    for (let k = 1; k < parts; k++) {
      const cut = first + Math.floor(((size - first) * k) / parts);
      // A cut right after a "\n" is already a line start: look from the byte before it.
      const start = cut <= first ? first : await nextLineStart(cut - 1);
      starts.push(Math.max(start, starts[k - 1] as number));
    }
    const ranges = starts.map((start, k) => ({ start, end: starts[k + 1] ?? size }));
    return { ranges, header };
  } finally {
    await file.close();
  }
}

async function readBytes(
  file: import("node:fs/promises").FileHandle,
  at: number,
  length: number,
): Promise<Buffer> {
  const out = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const { bytesRead } = await file.read(out, read, length - read, at + read);
    if (bytesRead === 0) break;
    read += bytesRead;
  }
  return out.subarray(0, read);
}
