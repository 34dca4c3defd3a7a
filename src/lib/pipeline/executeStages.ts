import path from 'node:path';
import type { ErrorPersistence } from '@/lib/errors/ErrorPersistence';
import { errorTypeName } from '@/lib/errors/runFailure';
import { PipelineInputError, isCancellation } from '@/lib/core/PipelineErrors';
import { untilAborted } from '@/lib/core/cancellation';
import type { startRunObservability } from '@/lib/observability';
import { notAskedInBase } from '@/lib/core/notAskedInBase';
import type { CrosstabTable, SkipRule, StageName } from '@/lib/core/types';
import { errorMessage } from '@/lib/core/errorMessage';
import { getPipelineSettings } from '@/lib/settings/pipelineSettings';
import { applyBaseFilters } from './stages/FilterApplicator';
import { resolveDatasetDir } from './stages/resolveDatasetDir';
import { openCpuStages } from './cpu/openCpuStages';
import type { CpuStages } from './cpu/CpuStages';
import { emptyTablesWarning } from './hollowResults';
import { numericWarnings } from './numericWarnings';
import type { StageRunner } from './StageRunner';
import type { PipelineInputs, PipelineRunOptions } from './runOptions';

/** Mutable facts about the run, filled in as stages complete (read by the summary and the result). */
export interface RunFacts {
  inputs: PipelineInputs | null;
  rows: number | null;
  variables: number | null;
  weightVariable: string | null;
  tables: CrosstabTable[];
  files: { tables: string | null; workbook: string | null };
  degraded: boolean;
}

/** What every stage of one run shares. */
export interface StageContext {
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
export async function executeStages(opts: PipelineRunOptions, ctx: StageContext): Promise<void> {
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
  // The agents (and the model layer under them) load while the first stages run: the first progress line comes sooner.
  const agentsLoading = import('@/agents');
  agentsLoading.catch(() => undefined);

  const validated = await stages.run(
    'validation',
    async () => {
      const inputs = 'datasetDir' in opts.inputs ? await resolveDatasetDir(opts.inputs.datasetDir) : opts.inputs;
      facts.inputs = inputs;
      return { inputs, ...(await cpu.validate({ ...inputs, limits: getPipelineSettings().limits })) };
    },
    (v) => `${v.dataset.rowCount} rows, ${v.dataset.variables.length} variables`,
  );
  const { dataset, bannerText, surveyText, inputs } = validated;
  facts.rows = dataset.rowCount;
  facts.variables = dataset.variables.length;
  facts.weightVariable = dataset.weightVariable;
  obs.set('input', {
    rows: dataset.rowCount,
    variables: dataset.variables.length,
    weighted: dataset.weightVariable !== null,
    hasBannerPlan: bannerText !== null,
    hasSurvey: surveyText !== null,
  });
  for (const warning of validated.warnings)
    errors.record({ severity: 'warning', classification: 'input', actionTaken: 'continued', stage: 'validation', message: warning });
  if (validated.zeroWeights) warnHollow(ctx, 'validation', 'input', validated.zeroWeights);

  const dataMap = await stages.run(
    'DataMapProcessor',
    () => cpu.buildDataMap(),
    (m) => `${count(m.questions.length, 'question')}, ${count(m.loops.length, 'loop')}`,
  );
  const bannerFile = inputs.bannerPath ? path.basename(inputs.bannerPath) : undefined;
  const {
    runBannerAgent,
    runBannerGenerateAgent,
    runCrosstabAgent,
    runFilterTranslatorAgent,
    runLoopSemanticsPolicyAgent,
    runSkipLogicAgent,
    runVerificationAgent,
  } = await untilAborted(agentsLoading, ctx.runAbort.signal);

  // Banner branch, table branch and skip-logic branch only share the data map: run them side by side.
  const bannerBranch = (async () => {
    // The plan's lines that write a group or column the banner does not hold, each named by a warning.
    let unreadLines: string[] = [];
    const draft = await stages.run(
      'BannerAgent',
      async () => {
        if (bannerText === null) return runBannerGenerateAgent(dataMap, { signal });
        const { warnings, ...banner } = await runBannerAgent(bannerText, dataMap, { signal });
        unreadLines = warnings;
        return banner;
      },
      (b) => `${count(b.groups.length, 'group')}, ${b.origin}`,
    );
    for (const warning of unreadLines)
      errors.record({ severity: 'warning', classification: 'input', actionTaken: 'dropped-item', stage: 'BannerAgent', message: warning });
    const mapped = await stages.run(
      'CrosstabAgent',
      () => runCrosstabAgent(draft, dataMap, { signal, bannerFile, surveyText }),
      (r) => `${r.banner.groups.reduce((n, g) => n + g.columns.length, 0)} columns`,
    );
    for (const warning of mapped.warnings)
      errors.record({
        severity: 'warning',
        classification: 'agent',
        actionTaken: 'dropped-item',
        stage: 'CrosstabAgent',
        agent: 'CrosstabAgent',
        message: warning,
      });
    return mapped.banner;
  })();
  const tableBranch = stages.run(
    'TableGenerator',
    () => cpu.generateTables(dataMap),
    (t) => `${t.length} tables`,
  );
  const rulesBranch: Promise<SkipRule[]> =
    surveyText === null
      ? Promise.resolve(skipWith(stages, 'SkipLogicAgent', 'no survey document'))
      : softStage(
          ctx,
          'SkipLogicAgent',
          [],
          async () => {
            const rules = await runSkipLogicAgent(surveyText, dataMap, { signal });
            return runFilterTranslatorAgent(rules, dataMap, { signal });
          },
          (r) => count(r.length, 'rule'),
        );

  const [banner, generated, rules] = await allOrAbort(ctx.runAbort, [bannerBranch, tableBranch, rulesBranch] as const);
  if (generated.length === 0) {
    const savFile = inputs.labels?.sav ?? path.basename(inputs.savPath);
    throw new PipelineInputError(`${savFile}: no reportable questions (every variable is an id, text, weight or empty)`, {
      file: savFile,
      stage: 'TableGenerator',
    });
  }
  for (const warning of numericWarnings(generated, dataMap, dataset.variables)) warnHollow(ctx, 'TableGenerator', 'input', warning);

  const filtered = await stages.run(
    'FilterApplicator',
    () => applyBaseFilters(generated, rules, dataset.variables),
    (r) => `${r.applied} bases applied, ${r.rejected.length} rejected`,
  );
  for (const rejected of filtered.rejected)
    errors.record({
      severity: 'warning',
      classification: 'agent',
      actionTaken: 'dropped-item',
      stage: 'FilterApplicator',
      agent: 'FilterTranslatorAgent',
      message: `${rejected.reason} (rule ${rejected.ruleId})`,
    });
  for (const base of filtered.inferred)
    errors.record({
      severity: 'warning',
      classification: 'input',
      actionTaken: 'continued',
      stage: 'FilterApplicator',
      message: `No routing was applied to ${base.questionId}: its base leaves out the respondents coded ${base.codes.map((c) => `${c.value} "${c.label}"`).join(', ')} (${base.baseFilter})`,
    });

  const [verified, policies] = await allOrAbort(ctx.runAbort, [
    softStage(
      ctx,
      'VerificationAgent',
      filtered.tables,
      () => runVerificationAgent(filtered.tables, dataMap, { signal }),
      (t) => `${t.length} tables, ${t.filter((x) => x.lowValue).length} low-value`,
    ),
    dataMap.loops.length === 0
      ? Promise.resolve(skipWith(stages, 'LoopSemanticsPolicyAgent', 'no looped variables', []))
      : softStage(
          ctx,
          'LoopSemanticsPolicyAgent',
          [],
          () => runLoopSemanticsPolicyAgent(dataMap, { signal }),
          (p) => count(p.length, 'loop policy', 'loop policies'),
        ),
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
      const meta = {
        dataset: facts.inputs?.datasetName ?? '',
        runId: ctx.runId,
        weighted: dataset.weightVariable !== null,
        generatedAt: new Date().toISOString(),
      };
      const tablesPath = path.join(ctx.outputDir, 'tables.json');
      const workbookPath = path.join(ctx.outputDir, 'crosstabs.xlsx');
      // Named before they are written, so a failure or a cancellation mid-way removes whichever got written.
      facts.files = { tables: tablesPath, workbook: workbookPath };
      await cpu.exportFiles({ tables: facts.tables, tablesPath, workbookPath, meta });
    },
    () => 'crosstabs.xlsx, tables.json',
  );
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
    ctx.errors.record({
      severity: 'error',
      classification: 'agent',
      actionTaken: 'skipped-stage',
      stage,
      errorType: errorTypeName(err),
      message: errorMessage(err),
    });
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
