import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Breadcrumb } from '@sentry/core';
import { errorMessage } from '@/lib/core/errorMessage';
import { decideRunEnd, type RunEnd } from '@/lib/core/runEnd';
import type { RunOutcome } from '@/lib/core/types';
import type { RunPatch, RunStore } from '@/lib/db/runStore';
import type { RunRecord, RunStatus } from '@/lib/db/RunRecord';
import type { EventBus } from '@/lib/events/EventBus';
import { operatorLog } from '@/lib/logging/operatorLog';
import {
  startRunObservability,
  stdoutLineSink,
  withoutSpans,
  type FinishedLine,
  type LineSink,
  type RunLink,
  type RunObservability,
  type SentryEventSender,
} from '@/lib/observability';
import type { RunWorker } from '@/lib/observability/line';
import type { PipelineRunOptions, PipelineRunResult } from '@/lib/pipeline/runOptions';
import { redactText } from '@/lib/redaction';
import { RunProgress, recordStages } from './runProgress';
import { uploadBreadcrumb, type RunRequest } from './runRequest';
import { RunWriteChain } from './runWriteChain';

/** The pipeline entry point an executor drives (the real runner, or a fake in tests). */
export type RunPipelineFn = (options: PipelineRunOptions) => Promise<PipelineRunResult>;

/** A run's record status for each outcome. */
export const STATUS_BY_OUTCOME: Record<RunOutcome, RunStatus> = { success: 'success', partial: 'success', error: 'error', cancelled: 'cancelled' };

/** What an executor needs: the store, where progress comes from, the runner, and where lines, events and records go. */
export interface RunExecutorDeps {
  runPipeline: RunPipelineFn;
  runs: RunStore;
  bus: EventBus;
  outputRoot: string;
  /** This process, as run records and canonical lines name it. */
  worker: RunWorker;
  now?: () => number;
  /** Where runs' canonical lines go (default stdout); each line also goes to Sentry and to its run's record. */
  lineSink?: LineSink;
  /** How runs' Sentry events are sent (default: in each run's own scopes; tests keep the payloads). */
  sentry?: SentryEventSender;
  /** Told of every new record of a run (the embedded orchestrator's subscribers; a worker's update channel). */
  onRecord: (record: RunRecord) => void;
}

/** One delivery of a run to this process. */
export interface Delivery {
  signal: AbortSignal;
  /** What asked for the run: the upload request, or the queue message that brought it (its root span links there). */
  link: RunLink | undefined;
  /** How long it waited before this process started it. */
  queueWaitMs: number;
  /** Told the run's attempt once it is claimed (queued → running). */
  onStarted?: (attempt: number) => void;
}

/** Folder-safe form of an id. */
function safeSegment(id: string): string {
  return id.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/**
 * Runs one web run against the store, the same in every mode: the embedded orchestrator calls it for the runs of its
 * in-memory queue, a worker for the runs it takes from Redis. A run is started by one conditional update (queued →
 * running, attempt + 1) and finished by another on that attempt, which the run's line waits on: whichever process or
 * attempt ends a run, it ends once, with one record, one canonical line and one Sentry event.
 */
export class RunExecutor {
  private readonly writes = new RunWriteChain();
  private readonly now: () => number;

  constructor(private readonly deps: RunExecutorDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Run a queued run to its end (nothing when it is not queued anymore: cancelled or taken meanwhile). Never rejects. */
  async execute(req: RunRequest, delivery: Delivery, leaseMs: number): Promise<{ attempt: number | null }> {
    const attempt = await withoutSpans(() => this.deps.runs.startAttempt(req.runId, this.deps.worker.id, leaseMs, this.now())).catch((err: unknown) => {
      this.report(req.runId, 'could not start', err);
      return null;
    });
    if (attempt === null) return { attempt };
    delivery.onStarted?.(attempt);
    const startedAt = this.now();
    await this.patch(req.runId, { progress: 0, stages: [] });
    const tracker = new RunProgress();
    const unsubscribe = this.deps.bus.onAny((event) => {
      const patch = tracker.apply(event);
      if (patch) void this.patch(req.runId, patch);
    }, req.runId);
    let claimed = false;
    const outputDir = path.resolve(this.deps.outputRoot, safeSegment(req.orgId), safeSegment(req.runId));
    const obs = this.observe(req, delivery, attempt, tracker, (won) => (claimed = won), outputDir);
    try {
      const result = await this.deps.runPipeline({
        inputs: req.inputs,
        outputDir,
        runId: req.runId,
        source: 'web',
        orgId: req.orgId,
        userId: req.userId,
        signal: delivery.signal,
        observability: obs,
      });
      await obs.delivered;
      if (claimed) await this.patch(req.runId, this.resultPatch(result, startedAt));
    } catch (err) {
      // The runner threw instead of reporting: the run ends here, by the same rule (a no-op for the line if it already ended).
      obs.finish(decideRunEnd({ error: err, cancelSignal: delivery.signal, firstFailedStage: obs.firstFailedStage() }));
      await obs.delivered;
      if (claimed) await this.patch(req.runId, { durationMs: this.now() - startedAt });
    } finally {
      unsubscribe();
      await this.writes.settled(req.runId);
    }
    return { attempt };
  }

  /** End a run that never started (cancelled in its queue): once, with its line and event, on its attempt (0 when never started). */
  async finishUnstarted(req: RunRequest, attempt: number, reason: string, link?: RunLink): Promise<void> {
    const error = new Error(`Pipeline run was ${reason}`);
    error.name = 'AbortError';
    const obs = this.observe(req, { signal: AbortSignal.abort(), link, queueWaitMs: 0 }, attempt, new RunProgress(), () => undefined);
    obs.set('endedBeforeStart', reason);
    obs.finish(decideRunEnd({ error }));
    await obs.delivered;
    await this.writes.settled(req.runId);
  }

  /** End a run whose worker is gone (its lease expired, or its job stalled): once, as an error, with its line and event. */
  async endLost(run: RunRecord): Promise<boolean> {
    const req: RunRequest = { runId: run.id, orgId: run.orgId, userId: run.userId, inputs: { datasetName: run.dataset, savPath: '' } };
    // The record's own upload summary is gone with the worker; the line says what the store knows.
    const error = new Error(`the worker running this run (${run.worker ?? 'unknown'}) stopped before it ended; the run was not retried`);
    error.name = 'WorkerLost';
    let claimed = false;
    const obs = this.observe(
      req,
      { signal: new AbortController().signal, link: undefined, queueWaitMs: 0 },
      run.attempt,
      new RunProgress(),
      (won) => (claimed = won),
    );
    for (const stage of run.stages) if (stage.status !== 'running') obs.wideEvent.recordStage(stage.name, stage.status, stage.durationMs ?? 0);
    obs.finish(decideRunEnd({ error, firstFailedStage: run.stage ?? undefined }));
    await obs.delivered;
    await this.writes.settled(run.id);
    return claimed;
  }

  /** Resolves once every record write asked for the run so far has landed. */
  settled(runId: string): Promise<void> {
    return this.writes.settled(runId);
  }

  /** The run's record as stored now. */
  record(runId: string): Promise<RunRecord | null> {
    return this.deps.runs.getById(runId);
  }

  /**
   * The run's observability: fresh scopes, linked to what asked for it, starting with the upload's breadcrumb (stamped when
   * the upload arrived). Its finish is claimed in the store on its attempt, then its line goes to stdout (or the
   * configured sink) and Sentry; the claim itself writes the line and the outcome into the record.
   */
  private observe(
    req: RunRequest,
    d: Delivery,
    attempt: number,
    tracker: RunProgress,
    onClaim: (won: boolean) => void,
    outputDir: string | null = null,
  ): RunObservability {
    const breadcrumbs: Breadcrumb[] = req.upload ? [uploadBreadcrumb(req.upload)] : [];
    return startRunObservability({
      runId: req.runId,
      dataset: req.inputs.datasetName,
      source: 'web',
      orgId: req.orgId,
      userId: req.userId,
      signal: d.signal,
      link: d.link,
      breadcrumbs,
      attempt,
      worker: this.deps.worker,
      queueWaitMs: d.queueWaitMs,
      sinks: [this.deps.lineSink ?? stdoutLineSink],
      claim: async (finished) => {
        const won = await this.claim(req.runId, attempt, { ...this.endPatch(finished, tracker), ...outputsPatch(outputDir, finished) });
        onClaim(won);
        return won;
      },
      ...(this.deps.sentry ? { sentry: this.deps.sentry } : {}),
    });
  }

  /** The conditional terminal update, in the run's write order; true when this call ended the run. */
  private async claim(runId: string, attempt: number, patch: RunPatch): Promise<boolean> {
    let won = false;
    await this.writes.push(
      runId,
      async () => {
        const record = await withoutSpans(() => this.deps.runs.finishAttempt(runId, attempt, patch));
        won = record !== null;
        if (record) this.deps.onRecord(record);
      },
      (err) => this.report(runId, 'could not finish', err),
    );
    return won;
  }

  /** What the record says once the run ended, from its settled line (already redacted) and its progress. */
  private endPatch({ text, line, end }: FinishedLine, tracker: RunProgress): RunPatch {
    const status = STATUS_BY_OUTCOME[end.outcome];
    return {
      status,
      outcome: end.outcome,
      finishedAt: this.now(),
      canonicalLine: text,
      stage: status === 'success' ? null : (end.failedStage ?? tracker.currentStage),
      progress: status === 'success' ? 1 : tracker.progress,
      error: errorOf(end, line.error),
    };
  }

  /** What only the runner's result has (each stage's detail), once the run has ended; the end's record already has the rest. */
  private resultPatch(result: PipelineRunResult, startedAt: number): RunPatch {
    return {
      stages: recordStages(result.stages),
      durationMs: Number.isFinite(result.durationMs) ? Math.round(result.durationMs) : this.now() - startedAt,
      tableCount: result.tableCount,
      ...outputFiles(result.outputDir),
    };
  }

  /** Update the run's record after its earlier writes (so a late progress patch never overwrites the end). Never rejects. */
  private patch(runId: string, patch: RunPatch): Promise<void> {
    return this.writes.push(
      runId,
      async () => {
        const record = await withoutSpans(() => this.deps.runs.update(runId, patch));
        if (record) this.deps.onRecord(record);
      },
      (err) => this.report(runId, 'could not update', err),
    );
  }

  private report(runId: string, what: string, err: unknown): void {
    operatorLog('runs', `${what} run ${runId}: ${redactText(errorMessage(err))}`);
  }
}

/** A run's output folder and the files of it the pages offer, as far as they exist now. */
function outputFiles(outputDir: string | null): Pick<RunPatch, 'outputDir' | 'workbookPath' | 'tablesPath'> {
  const file = (name: string) => (outputDir && existsSync(path.join(outputDir, name)) ? path.join(outputDir, name) : null);
  return { outputDir, workbookPath: file('crosstabs.xlsx'), tablesPath: file('tables.json') };
}

/**
 * The outputs a run's end writes with its status, so the first record that says "finished" is whole: a page that
 * fetches the tables or the workbook as soon as it reads the end finds them. The files were written before the line
 * was (the export is a stage); the table count and duration are the line's.
 */
function outputsPatch(outputDir: string | null, { line }: FinishedLine): RunPatch {
  if (outputDir === null) return {};
  return { ...outputFiles(outputDir), tableCount: line.totals.tableCount, durationMs: Math.round(line.durationMs) };
}

/** The record's error: the line's (redacted) error of a failed run; none for a run that succeeded or was cancelled. */
function errorOf(end: RunEnd, error: FinishedLine['line']['error']): RunRecord['error'] {
  if (end.outcome !== 'error' || !error) return null;
  return { type: error.type, message: error.message, stage: error.stage ?? null };
}
