/**
 * The machinery behind test/docs-code.test.ts: finds the TypeScript blocks of the Markdown
 * pages and type-checks them against the library's source, reporting every problem as
 * `page.md:line:column - TSnnnn message` at the line of the page it comes from.
 *
 * Rules (kept here, in one place, so that the test and the pages cannot disagree):
 *
 * - A block is a fence opened with ```ts or ```typescript. Other fences (sh, json, text) are
 *   not code to check.
 * - Each block is compiled as an ES module of its own, in strict mode, with the names of
 *   {@link PRELUDE} in scope (the data the prose takes as given: `tickets`, `responses`...).
 *   A block may declare a prelude name itself; its own declaration then shadows the prelude's.
 * - The package's entry points (`support-metrics`, `support-metrics/node`...) resolve to
 *   src/ exactly as package.json exports them, so importing a name an entry does not export,
 *   or an entry that does not exist, fails.
 * - A block whose first line is a comment naming a file (`// worker.ts: ...`) is compiled
 *   under that name, so the other blocks of the same page can import it (`./worker.js`).
 * - An HTML comment on the line just above a fence changes how the block is read (it does not
 *   show in the rendered page):
 *   - `<!-- docs-code: continued -->`: the block continues the previous TypeScript block of
 *     the same page (the prose goes on between two parts of one program), so it sees that
 *     block's names;
 *   - `<!-- docs-code: unchecked, <reason> -->`: the block is deliberately not compiled
 *     (pseudo-code, an excerpt). The test lists these blocks with their reasons; keep them
 *     rare.
 *   Any other `docs-code:` comment, or one that is not just above a TypeScript fence, is an
 *   error: a misspelt marker must not silently stop a block from being checked.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

/** The repository root. */
export const ROOT = join(import.meta.dirname, "..");

/**
 * What the prose of the pages takes as given: records already validated, raw input, shards.
 * Declared with the library's own types, in a global script, so a block may shadow a name.
 */
export const PRELUDE = `
/** Validated tickets. */
declare const tickets: import("support-metrics").Ticket[];
/** Validated survey responses (also called surveys). */
declare const responses: import("support-metrics").SurveyResponse[];
declare const surveys: import("support-metrics").SurveyResponse[];
declare const customers: import("support-metrics").Customer[];
declare const shifts: import("support-metrics").AgentShift[];
declare const purchases: import("support-metrics").Purchase[];
/** Contacts offered to a queue (calls, chats). */
declare const contacts: import("support-metrics").QueueContact[];
declare const calls: import("support-metrics").QueueContact[];
/** Records as they arrive, before validation. */
declare const rawTickets: unknown[];
declare const rawResponses: unknown[];
/** Two parts of one set of tickets, as two workers would see them. */
declare const shardA: import("support-metrics").Ticket[];
declare const shardB: import("support-metrics").Ticket[];
/** Parsed JSON as a helpdesk API returns it. */
declare const ticketsJson: unknown;
declare const metricsJson: unknown;
`;

/** The package's entry points (package.json "exports") and the source file each is built from. */
export const ENTRY_POINTS: Readonly<Record<string, string>> = {
  "support-metrics": "src/index.ts",
  "support-metrics/adapters": "src/adapters/index.ts",
  "support-metrics/node": "src/node/index.ts",
  "support-metrics/report": "src/report/html.ts",
  "support-metrics/duckdb": "src/duckdb/index.ts",
  "support-metrics/postgres": "src/postgres/index.ts",
  "support-metrics/sql": "src/sql/index.ts",
};

/** One TypeScript block of a page. */
export interface Block {
  /** The page, relative to the repository root. */
  file: string;
  /** 1-based line of the block's first code line in the page. */
  line: number;
  code: string;
  /** Whether it stands alone, continues the previous block, or is deliberately not compiled. */
  mode: "alone" | "continued" | "unchecked";
  /** Why it is not compiled (mode "unchecked"). */
  reason?: string;
  /** The file name its first line gives it (`// worker.ts: ...`), if any. */
  name?: string;
}

const MARKER = /^\s*<!--\s*docs-code:\s*(.*?)\s*-->\s*$/;
const OPEN = /^```(\S*)\s*$/;
const NAMED = /^\/\/\s*([A-Za-z0-9_.-]+\.ts)\b/;

/** The TypeScript blocks of a page, in order. Throws on a marker it does not understand. */
export function findBlocks(file: string, text: string): Block[] {
  const lines = text.split("\n");
  const out: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = OPEN.exec(lines[i] as string);
    const marker = MARKER.exec(lines[i] as string);
    if (marker) {
      const next = OPEN.exec(lines[i + 1] ?? "");
      if (!next || !isTypeScript(next[1] as string)) {
        throw new Error(
          `${file}:${i + 1}: a docs-code marker must sit just above a \`\`\`ts fence`,
        );
      }
      continue;
    }
    if (!open) continue;
    const start = i;
    let end = i + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end] as string)) end++;
    if (end === lines.length) throw new Error(`${file}:${start + 1}: a fence is never closed`);
    i = end;
    if (!isTypeScript(open[1] as string)) continue;
    const code = lines.slice(start + 1, end).join("\n");
    const block: Block = { file, line: start + 2, code, mode: "alone" };
    const name = NAMED.exec(lines[start + 1] ?? "");
    if (name) block.name = name[1] as string;
    const above = MARKER.exec(lines[start - 1] ?? "");
    if (above) {
      const directive = above[1] as string;
      const unchecked = /^unchecked,\s*(\S.*)$/.exec(directive);
      if (directive === "continued") {
        if (!out.some((b) => b.mode !== "unchecked")) {
          throw new Error(`${file}:${start}: "continued", but no block comes before it`);
        }
        block.mode = "continued";
      } else if (unchecked) {
        block.mode = "unchecked";
        block.reason = unchecked[1] as string;
      } else {
        throw new Error(
          `${file}:${start}: unknown docs-code marker "${directive}" (use "continued" or "unchecked, <reason>")`,
        );
      }
    }
    out.push(block);
  }
  return out;
}

function isTypeScript(lang: string): boolean {
  return lang === "ts" || lang === "typescript";
}

/** One compiled file: one block, or a block and the blocks that continue it. */
interface Unit {
  path: string;
  blocks: Block[];
  /** For each line of the file's text, the block it comes from and the line in the page. */
  origin: { block: Block; line: number }[];
  text: string;
}

function units(blocks: readonly Block[]): Unit[] {
  const out: Unit[] = [];
  const last = new Map<string, Unit>();
  for (const block of blocks) {
    if (block.mode === "unchecked") continue;
    let unit = block.mode === "continued" ? last.get(block.file) : undefined;
    if (!unit) {
      const folder = join(ROOT, "__docs__", block.file.replace(/\.md$/, "").replace(/\//g, "_"));
      const path = join(folder, block.name ?? `line-${block.line}.ts`);
      unit = { path, blocks: [], origin: [], text: "" };
      out.push(unit);
      last.set(block.file, unit);
    }
    const lines = block.code.split("\n");
    unit.blocks.push(block);
    unit.text += `${block.code}\n`;
    for (let i = 0; i < lines.length; i++) unit.origin.push({ block, line: block.line + i });
  }
  return out;
}

/** The compiler options of a reader's project: strict ES modules for Node, with the DOM. */
const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  moduleDetection: ts.ModuleDetectionKind.Force,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  allowImportingTsExtensions: true,
  types: ["node"],
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
  baseUrl: ROOT,
  ignoreDeprecations: "6.0",
  paths: Object.fromEntries(Object.entries(ENTRY_POINTS).map(([name, file]) => [name, [file]])),
};

/**
 * Type-checks the blocks; for each checked block, its problems as `page:line:column - TSnnnn
 * message` lines (empty when it compiles). A problem in the prelude goes to the first block of
 * the file that met it.
 */
export function checkBlocks(blocks: readonly Block[]): Map<Block, string[]> {
  const all = units(blocks);
  if (all.length === 0) return new Map();
  const prelude = join(ROOT, "__docs__", "prelude.d.ts");
  const sources = new Map<string, string>([[prelude, PRELUDE]]);
  for (const unit of all) {
    if (sources.has(unit.path)) throw new Error(`${unit.path}: two blocks give the same file name`);
    sources.set(unit.path, unit.text);
  }
  const folders = new Set([...sources.keys()].map((path) => join(path, "..")));
  const host = ts.createCompilerHost(OPTIONS);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  const directoryExists = host.directoryExists?.bind(host);
  const getSource = host.getSourceFile.bind(host);
  host.readFile = (name) => sources.get(name) ?? read(name);
  host.fileExists = (name) => sources.has(name) || exists(name);
  host.directoryExists = (name) =>
    folders.has(name) || name === join(ROOT, "__docs__") || (directoryExists?.(name) ?? true);
  host.getSourceFile = (name, version) => {
    const text = sources.get(name);
    return text === undefined ? getSource(name, version) : ts.createSourceFile(name, text, version);
  };
  const program = ts.createProgram([prelude, ...all.map((unit) => unit.path)], OPTIONS, host);
  const out = new Map<Block, string[]>();
  for (const block of blocks) if (block.mode !== "unchecked") out.set(block, []);
  const preludeProblems = problems(program, prelude);
  for (const unit of all) {
    for (const d of problems(program, unit.path)) {
      const message = `TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      if (d.file?.fileName === unit.path && d.start !== undefined) {
        const at = d.file.getLineAndCharacterOfPosition(d.start);
        const origin = unit.origin[at.line] ?? unit.origin.at(-1);
        if (!origin) continue;
        out
          .get(origin.block)
          ?.push(`${origin.block.file}:${origin.line}:${at.character + 1} - ${message}`);
      } else {
        const first = unit.blocks[0] as Block;
        out.get(first)?.push(`${first.file}:${first.line} - ${message}`);
      }
    }
  }
  // The prelude's own problems (a broken prelude, or a name a block redeclares globally).
  const first = blocks.find((block) => block.mode !== "unchecked");
  for (const d of preludeProblems) {
    if (first) {
      const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      out.get(first)?.push(`(prelude) - TS${d.code} ${message}`);
    }
  }
  return out;
}

function problems(program: ts.Program, path: string): readonly ts.Diagnostic[] {
  const source = program.getSourceFile(path);
  return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
}

/** README.md and every page of docs/, as the test reads them. */
export function pageBlocks(files: readonly string[]): Block[] {
  return files.flatMap((file) => findBlocks(file, readFileSync(join(ROOT, file), "utf8")));
}
