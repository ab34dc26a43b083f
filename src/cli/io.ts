/** Where the CLI writes, and whether stderr is a terminal (progress is shown only then). */
export interface CliIO {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Whether stderr is a terminal. */
  isTTY: boolean;
  /** The clock, for progress and `generatedAt` (tests pass a fixed one). */
  now?: () => number;
  /** Standard input, read when a file is named `-`. */
  stdin?: AsyncIterable<Uint8Array | string>;
}
