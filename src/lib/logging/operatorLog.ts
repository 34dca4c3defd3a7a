import { terminalSafe } from '@/lib/core/terminalSafe';

/** Write one line where the operator reads (stderr in Node; the console's warning stream on the edge and in browsers). */
function writeLine(text: string): void {
  const line = terminalSafe(text);
  try {
    // Read through globalThis: the same module is bundled for the edge, which has no stderr to name.
    const stderr = (globalThis as { process?: { stderr?: { write?: (chunk: string) => unknown } } }).process?.stderr;
    if (typeof stderr?.write === 'function') {
      stderr.write(`${line}\n`);
      return;
    }
    console.warn(line); // the edge and browser runtimes have no stderr
  } catch {
    // nowhere left to tell
  }
}

/**
 * One line for whoever runs the app, tagged with the part that speaks (`[settings] …`): the app's own operational
 * messages, never data. With terminalLine, the only writer to stderr in src/ (an ESLint rule keeps it so).
 * Terminal-safe: a value quoted in the message (a setting, a path) cannot end the line or send control sequences.
 */
export function operatorLog(tag: string, message: string): void {
  writeLine(`[${tag}] ${message}`);
}

/** One line for the person at the terminal of a CLI (`error: …`, progress), as written, made terminal-safe. */
export function terminalLine(text: string): void {
  writeLine(text);
}
