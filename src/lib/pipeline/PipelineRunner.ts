import { rm } from 'node:fs/promises';
import path from 'node:path';
import { ErrorPersistence } from '@/lib/errors/ErrorPersistence';
import { describeRunFailure, type RunFailure } from '@/lib/errors/runFailure';
import { getEventBus } from '@/lib/events/EventBus';
import { registerRedactionRoot } from '@/lib/redaction';
import { startRunObservability } from '@/lib/observability';
import type { RunOutcome } from '@/lib/core/types';
import { decideRunEnd } from '@/lib/core/runEnd';
import { errorMessage } from '@/lib/core/errorMessage';
import { terminalSafe } from '@/lib/core/terminalSafe';
import { newRunId } from './runId';
import { StageRunner } from './StageRunner';
import { summarizeCosts, writePipelineSummary, type PipelineSummary } from './pipelineSummary';
import type { PipelineRunOptions, PipelineRunResult } from './runOptions';
import { executeStages, type RunFacts } from './executeStages';
import { runFolderSink } from './runFolderSink';

/**
 * Run the whole pipeline once. Never throws for pipeline failures: the outcome, error and timings are in the result,
 * the run's folder holds pipeline-summary.json and errors.ndjson, and exactly one wide event is emitted.
 */
export async function runPipeline(opts: PipelineRunOptions): Promise<PipelineRunResult> {
  const runId = opts.runId ?? newRunId();
  const datasetName = 'datasetDir' in opts.inputs ? path.basename(path.resolve(opts.inputs.datasetDir)) : opts.inputs.datasetName;
  const outputDir = opts.outputDir ?? path.join(/*turbopackIgnore: true*/ opts.outRoot ?? 'outputs', datasetName, runId);
  // Progress lines quote names and messages from the inputs (a dataset folder, banner text): they reach a terminal escaped.
  const report = opts.progress;
  const progress = report ? (line: string) => report(terminalSafe(line)) : () => {};
  // Paths under the dataset folder and the output root leave the process relative to them (redaction).
  if ('datasetDir' in opts.inputs) registerRedactionRoot(opts.inputs.datasetDir);
  registerRedactionRoot(opts.outputDir !== undefined ? path.dirname(opts.outputDir) : (opts.outRoot ?? 'outputs'));
  const startedAt = new Date();
  const t0 = performance.now();

  // One controller for the run: the caller's signal aborts it, and so does the first failing branch.
  const runAbort = new AbortController();
  const obs =
    opts.observability ??
    startRunObservability({
      runId: runId,
      dataset: datasetName,
      source: opts.source,
      orgId: opts.orgId,
      userId: opts.userId,
      signal: opts.signal,
      ...(opts.lineSink ? { sinks: [opts.lineSink] } : {}),
    });
  obs.addSink(runFolderSink(outputDir, progress));
  // Every problem the run continues past is also one of the wide event's warnings.
  const errors = new ErrorPersistence(runId, outputDir, (rec) => {
    if (rec.severity !== 'fatal')
      obs.wideEvent.recordWarning({
        classification: rec.classification,
        action: rec.actionTaken,
        message: rec.message,
        ...(rec.stage ? { stage: rec.stage } : {}),
      });
  });
  const stages = new StageRunner(runId, obs, runAbort.signal, progress);
  const facts: RunFacts = {
    inputs: null,
    rows: null,
    variables: null,
    weightVariable: null,
    tables: [],
    files: { tables: null, workbook: null },
    degraded: false,
  };
  const bus = getEventBus();

  return obs.run(async () => {
    bus.emit('pipeline:start', { runId, dataset: datasetName, source: opts.source, at: Date.now() });
    progress(`CrossTab run ${runId} on "${datasetName}" → ${outputDir}`);
    let thrown: unknown;
    const forwardAbort = () => runAbort.abort();
    if (opts.signal?.aborted) runAbort.abort();
    opts.signal?.addEventListener('abort', forwardAbort, { once: true });
    try {
      await executeStages({ ...opts, signal: runAbort.signal }, { runId, progress, outputDir, stages, errors, facts, obs, runAbort });
    } catch (err) {
      thrown = err;
    } finally {
      opts.signal?.removeEventListener('abort', forwardAbort);
    }
    // The run's one decision: every output below (summary, errors.ndjson, line, event, bus, result) takes it as it is.
    const end = decideRunEnd({
      error: thrown,
      cancelSignal: opts.signal,
      firstFailedStage: obs.firstFailedStage(),
      degraded: facts.degraded || obs.wideEvent.droppedPartOfTheRun,
    });
    const failure = end.error !== undefined ? { err: end.error, info: describeRunFailure(end) } : null;
    if (failure) {
      recordFailure(errors, failure.info);
      // A failed or cancelled run never leaves outputs that look complete (a tables.json without its workbook).
      await discardOutputs(facts);
    }
    const outcome = end.outcome;

    let canonicalLine = '';
    const durationMs = Math.round(performance.now() - t0);
    try {
      const costs = summarizeCosts(obs.costSoFar(), obs.wideEvent.agentModels());
      const summary = buildSummary({ runId, datasetName, opts, outcome, startedAt, durationMs, stages, facts, errors, costs });
      try {
        await writePipelineSummary(outputDir, summary);
      } catch (err) {
        progress(`! could not write pipeline-summary.json: ${errorMessage(err)}`);
      }
      obs.set('outputDir', outputDir);
    } finally {
      // Whatever happened above, the run's one wide event is emitted (to stdout or the caller's sink, Sentry, wide-event.json).
      canonicalLine = obs.finish(end, { tableCount: facts.tables.length });
    }
    await obs.delivered;

    const info = failure?.info;
    const error = info
      ? { type: info.type, message: info.message, ...(info.stage ? { stage: info.stage } : {}), ...(info.file ? { file: info.file } : {}) }
      : undefined;
    if (outcome === 'success' || outcome === 'partial') {
      bus.emit('pipeline:complete', { runId, outcome, tableCount: facts.tables.length, durationMs, at: Date.now() });
    } else {
      bus.emit('pipeline:failed', {
        runId,
        outcome,
        error: error?.message ?? 'unknown',
        stage: error?.stage,
        tableCount: facts.tables.length,
        durationMs,
        at: Date.now(),
      });
    }
    const warnings = errors
      .records()
      .filter((r) => r.severity !== 'fatal')
      .map((r) => ({ classification: r.classification, action: r.actionTaken, message: r.message, ...(r.stage ? { stage: r.stage } : {}) }));
    return {
      runId,
      outcome,
      outputDir,
      tableCount: facts.tables.length,
      durationMs,
      error,
      stageTiming: stages.stageTiming,
      stages: stages.stages,
      warnings,
      canonicalLine,
    };
  });
}

/** The run's failure as errors.ndjson records it (a cancellation is a warning, anything else fatal). */
function recordFailure(errors: ErrorPersistence, failure: RunFailure): void {
  errors.record({
    severity: failure.cancelled ? 'warning' : 'fatal',
    classification: failure.classification,
    actionTaken: 'aborted-run',
    ...(failure.stage ? { stage: failure.stage } : {}),
    ...(failure.file ? { file: failure.file } : {}),
    errorType: failure.type,
    message: failure.message,
  });
}

/** A cancelled run must not leave outputs that look complete: remove anything the export wrote. */
async function discardOutputs(facts: RunFacts): Promise<void> {
  for (const file of [facts.files.tables, facts.files.workbook]) {
    if (file) await rm(file, { force: true }).catch(() => {});
  }
  facts.files = { tables: null, workbook: null };
  facts.tables = [];
}

function buildSummary(a: {
  runId: string;
  datasetName: string;
  opts: PipelineRunOptions;
  outcome: RunOutcome;
  startedAt: Date;
  durationMs: number;
  stages: StageRunner;
  facts: RunFacts;
  errors: ErrorPersistence;
  costs: PipelineSummary['costs'];
}): PipelineSummary {
  const records = [...a.errors.records()];
  const inputs = a.facts.inputs;
  return {
    runId: a.runId,
    dataset: a.datasetName,
    source: a.opts.source,
    outcome: a.outcome,
    startedAt: a.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    durationMs: a.durationMs,
    inputs: {
      savFile: inputs ? (inputs.labels?.sav ?? path.basename(inputs.savPath)) : null,
      bannerPlan: inputs?.bannerPath ? (inputs.labels?.banner ?? path.basename(inputs.bannerPath)) : null,
      survey: inputs?.surveyPath ? (inputs.labels?.survey ?? path.basename(inputs.surveyPath)) : null,
      rows: a.facts.rows,
      variables: a.facts.variables,
      weightVariable: a.facts.weightVariable,
    },
    stageTiming: a.stages.stageTiming,
    tableCount: a.facts.tables.length,
    outputs: a.facts.files,
    costs: a.costs,
    errors: { count: records.length, fatal: records.find((r) => r.severity === 'fatal') ?? null, records },
  };
}

/** The plan's name for the runner of the CLI path (and of every web run): `PipelineRunner.run(options)` is runPipeline. */
export const PipelineRunner = { run: runPipeline } as const;
