/**
 * Every TypeScript block of README.md and docs/*.md type-checks against the library's source,
 * as the doc comments' examples run: a documented example that fails as written is a defect.
 * The rules (the prelude of given names, continued and unchecked blocks, named files) are in
 * test/docs-code.ts; a failure names the page, line and column and quotes tsc.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import {
  type Block,
  checkBlocks,
  ENTRY_POINTS,
  findBlocks,
  pageBlocks,
  ROOT,
} from "./docs-code.ts";

const pages = [
  "README.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => `docs/${name}`),
];
const blocks = pageBlocks(pages);
/** Made-up pages that show the checker still sees what it must (checked in the same program). */
const fence = (code: string, marker = "") =>
  `${marker ? `${marker}\n` : ""}\`\`\`ts\n${code}\n\`\`\`\n`;
const probes = {
  clean: fence('import { nps } from "support-metrics";\nnps(responses).value;'),
  wrongEntry: `# Title\n\n${fence('import { readTickets } from "support-metrics";\nreadTickets("a.csv");')}\n${fence('import { renderHtmlReport } from "support-metrics/node";')}`,
  noEntry: fence('import { main } from "support-metrics/cli";'),
  typeError: fence(
    'import { nps } from "support-metrics";\n\nconst n: string = nps(responses).value;',
  ),
  alone: `${fence("const total = tickets.length;")}\`\`\`ts\nconsole.log(total + 1);\n\`\`\`\n`,
  continued: `${fence("const total = tickets.length;")}${fence("console.log(total + 1);", "<!-- docs-code: continued -->")}`,
  named: `${fence("// options.ts: shared\nexport const size = 3;")}${fence('import { size } from "./options.js";\nconst twice: number = size * 2;')}`,
};
const probeBlocks = Object.fromEntries(
  Object.entries(probes).map(([name, text]) => [name, findBlocks(`probe/${name}.md`, text)]),
) as Record<keyof typeof probes, Block[]>;
const checked = blocks.filter((block) => block.mode !== "unchecked");
const unchecked = blocks.filter((block) => block.mode === "unchecked");
const problems = checkBlocks([...blocks, ...Object.values(probeBlocks).flat()]);
/** The problems of a probe page, block by block. */
const probe = (name: keyof typeof probes) => probeBlocks[name].map((b) => problems.get(b) ?? []);

/** Fails with every problem on its own line, so the message is the list to fix. */
function expectClean(problems: readonly string[] | undefined): void {
  if (problems === undefined) expect.fail("the block was not compiled");
  if (problems.length > 0) expect.fail(`\n${problems.join("\n")}`);
}

describe("the TypeScript blocks of README.md and docs/", () => {
  test("are found (the scan has not gone blind)", () => {
    expect(checked.length).toBeGreaterThanOrEqual(25);
    expect(checked.some((block) => block.file === "README.md")).toBe(true);
  });

  test.each(checked.map((block) => [`${block.file}:${block.line}`, block] as const))(
    "%s type-checks",
    (_, block) => {
      expectClean(problems.get(block));
    },
  );

  test("deliberately unchecked blocks are rare and say why", () => {
    for (const block of unchecked) {
      console.info(`not type-checked: ${block.file}:${block.line} (${block.reason})`);
    }
    console.info(`${checked.length} blocks type-checked, ${unchecked.length} deliberately not`);
    expect(unchecked.length).toBeLessThanOrEqual(3);
  });

  test("resolve the package's entry points exactly as package.json exports them", () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      exports: Record<string, unknown>;
    };
    const exported = Object.keys(manifest.exports)
      .filter((key) => key !== "./package.json")
      .map((key) => (key === "." ? "support-metrics" : `support-metrics/${key.slice(2)}`));
    expect(Object.keys(ENTRY_POINTS).sort()).toEqual(exported.sort());
    const tsup = readFileSync(join(ROOT, "tsup.config.ts"), "utf8");
    for (const file of Object.values(ENTRY_POINTS)) expect(tsup).toContain(`"${file}"`);
  });
});

describe("the docs checker (it must not go blind)", () => {
  test("a clean block passes, with the prelude's names in scope", () => {
    expect(probe("clean")).toEqual([[]]);
  });

  test("a name an entry point does not export fails, with the page's line and tsc's message", () => {
    const [root, node] = probe("wrongEntry");
    expect(root).toHaveLength(1);
    expect(root?.[0]).toMatch(/^probe\/wrongEntry\.md:4:10 - TS2\d{3} .*'readTickets'/);
    expect(node?.[0]).toMatch(/^probe\/wrongEntry\.md:9:10 - TS2\d{3} .*'renderHtmlReport'/);
  });

  test("an entry point the package does not have fails", () => {
    expect(probe("noEntry")[0]?.[0]).toMatch(/TS2307 Cannot find module 'support-metrics\/cli'/);
  });

  test("a type error is reported at its line in the page", () => {
    expect(probe("typeError")).toEqual([
      [
        "probe/typeError.md:4:7 - TS2322 Type 'number | null' is not assignable to type 'string'.\n  Type 'null' is not assignable to type 'string'.",
      ],
    ]);
  });

  test("a continued block sees the names of the block before it; a block alone does not", () => {
    expect(probe("alone")[1]).toEqual(["probe/alone.md:5:13 - TS2304 Cannot find name 'total'."]);
    expect(probe("continued")).toEqual([[], []]);
  });

  test("a block named by its first line can be imported by another block of the page", () => {
    expect(probe("named")).toEqual([[], []]);
  });

  test("an unchecked block is skipped and keeps its reason; a misspelt marker throws", () => {
    const [block] = findBlocks(
      "x.md",
      fence("not code", "<!-- docs-code: unchecked, pseudo-code -->"),
    );
    expect(block).toMatchObject({ mode: "unchecked", reason: "pseudo-code" });
    expect(checkBlocks(block ? [block] : []).size).toBe(0);
    expect(() => findBlocks("x.md", fence("1;", "<!-- docs-code: continue -->"))).toThrow(
      /x\.md:1: unknown docs-code marker "continue"/,
    );
    expect(() => findBlocks("x.md", "<!-- docs-code: continued -->\n\n```ts\n1;\n```\n")).toThrow(
      /x\.md:1: a docs-code marker must sit just above/,
    );
  });
});
