/**
 * Notebook: read the sample tickets, see what was rejected, and report volume, median first
 * response and median resolution by quarter and priority (Europe/Berlin).
 *
 * Run from the repository root: `npx tsx examples/notebook/tickets-by-priority.ts`
 * (or `npx ts-node examples/notebook/tickets-by-priority.ts` in a CommonJS project).
 * It imports the published package, `support-metrics`, not the sources: build first.
 */
import {
  firstResponseTimeReducer,
  resolutionTimeReducer,
  rollup,
  ticketVolumeReducer,
} from "support-metrics";
import { describeRowRejection, readTickets } from "support-metrics/node";

const hours = (seconds: number | null) => (seconds === null ? "-" : (seconds / 3600).toFixed(2));

// No top-level await, so that the same file runs as CommonJS (ts-node) and as ESM (tsx).
const reader = readTickets("examples/data/tickets.json");
reader.toArray().then((tickets) => {
  const { read, valid, rejected, rejections } = reader.summary;
  console.log(`tickets: ${read} read, ${valid} valid, ${rejected} rejected`);
  for (const rejection of rejections) console.log(`  rejected ${describeRowRejection(rejection)}`);

  const rows = rollup(tickets, {
    by: { period: "quarter", priority: "priority" },
    timeZone: "Europe/Berlin",
    metrics: {
      volume: ticketVolumeReducer(),
      firstResponse: firstResponseTimeReducer({ statistic: "median" }),
      resolution: resolutionTimeReducer({ statistic: "median" }),
    },
  }).filter((row) => row.period !== null);

  console.log("quarter\tpriority\ttickets\tFRT median h\tresolution median h");
  for (const row of rows)
    console.log(
      [
        row.period?.label,
        row.priority ?? "(none)",
        row.volume.value,
        hours(row.firstResponse.value),
        hours(row.resolution.value),
      ].join("\t"),
    );
});
