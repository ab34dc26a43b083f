/**
 * The adapters subpath must stay browser-safe like the core: bundle src/adapters/index.ts for
 * the browser, fail on any Node builtin in its module graph, and run an adapter in a context
 * without `process` or `require`.
 */
import { builtinModules } from "node:module";
import { join } from "node:path";
import { createContext, runInContext } from "node:vm";
import { build, transform } from "esbuild";
import { expect, test } from "vitest";
import * as adapters from "./index.ts";

const BUILTINS = new Set(builtinModules.map((name) => name.replace(/^node:/, "")));
const isBuiltin = (path: string) =>
  path.startsWith("node:") || BUILTINS.has(path.split("/")[0] as string);

test("the barrel exports every adapter and the validation helpers", () => {
  expect(Object.keys(adapters).sort()).toEqual([
    "FRESHDESK_PRIORITIES",
    "FRESHDESK_RATINGS",
    "FRESHDESK_SOURCES",
    "FRESHDESK_STATUSES",
    "RAILS_TIME_ZONES",
    "chatwootConversations",
    "chatwootCsatResponses",
    "chatwootWebhookEvents",
    "freshdeskSatisfactionRatings",
    "freshdeskTickets",
    "helpscoutConversations",
    "helpscoutRatings",
    "intercomConversations",
    "intercomRatings",
    "policiesFromZendesk",
    "scheduleFromZendesk",
    "validateAdaptedSurveys",
    "validateAdaptedTickets",
    "zendeskAuditAssignments",
    "zendeskMetricEvents",
    "zendeskSatisfactionRatings",
    "zendeskTickets",
    "zendeskTicketsFromMetrics",
  ]);
});

test("bundles for the browser without Node builtins and runs without process or require", async () => {
  const found: string[] = [];
  const result = await build({
    entryPoints: [join(import.meta.dirname, "index.ts")],
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    write: false,
    logLevel: "silent",
    plugins: [
      {
        name: "no-node-builtins",
        setup(builder) {
          builder.onResolve({ filter: /.*/ }, (args) => {
            if (isBuiltin(args.path)) found.push(`${args.importer} imports ${args.path}`);
            return undefined;
          });
        },
      },
    ],
  });
  expect(found).toEqual([]);
  const script = await transform(result.outputFiles[0]?.text ?? "", {
    format: "iife",
    globalName: "adapters",
  });
  const context = createContext({});
  runInContext(script.code, context);
  const status = runInContext(
    `adapters.zendeskTickets([{ id: 1, created_at: "2024-03-01T09:00:00Z", status: "hold" }]).records[0].status`,
    context,
  );
  expect(status).toBe("onHold");
});
