/**
 * The contact-centre worked example on the bundled call log (examples/data/calls.csv, made by
 * examples/make-queue-data.ts): what the queue measured, then how many agents each interval
 * needs. Run it with `npm run demo:contact-centre`; docs/contact-centre.md walks through it.
 */
import { fileURLToPath } from "node:url";
import {
  abandonRate,
  arrivalPattern,
  averageHandleTime,
  averageSpeedOfAnswer,
  erlangA,
  erlangC,
  type ServiceLevelFormula,
  serviceLevel,
  staffingTable,
} from "../src/index.ts";
import { readQueueContacts } from "../src/node/index.ts";

const file = fileURLToPath(new URL("./data/calls.csv", import.meta.url));

/** The example's lines, for the console (and for a test that runs it). */
export async function contactCentreExample(): Promise<string[]> {
  const reader = readQueueContacts(file);
  const calls = await reader.toArray();
  const { read, valid, rejected } = reader.summary;
  const out = [`${file}: ${read} calls read, ${valid} valid, ${rejected} rejected`];

  // 1. What the queue measured, over the two weeks.
  const sl = (formula: ServiceLevelFormula) => serviceLevel(calls, { formula }).value?.toFixed(1);
  out.push(
    "Measured:",
    `  service level 20 s, abandons missed: ${sl("abandons-missed")} %`,
    `  service level 20 s, answered only:  ${sl("answered-only")} %`,
    `  average speed of answer: ${averageSpeedOfAnswer(calls).value?.toFixed(1)} s`,
    `  abandon rate: ${abandonRate(calls).value?.toFixed(2)} %`,
    `  average handle time: ${averageHandleTime(calls).value?.toFixed(0)} s`,
  );

  // 2. Arrivals by weekday and half hour in Paris, then agents per interval.
  const pattern = arrivalPattern(
    calls.map((call) => call.offeredAt),
    {
      timeZone: "Europe/Paris",
      intervalMinutes: 30,
      range: { start: "2024-03-04", end: "2024-03-18" },
    },
  );
  const targets = { targetSeconds: 20, serviceLevel: 0.8, maxOccupancy: 0.85, shrinkage: 0.3 };
  const table = staffingTable(pattern, { ahtSeconds: 180, ...targets });
  out.push("Staffing (AHT 180 s, 80 % in 20 s, occupancy at most 85 %, shrinkage 30 %):");
  for (const row of table
    .filter((r) => r.weekday === "monday" && (r.contacts ?? 0) > 0)
    .slice(0, 3)) {
    out.push(
      `  ${row.weekday} ${row.start}: ${row.contacts} calls, ${row.traffic} erlangs → ${row.agents} agents, ${row.scheduled} scheduled (SL ${row.serviceLevel?.toFixed(3)})`,
    );
  }

  // 3. The Monday 09:00 peak by hand: Erlang C for 13 and 14 agents, and Erlang A.
  const peak = { contacts: 100, intervalSeconds: 1800, ahtSeconds: 180, targetSeconds: 20 };
  for (const agents of [13, 14]) {
    const c = erlangC({ ...peak, agents });
    out.push(
      `  Erlang C, ${agents} agents: P(wait) ${c.waitProbability.toFixed(4)}, SL ${c.serviceLevel.toFixed(4)}, ASA ${c.asaSeconds.toFixed(1)} s, occupancy ${c.occupancy.toFixed(3)}`,
    );
  }
  const a = erlangA({ ...peak, agents: 14, patienceSeconds: 300 });
  out.push(
    `  Erlang A, 14 agents, 5 min patience: P(wait) ${a.waitProbability.toFixed(4)}, P(abandon) ${a.abandonProbability.toFixed(4)}, SL ${a.serviceLevel.toFixed(4)}`,
  );
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const line of await contactCentreExample()) console.log(line);
}
