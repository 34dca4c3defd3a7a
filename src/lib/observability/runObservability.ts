import type { Breadcrumb } from '@sentry/core';
import { isCancellation, PipelineCancelledError } from '@/lib/errors/PipelineErrors';
import type { RunOutcome } from '@/lib/pipeline/types';
import { trackActiveRun, untrackActiveRun, type EndableRun } from './activeRuns';
import type { LineSink } from './lineSink';
import type { StageSpan } from './pipelineSpanTypes';
import type { RunLink } from './runLink';
import { runSummaryAttributes } from './runSummaryAttributes';
import { startPipelineTrace } from './sentry-pipeline';
import type { WarningSink } from './warn';
import { WideEvent } from './wide-event';

/** Who and what a run is. */
export interface RunObservabilityOptions {
  pipelineId: string;
  dataset: string;
  source: 'cli' | 'web';
  orgId?: string;
  userId?: string;
  /** The run's cancellation signal (the user's cancel): a stage failing after it fired counts as cancelled, not as an error. */
  signal?: AbortSignal;
  /** The request that asked for the run: the root span links to it and the line carries its trace id. */
  link?: RunLink;
  /** Breadcrumbs the run starts with (e.g. the upload that asked for it). */
  breadcrumbs?: Breadcrumb[];
  /** Most gen_ai spans the run sends (default MAX_AGENT_SPANS_PER_RUN). */
  maxAgentSpans?: number;
  /** Where the canonical line goes (default stdout). */
  sink?: LineSink;
  /** Where the module's own warnings go (default stderr). */
  warn?: WarningSink;
  /** Epoch-ms clock (default Date.now). */
  clock?: () => number;
}

/** Last facts a runner knows only at the end of a run. */
export interface RunFinishDetails {
  tableCount?: number;
  /** The stage whose failure ended the run. */
  errorStage?: string;
}

/** Everything a runner needs to make one run observable. Works the same whether Sentry is on or off. */
export interface RunObservability {
  readonly pipelineId: string;
  /** Trace id of the run's spans and event (undefined when Sentry is off). */
  readonly traceId: string | undefined;
  /** The run's wide event (for fields the handle does not cover). */
  readonly wideEvent: WideEvent;
  /** True once the run's line and event have been emitted. */
  readonly finished: boolean;
  /** Run `fn` inside the run: its run scope (agent calls are attributed to it), Sentry isolation scope, trace and root span. */
  run<T>(fn: () => T): T;
  /**
   * Run a stage inside its span and as the run scope's current stage; records status and duration; re-throws fn's
   * error unchanged. A failure is `cancelled` when it is a cancellation or when `signal` (the run's own abort signal,
   * which also fires when a sibling stage fails) or the run's cancellation signal had fired.
   */
  stage<T>(name: string, fn: () => T | Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Record a stage that did not run (status skipped, with the reason). */
  skipStage(name: string, reason: string): void;
  /** Add a field to the wide event. */
  set(key: string, value: unknown): void;
  /** Number of tables the run produced. */
  setTableCount(n: number): void;
  /**
   * Finish the run: stages still open are recorded as cancelled, then the wide event (line + Sentry event) and the root
   * span with the run's summary. Idempotent; returns the canonical line. Never throws.
   */
  finish(outcome: RunOutcome, error?: unknown, final?: RunFinishDetails): string;
}

/** Reason recorded for a stage stopped by the run's own abort after a sibling stage failed. */
const SIBLING_FAILED = 'stopped because another stage failed';
/** Reason recorded for a stage stopped by the user's (or a signal's) cancellation. */
const RUN_CANCELLED = 'run cancelled';

/**
 * Start observing one run: a WideEvent bound to the run (per run, not per process), a root span `pipeline.run`
 * in a new trace with fresh Sentry scopes of its own (no-op spans when Sentry is off). The run is tracked until it
 * finishes, so a signal handler or a server shutdown can end it (endActiveRuns).
 */
export function startRunObservability(opts: RunObservabilityOptions): RunObservability {
  const clock = opts.clock ?? Date.now;
  const spans = startPipelineTrace({
    pipelineId: opts.pipelineId,
    dataset: opts.dataset,
    source: opts.source,
    orgId: opts.orgId,
    userId: opts.userId,
    link: opts.link,
    breadcrumbs: opts.breadcrumbs,
    maxAgentSpans: opts.maxAgentSpans,
  });
  const telemetry = spans.telemetry;
  const context = spans.context;
  const wideEvent = new WideEvent({
    pipelineId: opts.pipelineId,
    dataset: opts.dataset,
    source: opts.source,
    orgId: opts.orgId,
    userId: opts.userId,
    traceId: spans.traceId,
    requestTraceId: opts.link?.traceId,
    sink: opts.sink,
    warn: opts.warn,
    clock,
  });
  context.bind(wideEvent);
  const open = new Map<string, { started: number; span: StageSpan }>();

  const finish = (outcome: RunOutcome, error?: unknown, final?: RunFinishDetails): string => {
    if (wideEvent.finished) return wideEvent.finish(outcome);
    if (final?.tableCount !== undefined) wideEvent.setTableCount(final.tableCount);
    const cancelled = opts.signal?.aborted === true || (error !== undefined && isCancellation(error));
    const effective: RunOutcome = outcome === 'error' && cancelled ? 'cancelled' : outcome;
    for (const [name, stage] of open) {
      wideEvent.recordStage(name, 'cancelled', clock() - stage.started, undefined, 'run ended while the stage was running');
      stage.span.finish('cancelled', 'run ended while the stage was running');
    }
    open.clear();
    const budget = telemetry?.agentSpans;
    const line = wideEvent.finish(effective, error, { errorStage: final?.errorStage, agentSpans: budget ? { total: budget.total, kept: budget.kept } : undefined });
    try {
      spans.finish(effective, runSummaryAttributes(wideEvent.emitted));
    } catch {
      // spans never break the run
    }
    untrackActiveRun(endable);
    return line;
  };

  const endable: EndableRun = {
    pipelineId: opts.pipelineId,
    endNow: (reason) => void finish('cancelled', new PipelineCancelledError(`Pipeline run was cancelled: ${reason}`)),
  };
  trackActiveRun(endable);

  return {
    pipelineId: opts.pipelineId,
    traceId: spans.traceId,
    wideEvent,
    get finished() {
      return wideEvent.finished;
    },
    run: (fn) => spans.run(fn),
    async stage<T>(name: string, fn: () => T | Promise<T>, signal?: AbortSignal): Promise<T> {
      const span = spans.startStage(name);
      const started = clock();
      open.set(name, { started, span });
      try {
        const result = await span.run(fn);
        if (open.delete(name)) {
          wideEvent.recordStage(name, 'ok', clock() - started);
          span.finish('ok');
        }
        return result;
      } catch (err) {
        if (open.delete(name)) {
          const userCancelled = opts.signal?.aborted === true;
          if (isCancellation(err) || userCancelled || signal?.aborted === true) {
            const reason = userCancelled ? RUN_CANCELLED : SIBLING_FAILED;
            wideEvent.recordStage(name, 'cancelled', clock() - started, undefined, reason);
            span.finish('cancelled', reason);
          } else {
            wideEvent.recordStage(name, 'error', clock() - started, err);
            span.finish('error');
          }
        }
        throw err;
      }
    },
    skipStage(name: string, reason: string): void {
      wideEvent.recordStage(name, 'skipped', 0, undefined, reason);
      spans.startStage(name).finish('skipped');
    },
    set: (key, value) => wideEvent.set(key, value),
    setTableCount: (n) => wideEvent.setTableCount(n),
    finish,
  };
}
