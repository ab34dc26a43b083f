/**
 * Writes the demo's sample data (examples/data/*.json) from the seeded generator in bench/,
 * plus a few deliberately broken records, so the demo also shows how rejections are reported.
 * The output is committed; rerun with `npx tsx examples/make-sample-data.ts` to rebuild it.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { generateSurveys, generateTickets } from "../bench/generate.ts";

const options = {
  start: "2024-01-01T00:00:00+01:00",
  months: 12,
  timeZone: "Europe/Berlin",
  timestamps: "mixed",
} as const;
const tickets: unknown[] = generateTickets(2400, 2024, options);
const surveys: unknown[] = generateSurveys(900, 2024, { ...options, ticketCount: 2400 });

// Broken on purpose: each is rejected with its index, field and reason.
tickets.push(
  {
    id: "BROKEN-1",
    createdAt: "2024-06-03T10:00:00Z",
    firstResolvedAt: "2024-06-02T10:00:00Z",
    channel: "email",
  },
  { id: "BROKEN-2", createdAt: "2024-06-03 10:00", channel: "chat" },
  { id: "BROKEN-3", createdAt: "2024-06-03T10:00:00Z", status: "archived" },
);
surveys.push({ id: "BROKEN-S1", kind: "nps", score: 11, respondedAt: "2024-06-03T10:00:00Z" });

const write = (name: string, records: unknown[]) =>
  writeFileSync(
    fileURLToPath(new URL(`./data/${name}`, import.meta.url)),
    `[\n${records.map((record) => JSON.stringify(record)).join(",\n")}\n]\n`,
  );
write("tickets.json", tickets);
write("surveys.json", surveys);
console.log(
  `wrote ${tickets.length} tickets and ${surveys.length} survey records to examples/data`,
);
