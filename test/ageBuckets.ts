/**
 * The age buckets backlog and queue length report by default (1, 3, 7 and 30 days), written
 * out by hand so their tests check the labels and bounds the code derives.
 */

/** The default age buckets holding `counts` tickets, youngest first. */
export function defaultAgeBuckets(counts: [number, number, number, number, number]) {
  return [
    { label: "<1d", fromSeconds: 0, toSeconds: 86_400, count: counts[0] },
    { label: "1d-3d", fromSeconds: 86_400, toSeconds: 259_200, count: counts[1] },
    { label: "3d-7d", fromSeconds: 259_200, toSeconds: 604_800, count: counts[2] },
    { label: "7d-30d", fromSeconds: 604_800, toSeconds: 2_592_000, count: counts[3] },
    { label: ">=30d", fromSeconds: 2_592_000, toSeconds: null, count: counts[4] },
  ];
}
