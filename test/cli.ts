/**
 * The CLI tests' shared pieces: run `main` in-process with its output captured, and a scratch
 * folder (removed after the file's tests) to write input files into.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { type CliIO, main } from "../src/cli/main.ts";

/** Runs the CLI in-process; resolves with its exit code and what it wrote. */
export async function runCli(argv: string[], extra: Partial<CliIO> = {}) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    isTTY: false,
    ...extra,
  });
  return { code, stdout, stderr };
}

/** A scratch folder for this test file, and a writer of files into it. */
export function scratchFolder(name: string) {
  const folder = mkdtempSync(join(tmpdir(), `support-metrics-${name}-`));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  return {
    folder,
    write(file: string, content: string | Buffer): string {
      const path = join(folder, file);
      writeFileSync(path, content);
      return path;
    },
  };
}

/**
 * The engines' tests' report, after its source: monthly in New York by channel, as JSON
 * (the zone has DST changes, the key has a missing value).
 */
export const monthlyByChannel = (metrics: readonly string[]) => [
  "--by",
  "month,channel",
  "--tz",
  "America/New_York",
  "--metrics",
  metrics.join(","),
  "--format",
  "json",
  "--quiet",
];
