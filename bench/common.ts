/** Helpers every benchmark uses: reading its size and rounds, and summarising timings. */

/** A whole number above 0 from an argument or environment variable, or the fallback. */
export function readCount(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined || text === "") return fallback;
  const value = Number(text.replace(/_/g, ""));
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`bench: ${name} must be a whole number above 0, got ${text}`);
  }
  return value;
}

/** The median of timings (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
