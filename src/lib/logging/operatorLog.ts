import { terminalSafe } from '@/lib/core/terminalSafe';

/**
 * One line for whoever runs the app (stderr in Node; the console's warning stream on the edge and in browsers): the
 * app's own operational messages, never data. The one place that may write to the console outside CLI entry points.
 * Terminal-safe: a value quoted in the message (a setting, a path) cannot end the line or send control sequences.
 */
export function operatorLog(tag: string, message: string): void {
  const line = terminalSafe(`[${tag}] ${message}`);
  try {
    if (typeof process !== 'undefined' && typeof process.stderr?.write === 'function') {
      process.stderr.write(`${line}\n`);
      return;
    }
    // eslint-disable-next-line no-console -- the edge and browser runtimes have no stderr
    console.warn(line);
  } catch {
    // nowhere left to tell
  }
}
