/**
 * Shared pieces of the real-data examples: reading a CSV export, turning the timestamp formats
 * of these exports into zone-less ISO strings (validation then reads them in the zone the
 * export was written in), finding the shared data sets, and printing our figures beside the
 * reference figures of each data set's SOURCE.md.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parse } from "csv-parse/sync";

/** One CSV row, by column name. */
export type Row = Record<string, string>;

/**
 * Parses a CSV export with a header row. A column name that repeats (the Italian log has two
 * `Variant` columns) gets a suffix: `Variant`, `Variant#2`. A BOM is dropped.
 */
export function readCsv(text: string): Row[] {
  return parse(text, {
    bom: true,
    columns: (header: string[]) => {
      const seen = new Map<string, number>();
      return header.map((name) => {
        const count = (seen.get(name) ?? 0) + 1;
        seen.set(name, count);
        return count === 1 ? name : `${name}#${count}`;
      });
    },
    skip_empty_lines: true,
  }) as Row[];
}

/**
 * `MM/DD/YYYY hh:mm:ss AM/PM` (NYC and Baltimore 311) as a zone-less ISO string; `null` for an
 * empty cell. Anything else is returned unchanged, so that validation rejects it with its
 * reason rather than the row being dropped here.
 */
export function fromUsDateTime(value: string | undefined): string | null {
  const text = (value ?? "").trim();
  if (text === "") return null;
  const match = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2}) ([AP]M)$/.exec(text);
  if (!match) return text;
  const [, month, day, year, hour, minute, second, half] = match as unknown as string[];
  let h = Number(hour) % 12;
  if (half === "PM") h += 12;
  return `${year}-${month}-${day}T${String(h).padStart(2, "0")}:${minute}:${second}`;
}

/** `YYYY/MM/DD hh:mm:ss.000` (the Italian help desk log) as a zone-less ISO string. */
export function fromSlashDateTime(value: string | undefined): string | null {
  const text = (value ?? "").trim();
  if (text === "") return null;
  const match = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}:\d{2}:\d{2})(\.\d{1,3})?$/.exec(text);
  return match ? `${match[1]}-${match[2]}-${match[3]}T${match[4]}${match[5] ?? ""}` : text;
}

/** `DD-MM-YYYY HH:MM` (the ServiceNow log); `null` for an empty cell or `?`. */
export function fromDayFirstDateTime(value: string | undefined): string | null {
  const text = (value ?? "").trim();
  if (text === "" || text === "?") return null;
  const match = /^(\d{2})-(\d{2})-(\d{4}) (\d{2}:\d{2})$/.exec(text);
  return match ? `${match[3]}-${match[2]}-${match[1]}T${match[4]}` : text;
}

/** The repository's root folder. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** A file of ../shared/datasets (beside the repository), or `null` when it is not there. */
export function sharedDataset(folder: string, file: string): string | null {
  const path = join(ROOT, "..", "shared", "datasets", folder, file);
  return existsSync(path) ? readFileSync(path, "utf8") : null;
}

/** Whether the module at `url` is the script being run (`npx tsx examples/real-data/x.ts`). */
export function isMain(url: string): boolean {
  const script = process.argv[1];
  return script !== undefined && pathToFileURL(resolve(script)).href === url;
}

/** Seconds as hours or minutes, rounded to 2 decimals as SOURCE.md writes them. */
export function inUnit(seconds: number | null, unit: "h" | "min"): number | null {
  if (seconds === null) return null;
  return Math.round((seconds / (unit === "h" ? 3600 : 60)) * 100) / 100;
}

/** One line of a comparison: our figure, SOURCE.md's, and whether they agree. */
export function compare(label: string, ours: number | string | null, reference: number | string) {
  const same = ours === reference;
  console.log(
    `${same ? "same  " : "DIFFER"} ${label.padEnd(58)} ours ${String(ours).padStart(9)}   SOURCE.md ${String(reference).padStart(9)}`,
  );
  return same;
}
