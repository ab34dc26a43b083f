/**
 * The root entry (src/index.ts) is the public surface. These tests keep it complete:
 *
 * - every metric file `src/metrics/<kind>/X.ts` exports a function `X` and its reducer
 *   factory `XReducer`, and the root exports both (the very same functions);
 * - every `validate*` function and every schema of src/schemas is exported from the root.
 *
 * A file under src/metrics that holds shared code rather than a metric must be listed in
 * `HELPERS` below, with the reason, so that a new metric file cannot be forgotten silently.
 */
import { readdirSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";
import * as root from "../src/index.ts";

const ROOT = join(import.meta.dirname, "..");

/** Files under src/metrics that hold code shared by several metrics, not a metric. */
const HELPERS: Record<string, string> = {
  "src/metrics/define.ts": "defineMetric: the shape of a catalogue entry",
  "src/metrics/catalogue.ts": "the catalogue: every metric's entry, as data",
  "src/metrics/tickets/elapsed.ts":
    "the one place ticket metrics time a span: calendar or business seconds (spanClock)",
  "src/metrics/tickets/openSpans.ts":
    "open/closed spans and age buckets shared by backlog and queue length",
  "src/metrics/agents/intervals.ts":
    "interval arithmetic and the per-agent time accumulator shared by utilization and occupancy",
  "src/metrics/customers/customerCounts.ts":
    "customer positions and counts shared by churn, retention and lifetime value",
  "src/metrics/queues/contact.ts":
    "the queue contact type and its outcome rules, shared by every queue metric",
  "src/metrics/tickets/messageCheck.ts":
    "the check of an unvalidated ticket message, shared by reply time and SLA attainment",
  "src/metrics/mergeCounts.ts":
    "the merge of a counts-and-exclusions state, shared by CSAT, CES, NPS, the queue rates and customer counts",
  "src/metrics/surveys/scoreOnScale.ts":
    "the checked score of a survey response on its scale, shared by NPS, CSAT and CES",
  "src/metrics/tickets/agentsOnTicket.ts":
    "the distinct agents who held a ticket, shared by handoffs and transfer rate",
  "src/metrics/tickets/mergedTickets.ts":
    "the rule that a merged source counts once, shared by every flow ticket metric",
  "src/metrics/selfService/selfServiceCustomers.ts":
    "the distinct self-service users and ticket requesters, shared by the self-service score and knowledge-base engagement",
};

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ts") && !/\.(test|test-prop|bench)\.ts$/.test(name))
    .map((name) =>
      relative(ROOT, join(ROOT, dir, name))
        .split("\\")
        .join("/"),
    )
    .sort();
}

async function load(file: string): Promise<Record<string, unknown>> {
  return (await import(pathToFileURL(join(ROOT, file)).href)) as Record<string, unknown>;
}

const rootExports = root as unknown as Record<string, unknown>;
const metricFiles = filesUnder("src/metrics").filter((file) => !(file in HELPERS));

describe("the root entry", () => {
  test("finds the metric files (the scan has not gone blind)", () => {
    expect(metricFiles).toContain("src/metrics/surveys/csat.ts");
    expect(metricFiles).toContain("src/metrics/surveys/nps.ts");
  });

  test("lists only helper files that exist", () => {
    const all = filesUnder("src/metrics");
    expect(Object.keys(HELPERS).filter((file) => !all.includes(file))).toEqual([]);
  });

  describe.each(metricFiles)("%s", (file) => {
    const name = basename(file, ".ts");
    const reducerName = `${name}Reducer`;

    test(`exports ${name} and ${reducerName}`, async () => {
      const mod = await load(file);
      expect(typeof mod[name], `${file} must export a function ${name}`).toBe("function");
      expect(typeof mod[reducerName], `${file} must export a function ${reducerName}`).toBe(
        "function",
      );
    });

    test(`is exported from src/index.ts`, async () => {
      const mod = await load(file);
      expect(rootExports[name], `src/index.ts must export ${name} from ${file}`).toBe(mod[name]);
      expect(rootExports[reducerName], `src/index.ts must export ${reducerName} from ${file}`).toBe(
        mod[reducerName],
      );
    });
  });
});

describe("the root entry exports every validator and schema", () => {
  const schemaFiles = filesUnder("src/schemas");
  const publicNames = async (file: string) => {
    const mod = await load(file);
    return Object.keys(mod)
      .filter((key) => /^validate/.test(key) || /Schema$/.test(key))
      .map((key) => ({ key, value: mod[key] }));
  };

  test("finds them (the scan has not gone blind)", async () => {
    const names = (await Promise.all(schemaFiles.map(publicNames))).flat().map((e) => e.key);
    expect(names).toEqual(
      expect.arrayContaining(["validateTickets", "ticketSchema", "TicketSchema", "validate"]),
    );
  });

  test.each(schemaFiles)("%s", async (file) => {
    const missing = (await publicNames(file))
      .filter(({ key, value }) => rootExports[key] !== value)
      .map(({ key }) => key);
    expect(missing, `src/index.ts must export these from ${file}`).toEqual([]);
  });
});
