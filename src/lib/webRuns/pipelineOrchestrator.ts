import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Breadcrumb } from '@sentry/core';
import { PipelineCancelledError } from '@/lib/core/PipelineErrors';
import type { EventBus, PipelineEvent } from '@/lib/events/EventBus';
import { redactText } from '@/lib/redaction';
import {
  captureRunLink,
  endActiveRuns,
  inCleanAsyncContext,
  startRunObservability,
  stdoutLineSink,
  type LineSink,
  type RunLink,
  type SentryEventSender,
  type RunObservability,
} from '@/lib/observability';
import { decideRunEnd } from '@/lib/core/runEnd';
import type { PipelineRunOptions, PipelineRunResult } from '@/lib/pipeline/runOptions';
import type { RunOutcome } from '@/lib/core/types';
import type { RunPatch, RunStore } from '@/lib/db/runStore';
import type { RunRecord, RunStatus } from '@/lib/db/RunRecord';
import { RunQueue } from './runQueue';
import { RunWriteChain } from './runWriteChain';
import { uploadBreadcrumb, type RunRequest } from './runRequest';
import { recordStages, RunProgress } from './runProgress';
import { errorMessage } from '@/lib/core/errorMessage';
import { operatorLog } from '@/lib/logging/operatorLog';

/** The pipeline entry point the orchestrator drives (the real runner, or a fake in tests). */
export type RunPipelineFn = (options: PipelineRunOptions) => Promise<PipelineRunResult>;

/** What the orchestrator needs. */
export interface OrchestratorDeps {
  runPipeline: RunPipelineFn;
  runs: RunStore;
  bus: EventBus;
  maxConcurrent: number;
  outputRoot: string;
  now?: () => number;
  /** Where runs' canonical lines go (default stdout); each line also goes to Sentry and to its run's record. */
  lineSink?: LineSink;
  /** How runs' Sentry events are sent (default: in each run's own scopes; tests keep the payloads). */
  sentry?: SentryEventSender;
}

/** What `cancel()` did. */
export type CancelResult = 'dequeued' | 'aborting' | 'not-active';

const STATUS_BY_OUTCOME: Record<RunOutcome, RunStatus> = {
  success: 'success',
  partial: 'success',
  error: 'error',
  cancelled: 'cancelled',
};

/** Folder-safe form of an id. */
function safeSegment(id: string): string {
  return id.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/**
 * Runs web pipeline runs in the background: a queue with a concurrency limit (extra runs wait as
 * `queued`), one AbortController per run for cancel, and the run record kept current from the run's
 * EventBus events and its result. `run()` never rejects.
 */
export class PipelineOrchestrator {
  private readonly queue: RunQueue;
  private readonly controllers = new Map<string, AbortController>();
  private readonly updates = new EventEmitter();
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly writes = new RunWriteChain();
  private readonly now: () => number;

  constructor(private readonly deps: OrchestratorDeps) {
    this.queue = new RunQueue(deps.maxConcurrent);
    this.now = deps.now ?? Date.now;
    this.updates.setMaxListeners(0);
  }

  /**
   * The plan's entry of the web path: queue a run whose record already exists (status queued), run it in the background
   * and resolve with its final record once it has ended. Never rejects, so callers may fire and forget. Every run ends
   * with exactly one canonical line and Sentry event, whether it ran, failed to start, or was cancelled in the queue.
   */
  runPipelineFromUpload(req: RunRequest): Promise<RunRecord | null> {
    const done = this.runToEnd(req).catch((err: unknown) => {
      operatorLog('orchestrator', `run ${req.runId} failed outside the pipeline: ${redactText(errorMessage(err))}`);
      return null;
    });
    this.inflight.add(done);
    void done.finally(() => this.inflight.delete(done));
    return done;
  }

  private async runToEnd(req: RunRequest): Promise<RunRecord | null> {
    // Captured here, in the request that asked for the run; the run itself starts from a clean context.
    const link = captureRunLink();
    const controller = new AbortController();
    this.controllers.set(req.runId, controller);
    const onExternalAbort = () => this.cancel(req.runId);
    if (req.signal?.aborted) controller.abort();
    req.signal?.addEventListener('abort', onExternalAbort, { once: true });
    let started = false;
    try {
      await this.queue.enqueue(req.runId, () =>
        inCleanAsyncContext(() => {
          started = true;
          return this.execute(req, controller.signal, link);
        }),
      );
      if (!started) this.finishUnstarted(req, controller.signal, link, 'cancelled while queued');
    } catch (err) {
      this.finishWithError(req.runId, err);
    } finally {
      req.signal?.removeEventListener('abort', onExternalAbort);
      this.controllers.delete(req.runId);
    }
    // The record is read once every write of the run has landed.
    await this.writes.settled(req.runId);
    return this.safeGet(req.runId);
  }

  /**
   * Stop every run of this process (server shutdown): queued runs are cancelled at once, running ones are aborted and
   * given `graceMs` to end with their own line and event; any still going then are ended as cancelled and their
   * records marked so. Resolves once every run has ended.
   */
  async shutdown(graceMs: number): Promise<void> {
    for (const runId of [...this.controllers.keys()]) this.cancel(runId);
    const all = Promise.allSettled([...this.inflight]);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ended = await Promise.race([all.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)))]);
    if (timer) clearTimeout(timer);
    if (ended) return;
    endActiveRuns('server shutting down');
    await Promise.all(
      this.queue.runningIds().map((runId) => this.patch(runId, { status: 'cancelled', outcome: 'cancelled', finishedAt: this.now(), stage: null })),
    );
  }

  /** Cancel a run: a queued run is dropped and marked cancelled at once; a running one is aborted and ends as cancelled. */
  cancel(runId: string): CancelResult {
    if (this.queue.remove(runId)) {
      this.controllers.get(runId)?.abort();
      this.patch(runId, { status: 'cancelled', outcome: 'cancelled', finishedAt: this.now(), stage: null });
      return 'dequeued';
    }
    const controller = this.controllers.get(runId);
    if (!controller || controller.signal.aborted) return 'not-active';
    controller.abort();
    return 'aborting';
  }

  /** Resolves once every record write asked for the run so far has landed (e.g. the cancel's, before answering). */
  settled(runId: string): Promise<void> {
    return this.writes.settled(runId);
  }

  /** Whether this process is queuing or running the run. */
  isActive(runId: string): boolean {
    return this.controllers.has(runId);
  }

  /** Ids of the runs executing now. */
  runningIds(): string[] {
    return this.queue.runningIds();
  }

  /** Listen to every change of one run's record; returns the unsubscribe function. */
  subscribe(runId: string, listener: (record: RunRecord) => void): () => void {
    this.updates.on(runId, listener);
    return () => this.updates.off(runId, listener);
  }

  /**
   * The run's observability: fresh scopes, linked to the request, starting with the upload's breadcrumb (stamped when
   * the upload arrived). Its line goes to stdout (or the configured sink), Sentry, and the run's record.
   */
  private observe(req: RunRequest, signal: AbortSignal, link: RunLink | undefined): RunObservability {
    const breadcrumbs: Breadcrumb[] = req.upload ? [uploadBreadcrumb(req.upload)] : [];
    const recordSink: LineSink = (finished) => this.patch(req.runId, { canonicalLine: finished.text });
    return startRunObservability({
      runId: req.runId,
      dataset: req.inputs.datasetName,
      source: 'web',
      orgId: req.orgId,
      userId: req.userId,
      signal,
      link,
      breadcrumbs,
      sinks: [this.deps.lineSink ?? stdoutLineSink, recordSink],
      ...(this.deps.sentry ? { sentry: this.deps.sentry } : {}),
    });
  }

  /** A run that never started (cancelled in the queue, aborted before its turn): still one line and one event. */
  private finishUnstarted(req: RunRequest, signal: AbortSignal, link: RunLink | undefined, reason: string): void {
    const end = decideRunEnd({ error: new PipelineCancelledError(`Pipeline run was ${reason}`), cancelSignal: signal });
    try {
      const obs = this.observe(req, signal, link);
      obs.set('endedBeforeStart', reason);
      obs.finish(end);
    } catch (err) {
      operatorLog('orchestrator', `could not record run ${req.runId}: ${redactText(errorMessage(err))}`);
    }
    this.patch(req.runId, { status: STATUS_BY_OUTCOME[end.outcome], outcome: end.outcome, finishedAt: this.now(), stage: null });
  }

  private async execute(req: RunRequest, signal: AbortSignal, link: RunLink | undefined): Promise<void> {
    if (signal.aborted) {
      this.finishUnstarted(req, signal, link, 'cancelled before it started');
      return;
    }
    const startedAt = this.now();
    await this.patch(req.runId, { status: 'running', startedAt, progress: 0, stages: [] });
    const tracker = new RunProgress();
    const unsubscribe = this.deps.bus.onAny((event) => this.onEvent(req.runId, tracker, event), req.runId);
    let obs: RunObservability | undefined;
    try {
      obs = this.observe(req, signal, link);
      const result = await this.deps.runPipeline({
        inputs: req.inputs,
        outputDir: path.resolve(this.deps.outputRoot, safeSegment(req.orgId), safeSegment(req.runId)),
        runId: req.runId,
        source: 'web',
        orgId: req.orgId,
        userId: req.userId,
        signal,
        observability: obs,
      });
      this.finishWithResult(req.runId, tracker, result, startedAt);
    } catch (err) {
      // The runner threw instead of reporting: the run ends here, decided by the same rule (a no-op for the line if it already ended).
      const end = decideRunEnd({ error: err, cancelSignal: signal, firstFailedStage: obs?.firstFailedStage() });
      obs?.finish(end);
      if (end.outcome === 'cancelled') {
        this.patch(req.runId, { status: 'cancelled', outcome: 'cancelled', finishedAt: this.now(), durationMs: this.now() - startedAt });
      } else {
        this.finishWithError(req.runId, err, startedAt);
      }
    } finally {
      unsubscribe();
    }
  }

  private onEvent(runId: string, tracker: RunProgress, event: PipelineEvent): void {
    const patch = tracker.apply(event);
    if (patch) this.patch(runId, patch);
  }

  private finishWithResult(runId: string, tracker: RunProgress, result: PipelineRunResult, startedAt: number): void {
    const outputDir = result.outputDir;
    const workbook = outputDir ? path.join(outputDir, 'crosstabs.xlsx') : null;
    const tables = outputDir ? path.join(outputDir, 'tables.json') : null;
    const status = STATUS_BY_OUTCOME[result.outcome];
    this.patch(runId, {
      status,
      outcome: result.outcome,
      stage: status === 'success' ? null : tracker.currentStage,
      progress: status === 'success' ? 1 : tracker.progress,
      stages: recordStages(result.stages),
      finishedAt: this.now(),
      durationMs: Number.isFinite(result.durationMs) ? Math.round(result.durationMs) : this.now() - startedAt,
      tableCount: result.tableCount,
      outputDir,
      workbookPath: workbook && existsSync(workbook) ? workbook : null,
      tablesPath: tables && existsSync(tables) ? tables : null,
      error:
        result.error && result.outcome !== 'cancelled' ? { type: result.error.type, message: result.error.message, stage: result.error.stage ?? null } : null,
    });
  }

  private finishWithError(runId: string, err: unknown, startedAt?: number): void {
    const error = err instanceof Error ? err : new Error(String(err));
    this.patch(runId, {
      status: 'error',
      outcome: 'error',
      finishedAt: this.now(),
      ...(startedAt === undefined ? {} : { durationMs: this.now() - startedAt }),
      error: { type: error.name || 'Error', message: error.message, stage: null },
    });
  }

  /**
   * Update the run's record after its earlier updates (callable from synchronous listeners: the writes of one run
   * land in the order asked, so a late progress patch never overwrites the final status); subscribers get each new
   * record. Resolves once this write has landed; never rejects.
   */
  private patch(runId: string, patch: RunPatch): Promise<void> {
    return this.writes.push(
      runId,
      async () => {
        const record = await this.deps.runs.update(runId, patch);
        if (record) this.updates.emit(runId, record);
      },
      (err) => operatorLog('orchestrator', `could not update run ${runId}: ${redactText(errorMessage(err))}`),
    );
  }

  private async safeGet(runId: string): Promise<RunRecord | null> {
    try {
      return await this.deps.runs.getById(runId);
    } catch {
      return null;
    }
  }
}
