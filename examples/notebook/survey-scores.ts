/**
 * Notebook: NPS and CSAT by month from the sample survey responses (Europe/Berlin).
 *
 * Run from the repository root: `npx tsx examples/notebook/survey-scores.ts`.
 * It imports the published package, `support-metrics`, not the sources: build first.
 */
import { readFileSync } from "node:fs";
import { csatReducer, npsReducer, rollup, validateSurveyResponses } from "support-metrics";

const raw: unknown[] = JSON.parse(readFileSync("examples/data/surveys.json", "utf8"));
const surveys = validateSurveyResponses(raw);
console.log(
  `survey responses: ${raw.length} read, ${surveys.records.length} valid, ${surveys.rejected.length} rejected`,
);

const rows = rollup(surveys.records, {
  by: { period: "month" },
  timeZone: "Europe/Berlin",
  metrics: { nps: npsReducer(), csat: csatReducer() },
}).filter((row) => row.period !== null);

const score = (value: number | null) => (value === null ? "-" : value.toFixed(1));
console.log("month\tNPS\tn\tCSAT %\tn");
for (const row of rows)
  console.log(
    [row.period?.label, score(row.nps.value), row.nps.n, score(row.csat.value), row.csat.n].join(
      "\t",
    ),
  );
