import { rm } from 'node:fs/promises';
import path from 'node:path';
import {
  runBannerAgent,
  runBannerGenerateAgent,
  runCrosstabAgent,
  runFilterTranslatorAgent,
  runLoopSemanticsPolicyAgent,
  runSkipLogicAgent,
  runVerificationAgent,
} from '@/agents';
import { ErrorPersistence } from '@/lib/errors/ErrorPersistence';
import { describeRunFailure, errorTypeName, type RunFailure } from '@/lib/errors/runFailure';
import { PipelineInputError, isCancellation } from '@/lib/core/PipelineErrors';
import { getEventBus } from '@/lib/events/EventBus';
import { writeFileAtomic } from '@/lib/fs/writeFileAtomic';
import { registerRedactionRoot } from '@/lib/redaction';
import { startRunObservability, type AgentModelSummary } from '@/lib/observability';
import { applyBaseFilters } from './stages/FilterApplicator';
import { resolveDatasetDir } from './stages/resolveDatasetDir';
import { openCpuStages } from './cpu/openCpuStages';
import type { CpuStages } from './cpu/CpuStages';
import { emptyTablesWarning } from './hollowResults';
import { notAskedInBase } from '@/lib/core/notAskedInBase';
import { newRunId } from './runId';
import { StageRunner } from './StageRunner';
import { summarizeCosts, writePipelineSummary, type PipelineSummary } from './pipelineSummary';
import type { PipelineInputs, PipelineRunOptions, PipelineRunResult } from './runOptions';
import type { CrosstabTable, RunOutcome, SkipRule, StageName } from '@/lib/core/types';
import { errorMessage } from '@/lib/core/errorMessage';

/** Mutable facts about the run, filled in as stages complete (read by the summary and the result). */
interface RunFacts {
  inputs: PipelineInputs | null;
  rows: number | null;
  variables: number | null;
  weightVariable: string | null;
  tables: CrosstabTable[];
  files: { tables: string | null; workbook: string | null };
  degraded: boolean;
}

/**
 * Run the whole pipeline once. Never throws for pipeline failures: the outcome, error and timings are in the result,
 * the run's folder holds pipeline-summary.json and errors.ndjson, and exactly one wide event is emitted.
 */
export async function runPipeline(opts: PipelineRunOptions): Promise<PipelineRunResult> {
  const runId = opts.runId ?? newRunId();
  const datasetName = 'datasetDir' in opts.inputs ? path.basename(path.resolve(opts.inputs.datasetDir)) : opts.inputs.datasetName;
  const outputDir = opts.outputDir ?? path.join(opts.outRoot ?? 'outputs', datasetName, runId);
  const progress = opts.progress ?? (() => {});
  // Paths under the dataset folder and the output root leave the process relative to them (redaction).
  if ('datasetDir' in opts.inputs) registerRedactionRoot(opts.inputs.datasetDir);
  registerRedactionRoot(opts.outputDir !== undefined ? path.dirname(opts.outputDir) : (opts.outRoot ?? 'outputs'));
  const startedAt = new Date();
  const t0 = performance.now();

  // One controller for the run: the caller's signal aborts it, and so does the first failing branch.
  const runAbort = new AbortController();
  const obs = opts.observability ?? startRunObservability({ runId: runId, dataset: datasetName, source: opts.source, orgId: opts.orgId, userId: opts.userId, signal: opts.signal, sink: opts.lineSink });
  // Every problem the run continues past is also one of the wide event's warnings.
  const errors = new ErrorPersistence(runId, outputDir, (rec) => {
    if (rec.severity !== 'fatal') obs.wideEvent.recordWarning({ classification: rec.classification, action: rec.actionTaken, message: rec.message, ...(rec.stage ? { stage: rec.stage } : {}) });
  });
  const stages = new StageRunner(runId, obs, runAbort.signal, progress);
  const facts: RunFacts = { inputs: null, rows: null, variables: null, weightVariable: null, tables: [], files: { tables: null, workbook: null }, degraded: false };
  const bus = getEventBus();

  return obs.run(async () => {
    bus.emit('pipeline:start', { runId, dataset: datasetName, source: opts.source, at: Date.now() });
    progress(`CrossTab run ${runId} on "${datasetName}" → ${outputDir}`);
    let outcome: RunOutcome;
    let failure: { err: unknown; info: RunFailure } | null = null;
    const forwardAbort = () => runAbort.abort();
    if (opts.signal?.aborted) runAbort.abort();
    opts.signal?.addEventListener('abort', forwardAbort, { once: true });
    try {
      await executeStages({ ...opts, signal: runAbort.signal }, { runId, progress, outputDir, stages, errors, facts, obs, runAbort });
      outcome = completedOutcome(facts.degraded, obs.wideEvent.droppedPartOfTheRun);
    } catch (err) {
      failure = { err, info: describeRunFailure(err, stages.firstFailedStage) };
      outcome = failure.info.cancelled ? 'cancelled' : 'error';
      recordFailure(errors, failure.info);
      // A failed or cancelled run never leaves outputs that look complete (a tables.json without its workbook).
      await discardOutputs(facts);
    } finally {
      opts.signal?.removeEventListener('abort', forwardAbort);
    }

    let canonicalLine = '';
    const durationMs = Math.round(performance.now() - t0);
    try {
      const byAgent = obs.wideEvent.agentModels();
      const summary = buildSummary({ runId, datasetName, opts, outcome, startedAt, durationMs, stages, facts, errors, byAgent });
      try {
        await writePipelineSummary(outputDir, summary);
      } catch (err) {
        progress(`! could not write pipeline-summary.json: ${errorMessage(err)}`);
      }
      obs.set('outputDir', outputDir);
    } finally {
      // Whatever happened above, the run's one wide event is emitted.
      canonicalLine = obs.finish(outcome, failure?.err, { tableCount: facts.tables.length, errorStage: failure?.info.stage });
    }
    await writeFileAtomic(path.join(outputDir, 'wide-event.json'), canonicalLine + '\n').catch((err: unknown) => {
      progress(`! could not write wide-event.json: ${errorMessage(err)}`);
    });

    const info = failure?.info;
    const error = info ? { type: info.type, message: info.message, ...(info.stage ? { stage: info.stage } : {}), ...(info.file ? { file: info.file } : {}) } : undefined;
    if (outcome === 'success' || outcome === 'partial') {
      bus.emit('pipeline:complete', { runId, outcome, tableCount: facts.tables.length, durationMs, at: Date.now() });
    } else {
      bus.emit('pipeline:failed', { runId, outcome, error: error?.message ?? 'unknown', stage: error?.stage, tableCount: facts.tables.length, durationMs, at: Date.now() });
    }
    const warnings = errors.records().filter((r) => r.severity !== 'fatal').map((r) => ({ classification: r.classification, action: r.actionTaken, message: r.message, ...(r.stage ? { stage: r.stage } : {}) }));
    return { runId, outcome, outputDir, tableCount: facts.tables.length, durationMs, error, stageTiming: stages.stageTiming, stages: stages.stages, warnings, canonicalLine };
  });
}

interface StageContext {
  runId: string;
  progress: (line: string) => void;
  outputDir: string;
  stages: StageRunner;
  errors: ErrorPersistence;
  facts: RunFacts;
  obs: ReturnType<typeof startRunObservability>;
  runAbort: AbortController;
}

/** The stages in order, with the run's CPU-bound work off this thread (see CpuStages), released however the run ends. */
async function executeStages(opts: PipelineRunOptions, ctx: StageContext): Promise<void> {
  const cpu = (opts.cpuStages ?? openCpuStages)(ctx.runAbort.signal);
  try {
    await runStages(opts, ctx, cpu);
  } finally {
    await cpu.close();
  }
}

/** The stages in order; independent branches run concurrently. Throws on a hard failure or cancellation. */
async function runStages(opts: PipelineRunOptions, ctx: StageContext, cpu: CpuStages): Promise<void> {
  const { stages, facts, errors, obs } = ctx;
  const signal = opts.signal;

  const validated = await stages.run(
    'validation',
    async () => {
      const inputs = 'datasetDir' in opts.inputs ? await resolveDatasetDir(opts.inputs.datasetDir) : opts.inputs;
      facts.inputs = inputs;
      return { inputs, ...(await cpu.validate(inputs)) };
    },
    (v) => `${v.dataset.rowCount} rows, ${v.dataset.variables.length} variables`,
  );
  const { dataset, bannerText, surveyText, inputs } = validated;
  facts.rows = dataset.rowCount;
  facts.variables = dataset.variables.length;
  facts.weightVariable = dataset.weightVariable;
  obs.set('input', { rows: dataset.rowCount, variables: dataset.variables.length, weighted: dataset.weightVariable !== null, hasBannerPlan: bannerText !== null, hasSurvey: surveyText !== null });
  for (const warning of validated.warnings) errors.record({ severity: 'warning', classification: 'input', actionTaken: 'continued', stage: 'validation', message: warning });
  if (validated.zeroWeights) warnHollow(ctx, 'validation', 'input', validated.zeroWeights);

  const dataMap = await stages.run('DataMapProcessor', () => cpu.buildDataMap(), (m) => `${count(m.questions.length, 'question')}, ${count(m.loops.length, 'loop')}`);
  const bannerFile = inputs.bannerPath ? path.basename(inputs.bannerPath) : undefined;

  // Banner branch, table branch and skip-logic branch only share the data map: run them side by side.
  const bannerBranch = (async () => {
    const draft = await stages.run(
      'BannerAgent',
      () => (bannerText !== null ? runBannerAgent(bannerText, dataMap, { signal }) : runBannerGenerateAgent(dataMap, { signal })),
      (b) => `${count(b.groups.length, 'group')}, ${b.origin}`,
    );
    const mapped = await stages.run('CrosstabAgent', () => runCrosstabAgent(draft, dataMap, { signal, bannerFile }), (r) => `${r.banner.groups.reduce((n, g) => n + g.columns.length, 0)} columns`);
    for (const warning of mapped.warnings) errors.record({ severity: 'warning', classification: 'agent', actionTaken: 'dropped-item', stage: 'CrosstabAgent', agent: 'CrosstabAgent', message: warning });
    return mapped.banner;
  })();
  const tableBranch = stages.run('TableGenerator', () => cpu.generateTables(dataMap), (t) => `${t.length} tables`);
  const rulesBranch: Promise<SkipRule[]> =
    surveyText === null
      ? Promise.resolve(skipWith(stages, 'SkipLogicAgent', 'no survey document'))
      : softStage(ctx, 'SkipLogicAgent', [], async () => {
          const rules = await runSkipLogicAgent(surveyText, dataMap, { signal });
          return runFilterTranslatorAgent(rules, dataMap, { signal });
        }, (r) => count(r.length, 'rule'));

  const [banner, generated, rules] = await allOrAbort(ctx.runAbort, [bannerBranch, tableBranch, rulesBranch] as const);
  if (generated.length === 0) {
    const savFile = inputs.labels?.sav ?? path.basename(inputs.savPath);
    throw new PipelineInputError(`${savFile}: no reportable questions (every variable is an id, text, weight or empty)`, { file: savFile, stage: 'TableGenerator' });
  }

  const filtered = await stages.run('FilterApplicator', () => applyBaseFilters(generated, rules, dataset.variables), (r) => `${r.applied} bases applied, ${r.rejected.length} rejected`);
  for (const rejected of filtered.rejected) errors.record({ severity: 'warning', classification: 'agent', actionTaken: 'dropped-item', stage: 'FilterApplicator', agent: 'FilterTranslatorAgent', message: `${rejected.reason} (rule ${rejected.ruleId})` });
  for (const base of filtered.inferred) errors.record({ severity: 'warning', classification: 'input', actionTaken: 'continued', stage: 'FilterApplicator', message: `No routing was applied to ${base.questionId}: its base leaves out the respondents coded ${base.codes.map((c) => `${c.value} "${c.label}"`).join(', ')} (${base.baseFilter})` });

  const [verified, policies] = await allOrAbort(ctx.runAbort, [
    softStage(ctx, 'VerificationAgent', filtered.tables, () => runVerificationAgent(filtered.tables, dataMap, { signal }), (t) => `${t.length} tables, ${t.filter((x) => x.lowValue).length} low-value`),
    dataMap.loops.length === 0
      ? Promise.resolve(skipWith(stages, 'LoopSemanticsPolicyAgent', 'no looped variables', []))
      : softStage(ctx, 'LoopSemanticsPolicyAgent', [], () => runLoopSemanticsPolicyAgent(dataMap, { signal }), (p) => count(p.length, 'loop policy', 'loop policies')),
  ] as const);

  facts.tables = await stages.run(
    'CrosstabComputation',
    () => cpu.computeCrosstabs({ tables: verified, policies, banner, significance: opts.significance ?? true }),
    (t) => `${t.length} tables × ${banner.groups.reduce((n, g) => n + g.columns.length, 0) + 1} columns`,
  );
  const emptyTables = emptyTablesWarning(facts.tables);
  if (emptyTables) warnHollow(ctx, 'CrosstabComputation', 'computation', emptyTables);
  for (const warning of notAskedInBase(facts.tables)) warnHollow(ctx, 'CrosstabComputation', 'computation', warning);
  obs.set('banner', { origin: banner.origin, groups: banner.groups.length, columns: banner.groups.reduce((n, g) => n + g.columns.length, 0) });

  await stages.run(
    'ExcelExport',
    async () => {
      const meta = { dataset: facts.inputs?.datasetName ?? '', runId: ctx.runId, weighted: dataset.weightVariable !== null, generatedAt: new Date().toISOString() };
      const tablesPath = path.join(ctx.outputDir, 'tables.json');
      const workbookPath = path.join(ctx.outputDir, 'crosstabs.xlsx');
      // Named before they are written, so a failure or a cancellation mid-way removes whichever got written.
      facts.files = { tables: tablesPath, workbook: workbookPath };
      await cpu.exportFiles({ tables: facts.tables, tablesPath, workbookPath, meta });
    },
    () => 'crosstabs.xlsx, tables.json',
  );
}

/**
 * How a run that reached its end ended: `partial` when a stage failed softly or a warning dropped part of what the user
 * asked for (a banner column or group, a base filter, a table), else `success`. The rule the line's schema documents.
 */
function completedOutcome(degraded: boolean, droppedPart: boolean): RunOutcome {
  return degraded || droppedPart ? 'partial' : 'success';
}

/** A result that is empty by construction is never silent: a warning (errors.ndjson, the line, the end of the CLI's output). */
function warnHollow(ctx: StageContext, stage: StageName, classification: 'input' | 'computation', message: string): void {
  ctx.errors.record({ severity: 'warning', classification, actionTaken: 'continued', stage, message });
}

/** Run a stage whose failure degrades the run: the error is recorded and `fallback` is used. Cancellation still propagates. */
async function softStage<T>(ctx: StageContext, stage: StageName, fallback: T, fn: () => Promise<T>, describe?: (r: T) => string): Promise<T> {
  try {
    return await ctx.stages.run(stage, fn, describe);
  } catch (err) {
    if (isCancellation(err)) throw err;
    ctx.facts.degraded = true;
    ctx.errors.record({ severity: 'error', classification: 'agent', actionTaken: 'skipped-stage', stage, errorType: errorTypeName(err), message: errorMessage(err) });
    return fallback;
  }
}

function skipWith<T = SkipRule[]>(stages: StageRunner, stage: StageName, reason: string, value?: T): T {
  stages.skip(stage, reason);
  return (value ?? []) as T;
}

/**
 * Await concurrent branches; the first to fail aborts the others (so none keeps working after the run has ended),
 * and its error, not a sibling's resulting cancellation, is the one thrown.
 */
async function allOrAbort<T extends readonly unknown[]>(controller: AbortController, branches: { readonly [K in keyof T]: Promise<T[K]> }): Promise<T> {
  let first: { err: unknown } | null = null;
  const settled = await Promise.allSettled(
    branches.map((p: Promise<unknown>) =>
      p.catch((err: unknown) => {
        if (!first) {
          first = { err };
          controller.abort();
        }
        throw err;
      }),
    ),
  );
  if (first) throw (first as { err: unknown }).err;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** "1 loop", "3 loops". */
function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
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
  byAgent: AgentModelSummary[];
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
    costs: summarizeCosts(a.byAgent),
    errors: { count: records.length, fatal: records.find((r) => r.severity === 'fatal') ?? null, records },
  };
}
