import { defineConfig } from "tsup";

// The library: one entry per subpath export — the browser-safe core (root), the vendor
// adapters (pure, browser-safe), the Node-only file readers, the Node-only HTML report and
// the DuckDB engine (its @duckdb/node-api an optional peer, left external) and the PostgreSQL
// engine (it takes a client, `pg` an optional peer; it imports none) and the SQL compiler
// with every dialect (pure: the warehouses' SQL is run by the user's own client).
// The CLI is built apart, as one executable file with a shebang. `npm run build` empties
// dist/ first (the two builds run in parallel, so neither may clean it).
export default defineConfig([
  {
    entry: {
      index: "src/index.ts",
      adapters: "src/adapters/index.ts",
      node: "src/node/index.ts",
      report: "src/report/html.ts",
      duckdb: "src/duckdb/index.ts",
      postgres: "src/postgres/index.ts",
      sql: "src/sql/index.ts",
    },
    format: ["esm", "cjs"],
    dts: true,
    clean: false,
    sourcemap: true,
    target: "es2022",
    platform: "node",
  },
  {
    entry: { cli: "src/cli/bin.ts" },
    format: ["esm"],
    dts: false,
    clean: false,
    sourcemap: true,
    target: "es2022",
    platform: "node",
    banner: { js: "#!/usr/bin/env node" },
  },
]);
