/**
 * Notebook: first response time in calendar hours and in business hours (Monday to Friday,
 * 08:00-18:00 Berlin time, closed on German public holidays), by channel.
 *
 * Run from the repository root: `npx tsx examples/notebook/business-hours-frt.ts`.
 * It imports the published package, `support-metrics`, not the sources: build first.
 */
import { readFileSync } from "node:fs";
import { firstResponseTime, schedule, validateTickets } from "support-metrics";

const tickets = validateTickets(JSON.parse(readFileSync("examples/data/tickets.json", "utf8")));

const weekday = [{ start: "08:00", end: "18:00" }];
const office = schedule({
  name: "Berlin office",
  timeZone: "Europe/Berlin",
  weekly: {
    monday: weekday,
    tuesday: weekday,
    wednesday: weekday,
    thursday: weekday,
    friday: weekday,
  },
  holidays: ["2024-01-01", "2024-05-01", "2024-10-03", "2024-12-25", "2024-12-26"].map((date) => ({
    date,
  })),
});

const hours = (seconds: number | null) => (seconds === null ? "-" : (seconds / 3600).toFixed(2));
const channels = [...new Set(tickets.records.map((ticket) => ticket.channel ?? "(none)"))].sort();

console.log(`tickets: ${tickets.records.length} valid, ${tickets.rejected.length} rejected`);
console.log("channel\tanswered\tcalendar median h\tbusiness median h\tbusiness p90 h");
for (const channel of ["(all)", ...channels]) {
  const these =
    channel === "(all)"
      ? tickets.records
      : tickets.records.filter((ticket) => (ticket.channel ?? "(none)") === channel);
  const calendar = firstResponseTime(these, { statistic: "median" });
  const business = firstResponseTime(these, { statistic: "median", schedule: office });
  console.log(
    [channel, business.n, hours(calendar.value), hours(business.value), hours(business.p90)].join(
      "\t",
    ),
  );
}
