/**
 * The project's benchmark: `npm run bench`. Prints one table of what observability costs, with ratios (machines are
 * noisy: compare within a row, not across machines), checks the targets, and writes the figures as JSON to
 * outputs/bench/bench-<time>.json. Each measurement that needs its own Sentry client runs in its own process.
 *
 *   BENCH_CALLS (20,000: the large run size), BENCH_ROUNDS (7), BENCH_CALLMODEL (100,000), BENCH_CLI_ROUNDS (3) scale it
 *   down.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { measureCli } from './bench/cliTimes';
import { measureCallModel } from './bench/callModelFlat';
import { measureFinish } from './bench/finishScaling';
import { measureFlush } from './bench/flushFaults';
import { measureHeap } from './bench/heapPerRun';
import { measurePerCall, RUN_SIZES } from './bench/perCall';
import { printReport, type BenchFigures } from './bench/report';

const PARTS = {
  'per-call-off': (calls?: string) => measurePerCall('off', Number(calls)),
  'per-call-on': (calls?: string) => measurePerCall('on', Number(calls)),
  finish: () => measureFinish(),
  'call-model': () => measureCallModel(),
  heap: () => measureHeap(),
  'flush-500': () => measureFlush('500'),
  'flush-429': () => measureFlush('429'),
  'flush-hang': () => measureFlush('hang'),
  'flush-refused': () => measureFlush('refused'),
} as const;
type Part = keyof typeof PARTS;

/** Run one part in a child process (its own Sentry client) and read its JSON. */
function child(part: Part, arg?: string): unknown {
  const res = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', __filename, part, ...(arg !== undefined ? [arg] : [])], {
    encoding: 'utf8',
    timeout: 30 * 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const last = res.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(last);
  } catch {
    process.stderr.write(`bench part ${part} failed:\n${res.stderr.slice(-2000)}\n`);
    return null;
  }
}

async function main(): Promise<void> {
  const part = process.argv[2] as Part | undefined;
  if (part) {
    process.stdout.write(`${JSON.stringify(await PARTS[part](process.argv[3]))}\n`);
    process.exit(0);
  }
  process.stderr.write('bench: per-call costs…\n');
  const figures: BenchFigures = {
    perCall: (['per-call-off', 'per-call-on'] as const).flatMap((part) => RUN_SIZES.map((calls) => child(part, String(calls)))) as BenchFigures['perCall'],
    finish: (process.stderr.write('bench: finish()…\n'), child('finish')) as BenchFigures['finish'],
    callModel: (process.stderr.write('bench: callModel()…\n'), child('call-model')) as BenchFigures['callModel'],
    heap: (process.stderr.write('bench: heap…\n'), child('heap')) as BenchFigures['heap'],
    flush: (process.stderr.write('bench: flush against failing endpoints…\n'),
    (['flush-500', 'flush-429', 'flush-hang', 'flush-refused'] as const).map((part) => child(part))) as BenchFigures['flush'],
    cli: (process.stderr.write('bench: CLI…\n'), await measureCli()),
  };
  printReport(figures);
  const dir = path.resolve(__dirname, '..', 'outputs', 'bench');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  process.stderr.write(`bench: figures written to ${path.relative(process.cwd(), file)}\n`);
}

void main();
