/**
 * Preloaded (`--import`) into a measured process: on exit, writes the process's peak resident set size in kilobytes
 * (`process.resourceUsage().maxRSS`) to file descriptor 3, where the benchmark reads it. Silent when fd 3 is not open.
 */
import { writeSync } from 'node:fs';

process.on('exit', () => {
  try {
    writeSync(3, `${process.resourceUsage().maxRSS}\n`);
  } catch {
    // not started by the benchmark
  }
});
