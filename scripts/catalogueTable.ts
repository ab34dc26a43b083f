/**
 * The metric tables of docs/definitions.md and docs/cli.md, written from the catalogue:
 * `npm run docs:table` rewrites the blocks between the markers, and test/catalogue.test.ts
 * fails when a block is not what this writes (a metric added without its row, a label changed
 * in one place only, a metric joining the default report while the docs say it does not).
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { OPTION_FLAGS } from "../src/cli/plan.ts";
import { catalogue } from "../src/metrics/catalogue.ts";
import { optionNames, requiredOptions, resolveMetric } from "../src/metrics/define.ts";

export const START = "<!-- catalogue:start (written by npm run docs:table) -->";
export const END = "<!-- catalogue:end -->";
export const CLI_START = "<!-- cli-metrics:start (written by npm run docs:table) -->";
export const CLI_END = "<!-- cli-metrics:end -->";

const PLACEMENT: Record<string, (detail: string) => string> = {
  instant: (field) => `\`${field}\``,
  instants: (events) => `each ${events}`,
  stock: (span) => `stock at period end (${span})`,
  window: (field) => `the period as window (\`${field}\`)`,
};

/** The table, one row per catalogue entry, in catalogue order. */
export function catalogueTable(): string {
  const lines = [
    "| metric | CLI name | function | records | unit | better | placed by | options |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const metric of catalogue) {
    const { unit, better, placement } = resolveMetric(metric);
    const detail =
      "field" in placement
        ? placement.field
        : "events" in placement
          ? placement.events
          : placement.span;
    const names = [metric.name, ...metric.aliases].map((name) => `\`${name}\``).join(", ");
    const fixed = Object.entries(metric.fixed)
      .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
      .join(", ");
    const fn = `\`${metric.function}\`${fixed ? ` (${fixed})` : ""}`;
    const options = optionNames(metric)
      .map((name) => `\`${name}\``)
      .join(", ");
    lines.push(
      `| ${metric.label} | ${names} | ${fn} | ${metric.records}${metric.joins ? ` + ${metric.joins}` : ""} | ${unit} | ${better} | ${PLACEMENT[placement.by]?.(detail)} | ${options || "none"} |`,
    );
  }
  return `${START}\n${lines.join("\n")}\n${END}`;
}

/**
 * The CLI's metric names (docs/cli.md): what `report --metrics` takes, the library's reducer
 * behind each, and whether it is in the default report (or joins it when the flag that
 * supplies its required option is given).
 */
export function cliTable(): string {
  const lines = [
    "| Name | Library reducer | Records | Unit | In the default report |",
    "| --- | --- | --- | --- | --- |",
  ];
  for (const metric of catalogue) {
    const names = [metric.name, ...metric.aliases].map((name) => `\`${name}\``).join(", ");
    const fixed = Object.entries(metric.fixed)
      .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
      .join(", ");
    const reducer = `\`${metric.function}Reducer${fixed ? `({ ${fixed} })` : ""}\``;
    // asOf is always supplied (--as-of, else the input's latest instant); an option no flag
    // supplies keeps the metric to the library.
    const required = requiredOptions(metric).filter((name) => name !== "asOf");
    const unflagged = required.filter((name) => OPTION_FLAGS[name] === undefined);
    const byDefault =
      unflagged.length > 0
        ? `no: needs ${unflagged.map((name) => `\`${name}\``).join(", ")} (library only)`
        : required.length > 0
          ? `with ${required.map((name) => `\`${OPTION_FLAGS[name]}\``).join(", ")}`
          : metric.byDefault
            ? "yes"
            : "";
    const records = `${metric.records}${metric.joins ? ` + ${metric.joins}` : ""}`;
    lines.push(
      `| ${names} | ${reducer} | ${records} | ${resolveMetric(metric).unit} | ${byDefault} |`,
    );
  }
  return `${CLI_START}\n${lines.join("\n")}\n${CLI_END}`;
}

/** Replaces the block between two markers in a document's text with `table`. */
export function withTable(
  text: string,
  table = catalogueTable(),
  [start, end] = [START, END],
): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to === -1) throw new Error(`markers ${start} … ${end} not found`);
  return `${text.slice(0, from)}${table}${text.slice(to + end.length)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const definitions = fileURLToPath(new URL("../docs/definitions.md", import.meta.url));
  writeFileSync(definitions, withTable(readFileSync(definitions, "utf8")));
  const cli = fileURLToPath(new URL("../docs/cli.md", import.meta.url));
  writeFileSync(cli, withTable(readFileSync(cli, "utf8"), cliTable(), [CLI_START, CLI_END]));
  // The formatter pads the tables; run it so the files are as `npm run lint` wants them.
  execFileSync("npx", ["biome", "format", "--write", definitions, cli], { stdio: "inherit" });
}
