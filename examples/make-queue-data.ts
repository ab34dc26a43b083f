/**
 * Writes the contact-centre example's call log (examples/data/calls.csv): two weeks of a
 * support line in Paris, Monday 4 to Sunday 17 March 2024, open 09:00–17:00 on weekdays. The
 * Monday 09:00–09:30 peak holds 120 calls on the first Monday and 80 on the second (100 on
 * average, docs/contact-centre.md's worked example); every other open half hour holds 8.
 * Deterministic (a fixed linear congruential sequence), so the file is the same on every run.
 * The output is committed; rerun with `npx tsx examples/make-queue-data.ts` to rebuild it.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

let seed = 19;
/** A number in [0, 1) from a fixed sequence (Numerical Recipes' LCG constants). */
function next(): number {
  seed = (seed * 1_664_525 + 1_013_904_223) % 4_294_967_296;
  return seed / 4_294_967_296;
}

const HALF_HOUR = 30 * 60 * 1000;
// 09:00 in Paris is 08:00Z before the change to summer time on 31 March.
const FIRST_OPEN = Date.parse("2024-03-04T08:00:00Z");
const lines = ["id,queue,channel,offeredAt,answeredAt,abandonedAt,talkSeconds,wrapSeconds,agentId"];
let id = 0;
for (let day = 0; day < 14; day++) {
  if (day % 7 >= 5) continue; // Saturday and Sunday: closed
  for (let slot = 0; slot < 16; slot++) {
    const start = FIRST_OPEN + day * 86_400_000 + slot * HALF_HOUR;
    const peak = day % 7 === 0 && slot === 0;
    const calls = peak ? (day === 0 ? 120 : 80) : 8;
    for (let i = 0; i < calls; i++) {
      const offered = start + Math.floor((i * HALF_HOUR) / calls);
      const wait = Math.round(next() * (peak ? 60 : 15));
      const gaveUp = next() < 0.06;
      const end = new Date(offered + wait * 1000).toISOString();
      const talk = 120 + Math.round(next() * 90);
      id++;
      lines.push(
        [
          `C${String(id).padStart(5, "0")}`,
          "support",
          "phone",
          new Date(offered).toISOString(),
          gaveUp ? "" : end,
          gaveUp ? end : "",
          gaveUp ? "" : talk,
          gaveUp ? "" : 30,
          gaveUp ? "" : `agent${1 + (id % 12)}`,
        ].join(","),
      );
    }
  }
}
const path = fileURLToPath(new URL("data/calls.csv", import.meta.url));
writeFileSync(path, `${lines.join("\n")}\n`);
console.log(`wrote ${lines.length - 1} calls to ${path}`);
