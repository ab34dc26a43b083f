/**
 * A driver for profiling the report over records in memory (issue 17): reads the anchor's
 * files once through the readers, then times each of the three rollups apart, `--repeat`
 * times, in CPU milliseconds. Not part of `bench:anchor`; run it bundled, under
 * `node --cpu-prof` if wanted:
 *
 *   npx esbuild bench/anchor/profile.ts --bundle --platform=node --format=esm \
 *     --outfile=/tmp/profile.mjs && node /tmp/profile.mjs --ticketFile t.ndjson --surveyFile s.ndjson
 */
import { rollup } from "../../src/index.ts";
import {
  anchorReport,
  backlogOptions,
  readAnchorFiles,
  surveyOptions,
  ticketOptions,
} from "./engine.ts";

const argument = (name: string, fallback?: string): string => {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? process.argv[at + 1] : fallback;
  if (value === undefined) throw new TypeError(`profile: --${name} is required`);
  return value;
};

const { tickets, surveys } = await readAnchorFiles(argument("ticketFile"), argument("surveyFile"));
const only = argument("only", "tickets,backlog,surveys,report").split(",");
const repeat = Number(argument("repeat", "5"));
const cpuOf = (run: () => unknown) => {
  const before = process.cpuUsage();
  run();
  const used = process.cpuUsage(before);
  return Math.round((used.user + used.system) / 1000);
};
/** The report's three rollups, each alone, and the whole report. */
const RUNS: Record<string, () => unknown> = {
  tickets: () => rollup(tickets, ticketOptions()),
  backlog: () => rollup(tickets, backlogOptions()),
  surveys: () => rollup(surveys, surveyOptions()),
  report: () => anchorReport(tickets, surveys),
};
const times: Record<string, number[]> = {};
for (let round = 0; round < repeat; round++) {
  for (const name of only) {
    const run = RUNS[name];
    if (run === undefined)
      throw new Error(`profile: --only takes ${Object.keys(RUNS).join(", ")}, got ${name}`);
    const list = times[name] ?? [];
    list.push(cpuOf(run));
    times[name] = list;
  }
}
for (const [name, list] of Object.entries(times)) {
  const sorted = [...list].sort((a, b) => a - b);
  process.stdout.write(
    `${name}: CPU ms ${list.join(" ")} (min ${sorted[0]}, median ${sorted[sorted.length >> 1]})\n`,
  );
}
