/**
 * Inside a `describe`: a throwaway PostgreSQL server (server.ts) started before its tests and a
 * client connected to it, both stopped after. Read `db.client` and `db.server` inside the
 * tests and hooks, not while the `describe` is collected (they are set by then).
 */
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { type PostgresServer, startPostgres } from "./server.ts";

/** The server and client of {@link connectedPostgres}, set before the first test. */
export interface ConnectedPostgres {
  readonly server: PostgresServer;
  readonly client: pg.Client;
}

/** Starts a server and connects a client for the tests of the enclosing `describe`. */
export function connectedPostgres(): ConnectedPostgres {
  const held = {} as { server: PostgresServer; client: pg.Client };
  beforeAll(async () => {
    held.server = await startPostgres();
    held.client = new pg.Client({ connectionString: held.server.url });
    await held.client.connect();
  }, 60_000);
  afterAll(async () => {
    await held.client?.end();
    held.server?.stop();
  });
  return held;
}
