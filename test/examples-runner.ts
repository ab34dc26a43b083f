/**
 * The machinery behind test/examples.test.ts: finds the `@example` blocks of TSDoc comments,
 * runs their code, and compares each value with the `//=>` line written after it.
 *
 * Rules (kept here, in one place, so that the test and the docs cannot disagree):
 *
 * - An example is the text after an `@example` tag up to the next tag or the end of the
 *   comment. Text on the tag's own line is a title. Markdown fences (```) are ignored.
 * - Every `//=> value` line checks the expression statement just before it: the code up to
 *   that line is run and its completion value (the value of its last expression statement)
 *   is compared with `value`. An example without any `//=>` line is an error, so an example
 *   can never silently stop being checked. The expected value is one line long.
 * - The code runs in the current realm with the file's own exports in scope. Leading
 *   `import` lines are supported (`import * as z from "zod"`, `import { a, b as c } from
 *   "m"`, `import d from "m"`); `"support-metrics"` means the root entry (src/index.ts) and
 *   relative paths are read from the example's file. `import type` lines are dropped.
 * - The expected text is a JS literal. Values compare deeply (arrays, plain objects, Dates by
 *   time); a number written as an integer must match exactly; a number written with
 *   decimals matches when it is within 1e-9 relative, or when the actual value rounds to it
 *   at the written number of decimals (`//=> 21.67` for 21.666…).
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";

/** One `@example` block found in a source file. */
export interface Example {
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  /** The declaration the comment documents (`nps`, `ratio.percent`...), or `(file)`. */
  name: string;
  /** Position among the examples of the same declaration, from 1. */
  index: number;
  /** Text after the `@example` tag on its own line, if any. */
  title: string;
  /** 1-based line of the `@example` tag in the file. */
  line: number;
  /** The example's code lines, comment markers removed. */
  lines: string[];
}

/** One check of an example: the code to run and the value written after `//=>`. */
export interface Check {
  code: string;
  expected: string;
  /** 1-based line of the `//=>` line inside the example. */
  line: number;
}

/** The repository root (the folder holding src/ and test/). */
export const ROOT = resolve(dirname(new URL(import.meta.url).pathname), "..");

/** Every TypeScript source file under `dir` that is not a test, in a stable order. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    )) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ts$/.test(entry.name) && !/\.(test|test-prop|bench)\.ts$/.test(entry.name))
        out.push(path);
    }
  };
  walk(dir);
  return out;
}

const DECLARATION =
  /^\s*(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\*?|const|let|var|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/;
const MEMBER = /^\s*(?:static\s+|readonly\s+|async\s+|get\s+|set\s+)*([A-Za-z_$][\w$]*)\s*[<(:]/;

/** The name declared by the code that follows a doc comment. */
function declaredName(after: string, container: string | undefined): string {
  const line = after.split("\n").find((l) => l.trim() !== "") ?? "";
  const top = DECLARATION.exec(line);
  if (top) return top[1] as string;
  const member = MEMBER.exec(line);
  if (member) return container ? `${container}.${member[1]}` : (member[1] as string);
  return "(file)";
}

/** The innermost enclosing `export const x = {` (for doc comments on object members). */
function containerAt(source: string, offset: number): string | undefined {
  const before = source.slice(0, offset);
  const match = [...before.matchAll(/^export\s+const\s+([A-Za-z_$][\w$]*)\s*=\s*\{\s*$/gm)].pop();
  if (!match || match.index === undefined) return undefined;
  // Still inside it if no line closes it at column 0 in between.
  return /^\};?\s*$/m.test(before.slice(match.index)) ? undefined : match[1];
}

/** Finds every `@example` block in a file's doc comments. */
export function findExamples(source: string, file: string): Example[] {
  const examples: Example[] = [];
  const counts = new Map<string, number>();
  for (const comment of source.matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
    const start = comment.index ?? 0;
    const end = start + comment[0].length;
    const firstLine = source.slice(0, start).split("\n").length;
    const body = (comment[1] as string).split("\n").map((l) => l.replace(/^\s*\* ?/, ""));
    // A one-line comment `/** text */` keeps its text on line 0.
    const name = declaredName(source.slice(end), containerAt(source, start));
    let current: Example | undefined;
    body.forEach((text, i) => {
      const tag = /^\s*@(\w+)\s*(.*)$/.exec(text);
      if (tag) {
        current = undefined;
        if (tag[1] === "example") {
          const index = (counts.get(name) ?? 0) + 1;
          counts.set(name, index);
          current = {
            file,
            name,
            index,
            title: (tag[2] as string).trim(),
            line: firstLine + i,
            lines: [],
          };
          examples.push(current);
        }
        return;
      }
      if (current && !/^\s*```/.test(text)) current.lines.push(text);
    });
    for (const example of examples) {
      while (example.lines.length > 0 && (example.lines.at(-1) as string).trim() === "")
        example.lines.pop();
    }
  }
  return examples;
}

/** Splits an example into its checks, one per `//=>` line. Throws when there is none. */
export function checksOf(example: Example): Check[] {
  const checks: Check[] = [];
  example.lines.forEach((text, i) => {
    const match = /^\s*\/\/=>\s?(.*)$/.exec(text);
    if (!match) return;
    checks.push({
      code: example.lines.slice(0, i).join("\n"),
      expected: (match[1] as string).trim(),
      line: i + 1,
    });
  });
  if (checks.length === 0) {
    throw new Error(
      `${example.file}:${example.line}: the @example of ${example.name} has no "//=> value" line, so nothing checks it`,
    );
  }
  return checks;
}

interface ImportLine {
  specifier: string;
  namespace?: string;
  default?: string;
  named: { imported: string; local: string }[];
}

/** Takes the `import` lines off the top of an example. */
export function splitImports(code: string): { imports: ImportLine[]; body: string } {
  const imports: ImportLine[] = [];
  const lines = code.split("\n");
  const body: string[] = [];
  for (const line of lines) {
    const text = line.trim();
    if (!text.startsWith("import ") && !text.startsWith("import{")) {
      body.push(line);
      continue;
    }
    if (/^import\s+type\s/.test(text)) {
      body.push("");
      continue;
    }
    const match = /^import\s+(.+?)\s+from\s+(["'])([^"']+)\2\s*;?$/.exec(text);
    if (!match) throw new SyntaxError(`examples: cannot read the import line: ${text}`);
    const clause = (match[1] as string).trim();
    const parsed: ImportLine = { specifier: match[3] as string, named: [] };
    const namespace = /^\*\s+as\s+([A-Za-z_$][\w$]*)$/.exec(clause);
    if (namespace) parsed.namespace = namespace[1] as string;
    else {
      const parts = /^(?:([A-Za-z_$][\w$]*)\s*,?\s*)?(?:\{([^}]*)\})?$/.exec(clause);
      if (!parts) throw new SyntaxError(`examples: cannot read the import line: ${text}`);
      if (parts[1]) parsed.default = parts[1];
      for (const item of (parts[2] ?? "").split(",")) {
        const spec = item.trim().replace(/^type\s+/, "");
        if (spec === "" || item.trim().startsWith("type ")) continue;
        const [imported, local = imported] = spec.split(/\s+as\s+/).map((s) => s.trim());
        parsed.named.push({ imported: imported as string, local: local as string });
      }
    }
    imports.push(parsed);
    body.push(""); // keep line numbers
  }
  return { imports, body: body.join("\n") };
}

const RESERVED = new Set(
  "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await eval arguments".split(
    " ",
  ),
);

function isBindable(name: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(name) && !RESERVED.has(name);
}

/** Loads what an example's import lines name, as local bindings. */
async function importBindings(
  imports: ImportLine[],
  fromFile: string,
): Promise<Record<string, unknown>> {
  const bindings: Record<string, unknown> = {};
  for (const line of imports) {
    let target = line.specifier;
    if (target === "support-metrics") target = pathToFileURL(join(ROOT, "src/index.ts")).href;
    else if (target.startsWith("."))
      target = pathToFileURL(resolve(dirname(fromFile), target)).href;
    const mod = (await import(target)) as Record<string, unknown>;
    if (line.namespace) bindings[line.namespace] = mod;
    if (line.default) bindings[line.default] = mod.default;
    for (const { imported, local } of line.named) {
      if (!(imported in mod)) {
        throw new SyntaxError(`examples: "${line.specifier}" has no export named ${imported}`);
      }
      bindings[local] = mod[imported];
    }
  }
  return bindings;
}

/**
 * Runs example code and returns its completion value: the value of the last expression
 * statement. `scope` holds the names the code may use (the file's exports and its imports).
 */
export async function runCode(
  code: string,
  scope: Record<string, unknown>,
  fromFile: string,
): Promise<unknown> {
  const { imports, body } = splitImports(code);
  const bindings = { ...scope, ...(await importBindings(imports, fromFile)) };
  const names = Object.keys(bindings).filter(isBindable);
  // A direct eval inside a function returns the completion value of the code and sees the
  // function's parameters, so the code reads like a module with its imports in scope.
  const run = new Function(...names, "__exampleCode", "return eval(__exampleCode);");
  const value = run(...names.map((name) => bindings[name]), body);
  return value instanceof Promise ? await value : value;
}

/** A number as written in the expected text, so that its written precision is known. */
class Written {
  constructor(
    readonly text: string,
    readonly value: number,
  ) {}

  /** Decimals the text shows: 2 for `21.67`, 0 for `20`, 11 for `1.5e-10`. */
  get decimals(): number {
    const match = /^-?(?:\d[\d_]*)?(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(this.text);
    if (!match) return 0;
    return Math.max(0, (match[1]?.length ?? 0) - Number(match[2] ?? 0));
  }

  get isInteger(): boolean {
    return !/[.eE]/.test(this.text);
  }
}

/** Parses the text after `//=>` as a JS literal, keeping how each number was written. */
export function parseExpected(text: string): unknown {
  let out = "";
  let i = 0;
  const written: Written[] = [];
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '"' || ch === "'" || ch === "`") {
      let j = i + 1;
      while (j < text.length && text[j] !== ch) j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (/[A-Za-z_$]/.test(ch)) {
      const ident = /^[\w$]+/.exec(text.slice(i))?.[0] ?? ch;
      out += ident;
      i += ident.length;
      continue;
    }
    const number = /^(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(text.slice(i));
    if (number) {
      const after = text.slice(i + number[0].length).trimStart();
      // A number used as an object key stays a key.
      if (after.startsWith(":") && /[{,]\s*$/.test(out)) {
        out += number[0];
        i += number[0].length;
        continue;
      }
      // Fold a unary minus written right before the number into it.
      let literal = number[0];
      const signed = /(^|[[,(:{]\s*)-\s*$/.exec(out);
      if (signed) {
        out = out.slice(0, out.length - (signed[0].length - (signed[1] as string).length));
        literal = `-${literal}`;
      }
      written.push(new Written(literal, Number(literal.replace(/_/g, ""))));
      out += `__written[${written.length - 1}]`;
      i += number[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  try {
    return new Function("__written", `return (${out});`)(written);
  } catch (error) {
    throw new SyntaxError(`examples: the expected value is not a JS literal: ${text} (${error})`);
  }
}

function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value instanceof Date)
    return `Date(${Number.isNaN(value.getTime()) ? "Invalid" : value.toISOString()})`;
  if (value instanceof Written) return value.text;
  if (typeof value === "number" || typeof value === "bigint" || value == null) return String(value);
  try {
    return JSON.stringify(value, (_key, v) =>
      v instanceof Written ? v.value : typeof v === "number" && !Number.isFinite(v) ? String(v) : v,
    );
  } catch {
    return String(value);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Compares an actual value with a parsed expected value. Returns `undefined` when they agree,
 * or a description of the first difference (with its path).
 */
export function difference(actual: unknown, expected: unknown, path = "value"): string | undefined {
  if (expected instanceof Written) {
    if (typeof actual !== "number")
      return `${path}: expected ${expected.text}, got ${show(actual)}`;
    const want = expected.value;
    if (Object.is(actual, want) || actual === want) return undefined;
    if (expected.isInteger) return `${path}: expected exactly ${expected.text}, got ${actual}`;
    const scale = Math.max(Math.abs(want), Math.abs(actual));
    if (Math.abs(actual - want) <= 1e-9 * scale) return undefined;
    const half = 0.5 * 10 ** -expected.decimals;
    if (Math.abs(actual - want) <= half * (1 + 1e-9)) return undefined;
    return `${path}: expected ${expected.text} (to ${expected.decimals} decimals), got ${actual}`;
  }
  if (expected === null || typeof expected !== "object") {
    if (Object.is(actual, expected) || (actual === 0 && expected === 0)) return undefined;
    return `${path}: expected ${show(expected)}, got ${show(actual)}`;
  }
  if (expected instanceof Date) {
    if (actual instanceof Date && Object.is(actual.getTime(), expected.getTime())) return undefined;
    return `${path}: expected ${show(expected)}, got ${show(actual)}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected an array, got ${show(actual)}`;
    if (actual.length !== expected.length) {
      return `${path}: expected ${expected.length} items, got ${actual.length}: ${show(actual)}`;
    }
    for (let i = 0; i < expected.length; i++) {
      const found = difference(actual[i], expected[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (isPlainObject(expected)) {
    if (actual === null || typeof actual !== "object" || Array.isArray(actual)) {
      return `${path}: expected an object, got ${show(actual)}`;
    }
    const record = actual as Record<string, unknown>;
    const want = Object.keys(expected).sort();
    const got = Object.keys(record).sort();
    const missing = want.filter((key) => !(key in record) || record[key] === undefined);
    const extra = got.filter((key) => !(key in expected) && record[key] !== undefined);
    if (missing.length > 0 || extra.length > 0) {
      return `${path}: keys differ (missing ${missing.join(", ") || "none"}; unexpected ${extra.join(", ") || "none"}): ${show(actual)}`;
    }
    for (const key of want) {
      const found = difference(record[key], expected[key], `${path}.${key}`);
      if (found) return found;
    }
    return undefined;
  }
  return `${path}: cannot compare with ${show(expected)}`;
}

/** Runs every check of an example against a module's exports; throws on the first failure. */
export async function runExample(
  example: Example,
  exports: Record<string, unknown>,
  absoluteFile: string,
): Promise<number> {
  const checks = checksOf(example);
  for (const check of checks) {
    const where = `${example.file}:${example.line} (${example.name}, example line ${check.line})`;
    const expected = parseExpected(check.expected);
    let actual: unknown;
    try {
      actual = await runCode(check.code, exports, absoluteFile);
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new Error(`${where}: the example threw ${message}\n--- code ---\n${check.code}`);
    }
    const found = difference(actual, expected);
    if (found) throw new Error(`${where}: ${found}\n--- code ---\n${check.code}`);
  }
  return checks.length;
}

/** Every example under a folder, with the file's absolute path. */
export function examplesUnder(dir: string): { absolute: string; examples: Example[] }[] {
  return sourceFiles(dir).map((absolute) => ({
    absolute,
    examples: findExamples(
      readFileSync(absolute, "utf8"),
      relative(ROOT, absolute).split("\\").join("/"),
    ),
  }));
}
