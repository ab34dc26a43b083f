/**
 * The demo: a KPI report over the bundled sample data (examples/data), grouped by month and
 * channel. Run it with `npm run demo`.
 *
 * It shows the whole path a user takes: validate raw records (and see what was rejected and
 * why), then compute every metric in one rollup per record kind.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  backlogReducer,
  cesReducer,
  csatReducer,
  describeRejection,
  escalationRateReducer,
  firstContactResolutionReducer,
  firstResponseTimeReducer,
  npsReducer,
  reopenRateReducer,
  resolutionTimeReducer,
  rollup,
  schedule,
  slaAttainmentReducer,
  slaPolicies,
  ticketVolumeReducer,
  validateSurveyResponses,
  validateTickets,
} from "../src/index.ts";

const here = (name: string) => fileURLToPath(new URL(`./data/${name}`, import.meta.url));
const load = (name: string): unknown[] => JSON.parse(readFileSync(here(name), "utf8"));
const timeZone = "Europe/Berlin";

const rawTickets = load("tickets.json");
const rawSurveys = load("surveys.json");
const tickets = validateTickets(rawTickets);
const surveys = validateSurveyResponses(rawSurveys);

console.log("support-metrics demo: sample helpdesk data in examples/data (generated, seeded)\n");
for (const [what, raw, result] of [
  ["tickets", rawTickets, tickets],
  ["survey responses", rawSurveys, surveys],
] as const) {
  console.log(
    `${what}: ${raw.length} read, ${result.records.length} valid, ${result.rejected.length} rejected`,
  );
  for (const rejection of result.rejected)
    console.log(`  rejected ${describeRejection(rejection)}`);
}

const hours1 = (seconds: number | null) => (seconds === null ? "–" : (seconds / 3600).toFixed(1));
const percent = (value: number | null) => (value === null ? "–" : value.toFixed(1));
const number = (value: number | null) => (value === null ? "–" : value.toFixed(2));

function table(title: string, header: string[], rows: (string | number)[][]): void {
  console.log(`\n${title}`);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => String(row[i]).length)),
  );
  const line = (cells: (string | number)[]) =>
    cells
      .map((cell, i) =>
        i < 2
          ? String(cell).padEnd(widths[i] as number)
          : String(cell).padStart(widths[i] as number),
      )
      .join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
}

const allTicketRows = rollup(tickets.records, {
  by: { period: "month", channel: "channel" },
  timeZone,
  metrics: {
    volume: ticketVolumeReducer(),
    firstResponse: firstResponseTimeReducer({ statistic: "median" }),
    resolution: resolutionTimeReducer({ statistic: "median" }),
    oneTouch: firstContactResolutionReducer(),
    reopen: reopenRateReducer(),
    escalation: escalationRateReducer(),
    backlog: backlogReducer(),
  },
});
const ticketRows = allTicketRows.filter((row) => row.period !== null);

table(
  `Tickets by month and channel (${timeZone}); times are medians in hours, rates in %`,
  [
    "month",
    "channel",
    "created",
    "FRT med",
    "FRT p90",
    "answered",
    "resol. med",
    "one-touch",
    "reopen",
    "escal.",
    "backlog",
  ],
  ticketRows.map((row) => [
    row.period?.label ?? "",
    String(row.channel ?? "(none)"),
    row.volume.value,
    hours1(row.firstResponse.median),
    hours1(row.firstResponse.p90),
    row.firstResponse.n,
    hours1(row.resolution.median),
    percent(row.oneTouch.value),
    percent(row.reopen.value),
    percent(row.escalation.value),
    row.backlog.value,
  ]),
);

// Tickets a metric cannot place in a month (unresolved ones, for resolution time) sit in rows
// whose period is null: report them rather than drop them.
const unplaced = allTicketRows.filter((row) => row.period === null);
const sum = (pick: (row: (typeof allTicketRows)[number]) => number) =>
  unplaced.reduce((total, row) => total + pick(row), 0);
console.log(
  `\nNot in any month: ${sum((row) => row.resolution.excluded.unresolved)} unresolved tickets (resolution time), ` +
    `${sum((row) => row.oneTouch.excluded.unresolved)} (one-touch), ${sum((row) => row.reopen.excluded.unresolved)} (reopen rate).`,
);

// Business hours and SLAs: the team works Monday to Friday, 08:00-18:00 Berlin time, and is
// closed on public holidays; first replies are due within 1 business hour for urgent tickets,
// 4 for high, 8 otherwise, and resolution within 3 business days (27 hours).
const weekday = [{ start: "08:00", end: "18:00" }];
const office = schedule({
  name: "Berlin office",
  timeZone,
  weekly: {
    monday: weekday,
    tuesday: weekday,
    wednesday: weekday,
    thursday: weekday,
    friday: weekday,
  },
  holidays: [
    { date: "2024-01-01", name: "New Year" },
    { date: "2024-05-01", name: "Labour Day" },
    { date: "2024-10-03", name: "German Unity Day" },
    { date: "2024-12-25", name: "Christmas" },
    { date: "2024-12-26", name: "Boxing Day" },
  ],
});
const hours = (h: number) => ({ minutes: 60 * h, businessHours: true });
const policies = slaPolicies([
  { name: "Urgent", priority: "urgent", targets: { firstReply: hours(1), resolution: hours(27) } },
  { name: "High", priority: "high", targets: { firstReply: hours(4), resolution: hours(27) } },
  { name: "Standard", targets: { firstReply: hours(8), resolution: hours(27) } },
]);
const slaRows = rollup(tickets.records, {
  by: { period: "quarter" },
  timeZone,
  // Instances due after the end of the data are still running: keep the report to 2024.
  range: { start: "2024-01-01", end: "2025-01-01" },
  metrics: {
    calendarFirstResponse: firstResponseTimeReducer({ statistic: "median" }),
    businessFirstResponse: firstResponseTimeReducer({ statistic: "median", schedule: office }),
    sla: slaAttainmentReducer({
      policies,
      schedule: office,
      asOf: new Date("2025-01-01T00:00:00+01:00"),
    }),
  },
}).filter((row) => row.period !== null);

table(
  `Service levels by quarter: median first response in calendar and business hours (${office.name}), SLA met %`,
  [
    "quarter",
    "tickets",
    "FRT cal.",
    "FRT bus.",
    "SLA met",
    "first reply",
    "resolution",
    "breached",
    "open",
  ],
  slaRows.map((row) => [
    row.period?.label ?? "",
    String(row.sla.tickets),
    hours1(row.calendarFirstResponse.value),
    hours1(row.businessFirstResponse.value),
    percent(row.sla.value),
    percent(row.sla.byKind.firstReply?.value ?? null),
    percent(row.sla.byKind.resolution?.value ?? null),
    row.sla.breached,
    row.sla.inProgress,
  ]),
);

const surveyRows = rollup(surveys.records, {
  by: { period: "month", channel: "channel" },
  timeZone,
  metrics: { csat: csatReducer(), nps: npsReducer(), ces: cesReducer() },
}).filter((row) => row.period !== null);

table(
  "Surveys by month and channel: CSAT % (4–5 of 1–5), NPS, CES mean (1–7, higher = easier)",
  ["month", "channel", "CSAT", "n", "NPS", "n", "CES", "n"],
  surveyRows.map((row) => [
    row.period?.label ?? "",
    String(row.channel ?? "(none)"),
    percent(row.csat.value),
    row.csat.n,
    percent(row.nps.value),
    row.nps.n,
    number(row.ces.value),
    row.ces.n,
  ]),
);
