/**
 * CLI entry: `npm run pipeline -- <dataset-dir> [options]`.
 * Progress goes to stderr; the run's canonical wide-event line is the only thing on stdout.
 * Run it as `node --import tsx` (as the npm script does), not through the tsx CLI: that wrapper kills a child that
 * does not acknowledge a relayed Ctrl-C within 30 ms, which a run busy in a CPU-bound step cannot do, and the run
 * would die without its canonical line.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { RunOutcome } from '@/lib/core/types';
import { errorMessage } from '@/lib/core/errorMessage';
import { terminalSafe } from '@/lib/core/terminalSafe';

/** One line on stderr, terminal-safe: names, paths and messages from the inputs cannot move the cursor or forge lines. */
function say(line: string): void {
  process.stderr.write(`${terminalSafe(line)}\n`);
}

const USAGE = `Usage: npm run pipeline -- <dataset-dir> [options]

Runs the crosstab pipeline on a folder holding one .sav file and, optionally,
banner.(md|txt) and survey.(md|txt).

Options:
  --out <dir>          write the run's outputs to exactly this folder (new or empty)
  --out-root <dir>     output root (default: outputs); the run writes to <root>/<dataset>/<run-id>/
  --run-id <id>        use this run id instead of a generated one (one folder name: letters,
                       digits, '.', '_', '-')
  --no-significance    skip significance testing between banner columns
  -h, --help           show this help

Exit codes: 0 success (or partial, with a warning), 1 failure, 2 bad usage; a run cancelled by a signal exits
130 (Ctrl-C, SIGINT), 143 (SIGTERM) or 129 (SIGHUP). The first signal cancels the run, which still prints its line
and writes its summary; a second Ctrl-C (or a run that has not stopped 1.5 s later) ends it at once.
Set SENTRY_DSN to send the run's wide event and trace to Sentry; without it nothing leaves the machine.`;

/** How long the CLI waits for Sentry to deliver before exiting. */
const FLUSH_TIMEOUT_MS = 3000;

const EXIT_CODES: Record<RunOutcome, number> = { success: 0, partial: 0, error: 1, cancelled: 130 };

/** A second Ctrl-C sooner than this after the first is the same keypress delivered twice (terminal group + forwarding). */
const REPEAT_INTERRUPT_MS = 1000;

/** After SIGINT, SIGTERM or SIGHUP the run has this long to end by itself before it is ended from outside. */
const STOP_BOUND_MS = 1500;

/** Bounded Sentry flush when the process must quit at once (second Ctrl-C, a run that did not stop in time). */
const QUIT_FLUSH_MS = 400;

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
    say(`error: ${errorMessage(err)}`);
    process.stderr.write(`\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stderr.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) {
    say(`error: expected exactly one dataset folder, got ${positionals.length}`);
    process.stderr.write(`\n${USAGE}\n`);
    return 2;
  }

  const { runIdProblem, outputFolderProblem } = await import('@/lib/cli/outputTarget');
  const { newRunId } = await import('@/lib/pipeline/runId');
  const runId = values['run-id'] ?? newRunId();
  const idProblem = runIdProblem(runId);
  if (idProblem) {
    say(`error: ${idProblem}`);
    return 2;
  }
  // Where the run writes, checked before it starts (as the runner will name it: <out-root>/<dataset>/<run-id>).
  const datasetDir = positionals[0]!;
  const outputDir = values.out ?? path.join(values['out-root'] ?? 'outputs', path.basename(path.resolve(datasetDir)), runId);
  const outProblem = await outputFolderProblem(outputDir);
  if (outProblem) {
    say(`error: ${outProblem}`);
    return 2;
  }
  if (!(await import('@/lib/settings/checkCliSettings')).checkCliSettings()) return 2;
  const { captureCleanAsyncContext, flushObservability, initObservability } = await import('@/lib/observability');
  const { runPipeline } = await import('@/lib/pipeline/PipelineRunner');
  const { formatDuration } = await import('@/lib/pipeline/StageRunner');
  const { cancelOnSignals, SIGNAL_EXIT_CODES } = await import('@/lib/cli/cancelOnSignals');
  captureCleanAsyncContext();
  const sentryOn = await initObservability();
  // A closed terminal (SIGHUP) or a closed pipe must not turn a late write into a crash.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
  const controller = new AbortController();
  const signals = cancelOnSignals({
    controller,
    stopBoundMs: STOP_BOUND_MS,
    quitFlushMs: QUIT_FLUSH_MS,
    repeatIntervalMs: REPEAT_INTERRUPT_MS,
    // The app's own lines (a signal's name); the first starts with a newline to leave the echoed ^C.
    log: (line) => process.stderr.write(`${line}\n`),
  });

  const result = await runPipeline({
    inputs: { datasetDir },
    outputDir,
    runId,
    source: 'cli',
    signal: controller.signal,
    significance: !values['no-significance'],
    progress: say,
  });
  signals.runEnded();

  for (const w of result.warnings ?? []) say(`! warning${w.stage ? ` (${w.stage})` : ''}: ${w.message}`);
  if (result.outcome === 'success' || result.outcome === 'partial') {
    say(
      `${result.outcome === 'partial' ? '! Finished, but part of what was asked for is missing (warnings above, errors.ndjson)' : 'Done'}: ${result.tableCount} tables in ${formatDuration(result.durationMs)} → ${result.outputDir}`,
    );
  } else if (result.outcome === 'cancelled') {
    say(`Cancelled after ${formatDuration(result.durationMs)}; no workbook was kept. Summary: ${result.outputDir}`);
  } else {
    say(`error: ${result.error?.message ?? 'the run failed'}`);
  }
  if (sentryOn) await flushObservability(FLUSH_TIMEOUT_MS);
  const stoppedBy = signals.received;
  return result.outcome === 'cancelled' && stoppedBy ? SIGNAL_EXIT_CODES[stoppedBy] : EXIT_CODES[result.outcome];
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    say(`error: ${errorMessage(err)}`);
    process.exit(1);
  },
);
