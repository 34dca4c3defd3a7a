/**
 * CLI entry: `npm run pipeline -- <dataset-dir> [options]`.
 * Progress goes to stderr; the run's canonical wide-event line is the only thing on stdout.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { parseArgs } from 'node:util';
import type { RunOutcome } from '@/lib/pipeline/types';

const USAGE = `Usage: npm run pipeline -- <dataset-dir> [options]

Runs the crosstab pipeline on a folder holding one .sav file and, optionally,
banner.(md|txt) and survey.(md|txt).

Options:
  --out <dir>          write the run's outputs to exactly this folder
  --out-root <dir>     output root (default: outputs); the run writes to <root>/<dataset>/<run-id>/
  --run-id <id>        use this run id instead of a generated one
  --no-significance    skip significance testing between banner columns
  -h, --help           show this help

Exit codes: 0 success (or partial, with a warning), 1 failure, 2 bad usage, 130 cancelled (Ctrl-C).
Set SENTRY_DSN to send the run's wide event and trace to Sentry; without it nothing leaves the machine.`;

/** How long the CLI waits for Sentry to deliver before exiting. */
const FLUSH_TIMEOUT_MS = 3000;

const EXIT_CODES: Record<RunOutcome, number> = { success: 0, partial: 0, error: 1, cancelled: 130 };

/** A second Ctrl-C sooner than this after the first is the same keypress delivered twice (terminal group + forwarding). */
const REPEAT_INTERRUPT_MS = 1000;

/** Set in the process that runs the pipeline when the CLI re-launched itself out of the tsx CLI's child. */
const RUNNER_ENV = 'CROSSTAB_PIPELINE_RUNNER';

/**
 * The tsx CLI runs a script in a child process and SIGKILLs that child when it does not acknowledge a relayed Ctrl-C
 * within 30 ms, which a run busy in a CPU-bound step (tokenizer load, workbook writing) cannot do: the run would die
 * without its canonical line. Returns the node arguments that load tsx without that relay, or null when not under it.
 */
function tsxLoaderArgs(): string[] | null {
  if (process.env[RUNNER_ENV] === '1') return null;
  const argv = process.execArgv;
  const preflight = argv.findIndex((arg, i) => arg === '--require' && /[\\/]tsx[\\/]dist[\\/]preflight\.cjs$/.test(argv[i + 1] ?? ''));
  if (preflight === -1) return null;
  return argv.filter((_, i) => i !== preflight && i !== preflight + 1);
}

/** Run the CLI in one plain node process, forwarding signals to it; resolves with its exit code. */
function superviseRunner(loaderArgs: string[]): Promise<number> {
  const child = spawn(process.execPath, [...loaderArgs, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, [RUNNER_ENV]: '1' } });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void child.kill(signal));
  return new Promise((resolve) => {
    child.on('error', (err) => {
      process.stderr.write(`error: could not start the pipeline process: ${err.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  });
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        'out-root': { type: 'string' },
        'run-id': { type: 'string' },
        'no-significance': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stderr.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) {
    process.stderr.write(`error: expected exactly one dataset folder, got ${positionals.length}\n\n${USAGE}\n`);
    return 2;
  }

  const loaderArgs = tsxLoaderArgs();
  if (loaderArgs) return superviseRunner(loaderArgs);

  const { flushObservability, initObservability } = await import('@/lib/observability');
  const { runPipeline } = await import('@/lib/pipeline/PipelineRunner');
  const { formatDuration } = await import('@/lib/pipeline/StageRunner');
  const sentryOn = initObservability();
  const controller = new AbortController();
  let firstInterruptAt: number | null = null;
  process.on('SIGINT', () => {
    if (firstInterruptAt === null) {
      firstInterruptAt = performance.now();
      process.stderr.write('\nCancelling the run… (press Ctrl-C again to quit at once)\n');
      controller.abort();
    } else if (performance.now() - firstInterruptAt >= REPEAT_INTERRUPT_MS) {
      process.exit(130);
    }
  });

  const result = await runPipeline({
    inputs: { datasetDir: positionals[0]! },
    outputDir: values.out,
    outRoot: values['out-root'],
    runId: values['run-id'],
    source: 'cli',
    signal: controller.signal,
    significance: !values['no-significance'],
    progress: (line) => process.stderr.write(`${line}\n`),
  });

  if (result.outcome === 'success' || result.outcome === 'partial') {
    process.stderr.write(`${result.outcome === 'partial' ? '! Finished with problems (see errors.ndjson)' : 'Done'}: ${result.tableCount} tables in ${formatDuration(result.durationMs)} → ${result.outputDir}\n`);
  } else if (result.outcome === 'cancelled') {
    process.stderr.write(`Cancelled after ${formatDuration(result.durationMs)}; no workbook was kept. Summary: ${result.outputDir}\n`);
  } else {
    process.stderr.write(`error: ${result.error?.message ?? 'the run failed'}\n`);
  }
  if (sentryOn) await flushObservability(FLUSH_TIMEOUT_MS);
  return EXIT_CODES[result.outcome];
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
