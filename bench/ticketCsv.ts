/**
 * The benchmarks' CSV of generated tickets (`generate.ts`, seed 42, ISO 8601 timestamps):
 * the header is `columns`, field names, and an unknown value is an empty cell.
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { ticketStream } from "./generate.ts";

/** Writes `n` generated tickets to `path` as CSV with the given columns. */
export async function writeTicketCsv(
  path: string,
  n: number,
  columns: readonly string[],
): Promise<void> {
  const out = createWriteStream(path);
  let chunk = `${columns.join(",")}\n`;
  for (const ticket of ticketStream(n, 42, { timestamps: "iso" })) {
    const row = ticket as unknown as Record<string, unknown>;
    chunk += `${columns.map((c) => (row[c] === null || row[c] === undefined ? "" : String(row[c]))).join(",")}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
}
