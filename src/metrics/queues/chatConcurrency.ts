import * as z from "zod/mini";
import { callOf } from "../../reduce/folds.ts";
import { readOptions } from "../../reduce/options.ts";
import { badField } from "../../reduce/recordError.ts";
import type { Reducer } from "../../reduce/reducer.ts";
import { type Excluded, excludedCounts, mergeExcluded } from "../../reduce/results.ts";
import { ABANDONED, OUTCOME_RULES } from "../../sql/queueContacts.ts";
import { field, isNull, value } from "../../sql/spec.ts";
import { type MsInterval, totalLength, union } from "../agents/intervals.ts";
import { defineMetric } from "../define.ts";
import {
  BY_OFFER,
  checkedOutcome,
  checkedSeconds,
  OUTCOME_EXCLUSIONS,
  type OutcomeExclusion,
  type QueueContact,
} from "./contact.ts";

/** The fields {@link chatConcurrency} reads; callers may pass whole queue contacts. */
export type ChatConcurrencyInput = Pick<
  QueueContact,
  "offeredAt" | "answeredAt" | "abandonedAt" | "talkSeconds" | "agentId"
>;

/** Options for {@link chatConcurrency}: none. */
export type ChatConcurrencyOptions = Record<string, never>;

/** The schema of {@link ChatConcurrencyOptions}: no option. */
const OPTIONS = z.strictObject({});

/** Why a contact did not count. */
export type ChatConcurrencyExclusion = "notAnswered" | "noAgent" | "noTalkTime" | OutcomeExclusion;

/** The accumulator behind {@link chatConcurrency}: each agent's conversations, as added. */
export interface ChatConcurrencyState {
  agents: Map<string, MsInterval[]>;
  /** Conversation milliseconds, summed (whole milliseconds add up exactly in any order). */
  conversationMs: number;
  conversations: number;
  excluded: Excluded<ChatConcurrencyExclusion>;
}

/**
 * Chat concurrency: `value` = conversation seconds / busy seconds, where busy time is when
 * an agent had at least one conversation open (overlaps counted once per agent); `null`
 * with no busy time. It is at least 1.
 */
export interface ChatConcurrencyResult {
  value: number | null;
  /** Seconds of conversation, every conversation counted in full (the numerator). */
  conversationSeconds: number;
  /** Seconds during which each agent had a conversation open, summed over agents. */
  busySeconds: number;
  /** Conversations counted. */
  conversations: number;
  /** Distinct agents. */
  agents: number;
  excluded: Excluded<ChatConcurrencyExclusion>;
}

const EXCLUSIONS: readonly ChatConcurrencyExclusion[] = [
  "notAnswered",
  "noAgent",
  "noTalkTime",
  ...OUTCOME_EXCLUSIONS,
];

/**
 * Chat concurrency: how many conversations an agent has open at once while working, on
 * average over the time they have any open. Each answered contact is a conversation from
 * `answeredAt` to `answeredAt` + `talkSeconds` (to the millisecond) held by `agentId`; the
 * value is the time-weighted average of the number open, over the time at least one is:
 * Σ conversation time / Σ per agent of the union of their conversations.
 *
 * An agent with two chats 10:00–10:20 and 10:10–10:30 worked 30 minutes with 40 minutes of
 * conversation: 40 / 30 = 1.33 at once. Filter to chat and messaging contacts first (or group
 * by channel): a phone agent's value is 1. Abandoned contacts (`notAnswered`), contacts
 * without an agent (`noAgent`) or a talk time (`noTalkTime`), and unclear outcomes are
 * excluded by reason. A contact is placed in a period by `offeredAt`, and its whole
 * conversation counts there. Definition: docs/contact-centre.md, "Chat concurrency".
 *
 * @param items - Queue contacts (chats).
 * @returns See {@link ChatConcurrencyResult}.
 *
 * @example
 * const at = (time) => new Date(`2024-03-04T${time}:00Z`);
 * const chat = (start, minutes) =>
 *   ({ offeredAt: at(start), answeredAt: at(start), abandonedAt: null, talkSeconds: minutes * 60, agentId: "ana" });
 * // 10:00–10:20 and 10:10–10:30: 40 minutes of chat in 30 busy minutes = 1.33
 * chatConcurrency([chat("10:00", 20), chat("10:10", 20)]).value
 * //=> 1.33
 */
export const chatConcurrency = callOf(chatConcurrencyReducer);

/**
 * The mergeable reducer behind {@link chatConcurrency}, for `rollup` and for shards. Each
 * agent's conversations are kept and only unioned in `result`, so merging shards is exact.
 *
 * @example Two shards folded apart and merged, as `rollup` and workers do
 * import { foldShards } from "support-metrics";
 * const at = (time) => new Date(`2024-03-04T${time}:00Z`);
 * const chat = (start, minutes) =>
 *   ({ offeredAt: at(start), answeredAt: at(start), abandonedAt: null, talkSeconds: minutes * 60, agentId: "ana" });
 * const all = [chat("10:00", 20), chat("10:10", 20)];
 * foldShards(chatConcurrencyReducer(), [all.slice(0, 1), all.slice(1)]).busySeconds
 * //=> 1800
 */
export function chatConcurrencyReducer(
  options: ChatConcurrencyOptions = {},
): Reducer<ChatConcurrencyInput, ChatConcurrencyState, ChatConcurrencyResult> {
  const fn = "chatConcurrency";
  readOptions(fn, OPTIONS, options);
  return {
    name: fn,
    timeOf: (contact) => contact.offeredAt,
    init: () => ({
      agents: new Map(),
      conversationMs: 0,
      conversations: 0,
      excluded: excludedCounts(EXCLUSIONS),
    }),
    add(state, contact) {
      const outcome = checkedOutcome(fn, contact);
      if (outcome !== "answered") {
        state.excluded[outcome === "abandoned" ? "notAnswered" : outcome]++;
        return;
      }
      const agentId: unknown = contact.agentId;
      if (agentId !== null && agentId !== undefined && typeof agentId !== "string")
        badField(fn, "agentId", "a string or null", agentId);
      const talk = checkedSeconds(fn, "talkSeconds", contact.talkSeconds);
      if (contact.agentId == null) {
        state.excluded.noAgent++;
        return;
      }
      if (talk === null) {
        state.excluded.noTalkTime++;
        return;
      }
      const start = (contact.answeredAt as Date).getTime();
      const length = Math.round(talk * 1000);
      state.conversations++;
      state.conversationMs += length;
      let list = state.agents.get(contact.agentId);
      if (!list) {
        list = [];
        state.agents.set(contact.agentId, list);
      }
      list.push({ start, end: start + length });
    },
    merge(a, b) {
      const agents = new Map<string, MsInterval[]>();
      for (const source of [a.agents, b.agents]) {
        for (const [id, list] of source) agents.set(id, (agents.get(id) ?? []).concat(list));
      }
      return {
        agents,
        conversationMs: a.conversationMs + b.conversationMs,
        conversations: a.conversations + b.conversations,
        excluded: mergeExcluded(a.excluded, b.excluded),
      };
    },
    result(state) {
      let busyMs = 0;
      for (const list of state.agents.values()) busyMs += totalLength(union(list));
      return concurrencyOf({ ...state, busyMs, agents: state.agents.size });
    },
  };
}

/** The result from the state's sums and counts and the agents' busy milliseconds. */
function concurrencyOf(counts: {
  conversationMs: number;
  busyMs: number;
  conversations: number;
  agents: number;
  excluded: Excluded<ChatConcurrencyExclusion>;
}): ChatConcurrencyResult {
  return {
    value: counts.busyMs === 0 ? null : counts.conversationMs / counts.busyMs,
    conversationSeconds: counts.conversationMs / 1000,
    busySeconds: counts.busyMs / 1000,
    conversations: counts.conversations,
    agents: counts.agents,
    excluded: { ...counts.excluded },
  };
}

/**
 * Chat concurrency in the catalogue: the CLI's `concurrency`, placed by the offer. Its value
 * is a ratio of two sums with no one count of records behind it, so its result is an amount.
 */
export const chatConcurrencyMetric = defineMetric({
  name: "concurrency",
  aliases: ["chat-concurrency"],
  key: "chatConcurrency",
  label: "Chat concurrency",
  description: "Conversations an agent has open at once, on average over the time any is open.",
  unit: "ratio",
  better: "neither",
  records: "queueContacts",
  reads: ["offeredAt", "answeredAt", "abandonedAt", "talkSeconds", "agentId"],
  placement: BY_OFFER,
  result: "amount",
  options: OPTIONS,
  // Each conversation from answeredAt for its talk in whole milliseconds; the agents' busy
  // time is the union of their conversations, windowed in SQL (src/sql/unionLength.ts).
  sql: () => {
    const length = { round: { op: "*", args: [field("talkSeconds"), value(1000)] } } as const;
    return {
      exclude: [
        ...OUTCOME_RULES,
        { reason: "notAnswered", when: ABANDONED },
        { reason: "noAgent", when: isNull("agentId") },
        { reason: "noTalkTime", when: isNull("talkSeconds") },
      ],
      state: {
        conversations: { count: true },
        conversationMs: { sum: length },
        busyMs: { union: { by: field("agentId"), start: "answeredAt", length } },
        agents: { distinct: [field("agentId")] },
      },
      result: ({ conversationMs = 0, busyMs = 0, conversations = 0, agents = 0 }, excluded) =>
        concurrencyOf({
          conversationMs,
          busyMs,
          conversations,
          agents,
          excluded: excluded as Excluded<ChatConcurrencyExclusion>,
        }),
    };
  },
  reducer: chatConcurrencyReducer,
});
