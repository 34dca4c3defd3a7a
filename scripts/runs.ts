/**
 * CLI entry: `npm run -s runs -- [list|show|stats] [files...] [options]`, the terminal reader of canonical lines
 * (see RUNS_USAGE in src/lib/cli/runs/runsArgs.ts, or `npm run -s runs -- -h`).
 */
import { fstatSync } from 'node:fs';
import { terminalSafe } from '@/lib/core/terminalSafe';
import { runsCommand } from '@/lib/cli/runs/runsCommand';

/** Whether stdin is a pipe or a redirected file (a terminal, /dev/null or an inherited socket is not read unasked). */
function stdinHasInput(): boolean {
  try {
    const st = fstatSync(0);
    return st.isFIFO() || st.isFile();
  } catch {
    return false;
  }
}

// `runs … | head` closes the pipe early: that ends the output, not in a crash.
process.stdout.on('error', () => process.exit(0));

runsCommand(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: process.stdin,
  stdinHasInput: stdinHasInput(),
  now: new Date(),
  columns: process.stdout.isTTY ? process.stdout.columns : 100,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${terminalSafe(`error: ${err instanceof Error ? err.message : String(err)}`)}\n`);
    process.exitCode = 1;
  },
);
