// Preloaded into a benchmarked process (node --import): writes the process's peak RSS (every thread, in KiB) to the file
// named by BENCH_MAX_RSS_FILE as it exits.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_MAX_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
