/**
 * Our own message inside a PostgreSQL error raised by the dialect's `fail` (src/sql/postgres.ts
 * casts the message to an integer, so the server complains about the text): the engine's
 * functions give the user the message alone, the server's error as its cause.
 */
import { POSTGRES_FAILURE_MARKER } from "../sql/postgres.ts";

/**
 * The server's complaint when a query fails through the dialect's `fail` (a message cast to
 * an integer): `invalid input syntax for type integer: "support-metrics: <message>"`.
 */
const FAILURE = new RegExp(
  `invalid input syntax for type integer: "${POSTGRES_FAILURE_MARKER}([^"]*)"`,
);

/**
 * Our own message when the server failed a query through the dialect's `fail`, else none.
 *
 * @example
 * const error = new Error('invalid input syntax for type integer: "support-metrics: too early"');
 * [failureMessage(error), failureMessage(new Error("connection refused"))]
 * //=> ["too early", undefined]
 */
export function failureMessage(error: unknown): string | undefined {
  const text = error instanceof Error ? error.message : undefined;
  return text === undefined ? undefined : FAILURE.exec(text)?.[1];
}

/**
 * Runs a query; when it fails by one of our own checks, throws a RangeError with our
 * message alone (the server's error as its `cause`), else the server's error as it is.
 */
export async function queryChecked<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const message = failureMessage(error);
    if (message === undefined) throw error;
    throw new RangeError(message, { cause: error });
  }
}
