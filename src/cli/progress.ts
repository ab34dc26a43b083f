/** Progress on stderr while files are read: rows, rows per second, percent of bytes. */

/** Where progress goes, and the clock (injectable for tests). */
export interface ProgressSink {
  write(text: string): unknown;
}

/** Least time between two updates, in milliseconds (at most 4 updates a second). */
export const PROGRESS_INTERVAL_MS = 250;

export interface Progress {
  /** Call often; prints at most every {@link PROGRESS_INTERVAL_MS}. */
  tick(rows: number, bytes: number): void;
  /** Clears the progress line, if one was printed. */
  done(): void;
}

const SILENT: Progress = { tick: () => {}, done: () => {} };

/**
 * A throttled progress line (`\r` + erase line) for one file. Silent when `enabled` is false
 * (stderr not a terminal, or `--quiet`). Nothing is printed before the first interval has
 * passed, so short reads stay quiet.
 */
export function progress(
  sink: ProgressSink,
  file: string,
  totalBytes: number | null,
  enabled: boolean,
  now: () => number = Date.now,
): Progress {
  if (!enabled) return SILENT;
  const start = now();
  let last = start;
  let shown = false;
  return {
    tick(rows, bytes) {
      const t = now();
      if (t - last < PROGRESS_INTERVAL_MS) return;
      last = t;
      const seconds = (t - start) / 1000;
      const rate = seconds > 0 ? Math.round(rows / seconds) : 0;
      const percent =
        totalBytes !== null && totalBytes > 0
          ? `, ${Math.min(100, Math.floor((100 * bytes) / totalBytes))}%`
          : "";
      sink.write(
        `\r\x1b[K${file}: ${rows.toLocaleString("en-US")} rows, ${rate.toLocaleString("en-US")} rows/s${percent}`,
      );
      shown = true;
    },
    done() {
      if (shown) sink.write("\r\x1b[K");
      shown = false;
    },
  };
}
