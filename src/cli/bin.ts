/** The `support-metrics` executable: runs {@link main} over the process's arguments. */
import { main } from "./main.ts";

// `support-metrics report ... | head`: a closed pipe ends the output, not with a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

void main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: process.stderr.isTTY === true,
  stdin: process.stdin,
}).then((code) => {
  process.exitCode = code;
});
