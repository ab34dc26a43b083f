/**
 * The metric table of docs/definitions.md, written from the catalogue: `npm run docs:table`
 * rewrites the block between the markers, and test/catalogue.test.ts fails when the block is
 * not what this writes (a metric added without its row, a label changed in one place only).
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { catalogue } from "../src/metrics/catalogue.ts";
import { optionNames, resolveMetric } from "../src/metrics/define.ts";

export const START = "<!-- catalogue:start (written by npm run docs:table) -->";
export const END = "<!-- catalogue:end -->";

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

/** Replaces the block between the markers in a document's text. */
export function withTable(text: string): string {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start === -1 || end === -1)
    throw new Error(`docs/definitions.md: markers ${START} … ${END} not found`);
  return `${text.slice(0, start)}${catalogueTable()}${text.slice(end + END.length)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = fileURLToPath(new URL("../docs/definitions.md", import.meta.url));
  writeFileSync(file, withTable(readFileSync(file, "utf8")));
  // The formatter pads the table; run it so the file is as `npm run lint` wants it.
  execFileSync("npx", ["biome", "format", "--write", file], { stdio: "inherit" });
}
