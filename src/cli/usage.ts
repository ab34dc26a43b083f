/**
 * The CLI's two kinds of failure, each with its exit code: a mistake in the arguments (1) and
 * a problem in the data (2). Both are printed as one line, never with a stack trace.
 */

/** A usage mistake: printed as one line, exit code 1. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** A data problem (a read error, nothing valid to report on): exit code 2. */
export class DataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DataError";
  }
}
