/**
 * The readers' validation rules on PostgreSQL equal the readers on random CSV files: the
 * random files of the DuckDB property (src/sql/validationFiles.testing.ts: valid, nearly
 * valid and hostile cells, zone-less times on DST days, decimal commas, copies of ids),
 * loaded into a real server as text with their lines, classified by `validatePostgresTable`
 * and by `readRecords`, which must give the same summary and the same rejections.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { connectedPostgres } from "../../test/postgres/connected.ts";
import { postgresAvailable } from "../../test/postgres/server.ts";
import { readerAccounting } from "../sql/validationDuckdb.testing.ts";
import {
  fileCases,
  sessionColumns,
  surveyColumns,
  ticketColumns,
  writeCsv,
} from "../sql/validationFiles.testing.ts";
import { postgresAccounting } from "./validation.testing.ts";

describe.skipIf(!postgresAvailable())(
  "validatePostgresTable equals the readers on random files",
  () => {
    const db = connectedPostgres();

    test.each([
      ["tickets", ticketColumns, ["id", "createdAt"]],
      ["surveyResponses", surveyColumns, ["id", "kind"]],
      ["sessions", sessionColumns, ["id", "startedAt", "kind"]],
    ] as const)(
      "%s",
      async (kind, columns, required) => {
        await fc.assert(
          fc.asyncProperty(
            fileCases(kind, columns, required),
            async ({ header, rows, options }) => {
              const [fromServer, fromReader] = await Promise.all([
                postgresAccounting(db.client, header, rows, kind, options),
                readerAccounting(writeCsv(header, rows), kind, options),
              ]);
              expect(fromServer.rejections).toEqual(fromReader.rejections);
              expect(fromServer.counts).toEqual(fromReader.counts);
            },
          ),
          { numRuns: 25 },
        );
      },
      120_000,
    );
  },
);
