import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";

/**
 * src/schemas must have no import circle: a record's schema, its field kinds, the fast paths
 * and `validate` each build on the ones before, never back. A circle (even of `import type`)
 * is how a five-file knot grew here around one interface, and it makes module load order
 * matter. This walks the imports as written in the files.
 */

const DIR = resolve(import.meta.dirname);

/** Every module specifier a file imports or re-exports, `import type` included. */
function importsOf(source: string): string[] {
  const found: string[] = [];
  // `import x from "m"`, `import type { a } from "m"`, `export { a } from "m"`, `export * from "m"`
  const from = /(?:^|[;\n])\s*(?:import|export)\b[^;"'`]*?\bfrom\s*["']([^"']+)["']/g;
  // `import "m"` (for its side effects)
  const bare = /(?:^|[;\n])\s*import\s*["']([^"']+)["']/g;
  for (const pattern of [from, bare]) {
    for (const match of source.matchAll(pattern)) found.push(match[1] as string);
  }
  return found;
}

/** A circle in a graph of file → files it imports, as the files along it; `null` if none. */
function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | null {
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (node: string): string[] | null => {
    const at = onPath.indexOf(node);
    if (at >= 0) return [...onPath.slice(at), node];
    if (done.has(node)) return null;
    onPath.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    onPath.pop();
    done.add(node);
    return null;
  };
  for (const node of [...graph.keys()].sort()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

/** The modules of src/schemas (tests left out) and which of them each one imports. */
function schemaGraph(): Map<string, string[]> {
  const files = readdirSync(DIR)
    .filter((name) => name.endsWith(".ts") && !/\.(test|test-prop|bench)\.ts$/.test(name))
    .sort();
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const local = importsOf(readFileSync(join(DIR, file), "utf8"))
      .filter((specifier) => specifier.startsWith("./"))
      .map((specifier) => specifier.slice(2));
    graph.set(file, local);
  }
  return graph;
}

describe("src/schemas imports", () => {
  test("reads every kind of import and re-export", () => {
    const source = [
      'import * as z from "zod";',
      'import type { A } from "./a.ts";',
      "import {\n  b,\n  type C,\n} from './b.ts';",
      'export { d } from "./d.ts";',
      'export type { E } from "./e.ts";',
      'export * from "./f.ts";',
      'import "./g.ts";',
      'const text = "import nothing from here";',
    ].join("\n");
    expect(importsOf(source)).toEqual([
      "zod",
      "./a.ts",
      "./b.ts",
      "./d.ts",
      "./e.ts",
      "./f.ts",
      "./g.ts",
    ]);
  });

  test("finds a circle, and only a circle", () => {
    const graph = (edges: Record<string, string[]>) => new Map(Object.entries(edges));
    expect(findCycle(graph({ a: ["b"], b: ["c"], c: ["a"] }))).toEqual(["a", "b", "c", "a"]);
    expect(findCycle(graph({ a: ["a"] }))).toEqual(["a", "a"]);
    // A diamond is not a circle.
    expect(findCycle(graph({ a: ["b", "c"], b: ["d"], c: ["d"], d: [] }))).toBeNull();
  });

  test("sees the folder's imports (the walk has not gone blind)", () => {
    const graph = schemaGraph();
    expect(graph.get("validate.ts")).toEqual(expect.arrayContaining(["ticket.ts", "survey.ts"]));
    expect(graph.get("ticket.ts")).toEqual(expect.arrayContaining(["timestamp.ts"]));
  });

  test("has no import circle", () => {
    expect(findCycle(schemaGraph())).toBeNull();
  });
});
