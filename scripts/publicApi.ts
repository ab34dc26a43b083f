/**
 * The names the root entry exports, runtime values and types apart, read with the TypeScript
 * compiler. `npm run api:list` writes them to test/public-api.json, the list of public names
 * that test/public-api.test.ts holds the root to: a new export must be added there on purpose
 * (and a removed one is a change for CHANGELOG.md).
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export interface PublicApi {
  values: string[];
  types: string[];
}

/**
 * The root's exports, sorted: values (what importing the root gives at run time: functions,
 * constants, schemas) and the names that are types only.
 */
export async function publicApi(): Promise<PublicApi> {
  const runtime = new Set(Object.keys(await import("../src/index.ts")));
  const file = fileURLToPath(new URL("../src/index.ts", import.meta.url));
  const program = ts.createProgram([file], {
    allowImportingTsExtensions: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const module = source && checker.getSymbolAtLocation(source);
  if (!module) throw new Error("src/index.ts: no module symbol");
  const values: string[] = [];
  const types: string[] = [];
  for (const symbol of checker.getExportsOfModule(module)) {
    (runtime.has(symbol.name) ? values : types).push(symbol.name);
  }
  return { values: values.sort(), types: types.sort() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = fileURLToPath(new URL("../test/public-api.json", import.meta.url));
  writeFileSync(out, `${JSON.stringify(await publicApi(), null, 2)}\n`);
}
