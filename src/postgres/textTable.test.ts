import { describe, expect, test } from "vitest";
import { connectedPostgres } from "../../test/postgres/connected.ts";
import { postgresAvailable } from "../../test/postgres/server.ts";
import { validateTextTable } from "./textTable.ts";

// The view of used records a table of text cells becomes, on a real server: rows numbered by
// storage order or by a `line` column, copies with the line kept, and each field typed as a
// table of records types it (instants to the millisecond, derived fields, absence flags, a
// survey's scale).

describe.skipIf(!postgresAvailable())("validateTextTable on a real server", () => {
  const db = connectedPostgres();

  test("tickets numbered by storage order: lines from 2, the last copy kept, fields typed", async () => {
    await db.client.query(
      'CREATE TABLE "raw_t" ("id" text, "createdAt" text, "channel" text, "closedAt" text)',
    );
    await db.client.query(`INSERT INTO "raw_t" VALUES
      ('T1', '2024-03-10T06:59:59.123Z', 'chat', NULL),
      ('T2', 'soon', 'email', NULL),
      (' T1 ', '2024-03-12T00:00:00.123Z', ' phone ', '2024-03-12T01:30:00Z')`);
    const read = await validateTextTable(db.client, {
      kind: "tickets",
      relation: '"raw_t"',
      columns: ["id", "createdAt", "channel", "closedAt"],
      view: "t_used",
    });
    // Rows 1 to 3 are lines 2 to 4: line 3 rejected; line 2 a copy of " T1 " (trimmed: T1)
    // at line 4, which is kept.
    expect([read.read, read.valid, read.rejected, read.duplicates]).toEqual([3, 1, 1, 1]);
    expect(read.numbered).toBe("ctid");
    expect(read.rejections.map(({ line, column }) => [line, column])).toEqual([[3, "createdAt"]]);
    expect(read.copies).toEqual([{ line: 2, id: "T1", kept: 4 }]);
    // No firstResponseAt column: the field is left out of every record (its flag true).
    expect(read.columns).toContain("firstResponseAt:absent");
    const { rows } = await db.client.query(
      'SELECT "id", "createdAt", "channel", "closedAt", "lastResolvedAt", "status", "firstResponseAt", "firstResponseAt:absent" AS "absent" FROM "t_used"',
    );
    expect(rows).toEqual([
      {
        // An id is kept as written (only the copies are found by the trimmed id); a label
        // is trimmed.
        id: " T1 ",
        createdAt: new Date("2024-03-12T00:00:00.123Z"),
        channel: "phone",
        closedAt: new Date("2024-03-12T01:30:00Z"),
        // Derived as the readers derive it: resolved when closed, and so closed.
        lastResolvedAt: new Date("2024-03-12T01:30:00Z"),
        status: "closed",
        firstResponseAt: null,
        absent: true,
      },
    ]);
  });

  test("survey answers numbered by their line column, with the scale of their kind", async () => {
    await db.client.query(
      'CREATE TABLE "raw_s" ("line" text, "id" text, "kind" text, "score" text, "respondedAt" text)',
    );
    // Stored last line first: the column, not the order, numbers them.
    await db.client.query(`INSERT INTO "raw_s" VALUES
      ('9', 'S2', 'csat', '7', '2024-03-01T10:00:00Z'),
      ('8', 'S1', 'nps', '9', '2024-03-01T10:00:00Z')`);
    const read = await validateTextTable(db.client, {
      kind: "surveyResponses",
      relation: '"raw_s"',
      columns: ["line", "id", "kind", "score", "respondedAt"],
      view: "s_used",
    });
    expect([read.read, read.valid, read.rejected, read.numbered]).toEqual([2, 1, 1, "line"]);
    // 7 is off the CSAT scale (1 to 5).
    expect(read.rejections.map(({ line, path }) => [line, path])).toEqual([[9, "score"]]);
    const { rows } = await db.client.query(
      'SELECT "id", "score", ("scale")."min" AS "min", ("scale")."max" AS "max" FROM "s_used"',
    );
    expect(rows).toEqual([{ id: "S1", score: 9, min: 0, max: 10 }]);
  });
});
