/**
 * Standard input (`-` as a file name), copied to a scratch file before reading. A file can
 * be read twice (the kind is told from its head; keep-last duplicates need a first pass over
 * the ids), a pipe only once; the copy costs disk, never memory.
 */
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";

/** The name that stands for standard input. */
export const STDIN = "-";

/** A copy of standard input on disk, and how to remove it. */
export interface SpooledInput {
  path: string;
  size: number;
  remove(): Promise<void>;
}

/** Copies `input` (standard input) to a scratch file whose extension names `format`. */
export async function spool(
  input: AsyncIterable<Uint8Array | string>,
  format: string,
): Promise<SpooledInput> {
  const dir = await mkdtemp(join(tmpdir(), "support-metrics-stdin-"));
  const path = join(dir, `stdin.${format}`);
  let size = 0;
  async function* counted(): AsyncGenerator<Uint8Array | string> {
    for await (const chunk of input) {
      size += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.length;
      yield chunk;
    }
  }
  await pipeline(counted(), createWriteStream(path));
  return { path, size, remove: () => rm(dir, { recursive: true, force: true }) };
}
