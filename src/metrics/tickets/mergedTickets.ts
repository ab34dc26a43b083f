import type { Reducer } from "../../reduce/reducer.ts";

/**
 * Merged tickets count once, as the helpdesk counts them. When two tickets are merged, the
 * helpdesk closes the source and keeps the conversation in the target: Zendesk closes the
 * source with the tag `closed_by_merge` and adds its comments to the target. Counted as a
 * ticket of its own, the source would add a ticket created, a ticket resolved (in seconds,
 * often without a reply) and a customer contact that the target already counts.
 *
 * So the ticket metrics leave a merged source out, under the named reason `mergedSource` in
 * `excluded`; the target, which holds the conversation, counts. The reason appears in a
 * result only when the data held a merged source, so results of data without merges are
 * unchanged. Stock metrics (backlog, queue length) keep the source: it was open work until
 * the merge. Distinct-customer counts keep it too: its requester did contact support.
 */

/** The tag Zendesk puts on the source of a merge (the ticket closed into another). */
/**
 * The reason a ticket metric leaves out the source of a merged ticket. It is a sparse reason
 * (see `SparseReason`): the key appears in `excluded` only once a merged source was counted.
 */
export type MergedSourceExclusion = "mergedSource";

export const MERGED_SOURCE_TAG = "closed_by_merge";

/**
 * Whether a ticket is the source of a merge: its `tags` hold `closed_by_merge`. Records from
 * other helpdesks can carry the same tag to be counted the same way.
 *
 * @example
 * [isMergedSource({ tags: ["closed_by_merge"] }), isMergedSource({ tags: ["vip"] }), isMergedSource({})]
 * //=> [true, false, false]
 */
export function isMergedSource(ticket: { tags?: readonly string[] | null }): boolean {
  const tags: unknown = ticket.tags;
  return Array.isArray(tags) && tags.includes(MERGED_SOURCE_TAG);
}

/**
 * A ticket metric's reducer that leaves merged sources out: `add` counts such a ticket in
 * its state's `excluded.mergedSource` and gives it no further thought; everything else is the
 * reducer's own. States keep their shape (the reason is one more count in `excluded`, which
 * merges like the others), so saved states and shards work as before.
 *
 * @example
 * const count = { name: "count", timeOf: () => undefined,
 *   init: () => ({ n: 0, excluded: {} }), add: (state) => { state.n++; },
 *   merge: (a, b) => ({ n: a.n + b.n, excluded: { ...a.excluded } }),
 *   result: (state) => ({ value: state.n, excluded: { ...state.excluded } }) };
 * const once = skipMergedSources(count);
 * const state = once.init();
 * for (const tags of [[], ["closed_by_merge"], ["vip"]]) once.add(state, { tags }, undefined);
 * once.result(state)
 * //=> { value: 2, excluded: { mergedSource: 1 } }
 */
export function skipMergedSources<Item, State, Result>(
  reducer: Reducer<Item, State, Result>,
): Reducer<Item, State, Result> {
  const add = reducer.add;
  return {
    ...reducer,
    add(state, item, window) {
      if (!isMergedSource(item as { tags?: readonly string[] })) {
        add.call(reducer, state, item, window);
        return;
      }
      const excluded = (state as { excluded?: Record<string, number> }).excluded;
      if (excluded) excluded.mergedSource = (excluded.mergedSource ?? 0) + 1;
    },
  };
}
