import { defineConfig } from "tsup";

// Three entries, one per subpath export: the browser-safe core (root), the vendor adapters
// (pure, browser-safe), and the Node-only file readers. Node builtins stay external.
export default defineConfig({
  entry: { index: "src/index.ts", adapters: "src/adapters/index.ts", node: "src/node/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "es2022",
  platform: "node",
});
