/**
 * Throwaway PostgreSQL servers for the tests: a real server from the Debian `postgresql`
 * package (never a mock), initialised in a temporary folder, listening on a free loopback
 * port, stopped and deleted at the end. `.ci/run` installs the package; on a machine without
 * it the tests that need a server are skipped (../systemParts.ts says when that fails instead).
 *
 * PostgreSQL's initdb refuses to run as root: as root, every server command runs as the
 * `postgres` user (the package creates it) through `runuser`, in a folder that user owns.
 */

import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { partAvailable } from "../systemParts.ts";

/** One running server. */
export interface PostgresServer {
  /** A connection string for the `postgres` superuser and database. */
  readonly url: string;
  readonly port: number;
  /** Stops the server (fast shutdown) and deletes its folder. */
  stop(): void;
}

/** Where the server binaries are, or `null` when PostgreSQL is not installed. */
export function postgresBinaries(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  // The newest installed major version.
  const versions = readdirSync(root)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = join(root, version, "bin");
    if (existsSync(join(bin, "initdb")) && existsSync(join(bin, "pg_ctl"))) return bin;
  }
  return null;
}

/**
 * Whether the PostgreSQL tests can run here; throws when they must and cannot.
 *
 * @returns `true` when a server can be started, `false` when its tests are to be skipped.
 */
export function postgresAvailable(): boolean {
  return partAvailable(postgresBinaries() !== null, "apt-get install postgresql");
}

const asRoot = process.getuid?.() === 0;

/** Runs a server command, as the `postgres` user when we are root. */
function run(command: string, args: readonly string[]): void {
  const [file, argv] = asRoot
    ? ["runuser", ["-u", "postgres", "--", command, ...args]]
    : [command, [...args]];
  const result = spawnSync(file, argv, { encoding: "utf8" });
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(" ")} failed (${result.status}): ${result.stderr || result.stdout}`,
    );
}

/** A free TCP port on the loopback interface, found by letting the system pick one. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Initialises and starts one server on a free loopback port. Settings favour a test run
 * over durability (no fsync, no full-page writes): the data is thrown away at the end.
 *
 * @returns The running server; call `stop()` in an `afterAll`.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBinaries();
  if (bin === null) throw new Error("PostgreSQL is not installed: apt-get install postgresql");
  const dir = mkdtempSync(join(tmpdir(), "support-metrics-pg-"));
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, "data");
  run(join(bin, "initdb"), ["-D", data, "--auth=trust", "-U", "postgres", "-E", "UTF8", "-N"]);
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses=127.0.0.1",
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
    "-c max_connections=40",
    "-c shared_buffers=64MB",
  ].join(" ");
  run(join(bin, "pg_ctl"), ["-D", data, "-o", settings, "-w", "-l", join(dir, "log"), "start"]);
  let stopped = false;
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run(join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
