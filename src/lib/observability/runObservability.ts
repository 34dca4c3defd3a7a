import type { Breadcrumb } from '@sentry/core';
import { endedByCancellation } from '@/lib/core/cancellation';
import { finalOutcome } from './finalOutcome';
import { PipelineCancelledError } from '@/lib/core/PipelineErrors';
import type { RunOutcome, StageState } from './vocabulary';
import { trackActiveRun, untrackActiveRun, type EndableRun } from './activeRuns';
import type { LineSink } from './lineSink';
import type { StageSpan } from './pipelineSpanTypes';
import type { RunLink } from './runLink';
import { runSummaryAttributes } from './runSummaryAttributes';
import { startPipelineTransaction } from './sentry-pipeline';
import type { WarningSink } from './warn';
import { WideEvent } from './wide-event';

/** Who and what a run is. */
export interface RunObservabilityOptions {
  /** The run's id (the line's `pipelineId`, the `pipeline_id` tag). */
  runId: string;
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
  readonly runId: string;
  /** Trace id of the run's spans and event (undefined when Sentry is off). */
  readonly traceId: string | undefined;
  /** The run's wide event (for fields the handle does not cover). */
  readonly wideEvent: WideEvent;
  /** True once the run's line and event have been emitted. */
  readonly finished: boolean;
  /** Run `fn` inside the run: its run scope (agent calls are attributed to it), Sentry isolation scope, trace and root span. */
  run<T>(fn: () => T): T;
  /**
   * Run a stage inside its span and as the current stage of its async branch; records its state (running, then ok,
   * error or cancelled, timed once) and re-throws fn's error unchanged. A failure is `cancelled` when it is a
   * cancellation or when the run's cancellation signal or `options.signal` had fired.
   */
  stage<T>(name: string, fn: () => T | Promise<T>, options?: StageOptions<T>): Promise<T>;
  /** Every stage as it stands (running ones included): the one stage model. */
  stages(): StageState[];
  /** The stage whose failure ended the run (the first to fail, else the first cancelled). */
  firstFailedStage(): string | undefined;
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
/** Reason recorded for a stage still running when the run was ended. */
const STILL_RUNNING = 'run ended while the stage was running';

/** A stage's short description of its result, never throwing. */
function describe<T>(fn: ((result: T) => string) | undefined, result: T): string | undefined {
  if (!fn) return undefined;
  try {
    return fn(result);
  } catch {
    return undefined;
  }
}

/** How a stage is run. */
export interface StageOptions<T> {
  /** The run's own abort signal (also fired when a sibling stage fails): a failure after it fired counts as cancelled. */
  signal?: AbortSignal;
  /** What the stage produced, in a few words ("16 tables"), kept with the stage. */
  describe?: (result: T) => string;
  /** Called once the stage is recorded as running, before its work starts (a throw fails the stage). */
  onStart?: () => void;
}

/**
 * Start observing one run: a WideEvent bound to the run (per run, not per process), a root span `pipeline.run`
 * in a new trace with fresh Sentry scopes of its own (no-op spans when Sentry is off). The run is tracked until it
 * finishes, so a signal handler or a server shutdown can end it (endActiveRuns).
 */
export function startRunObservability(opts: RunObservabilityOptions): RunObservability {
  const clock = opts.clock ?? Date.now;
  const spans = startPipelineTransaction({
    pipelineId: opts.runId,
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
    pipelineId: opts.runId,
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
  /** Spans of the stages now running, ended as cancelled if the run finishes first. */
  const open = new Map<string, StageSpan>();

  const finish = (outcome: RunOutcome, error?: unknown, final?: RunFinishDetails): string => {
    if (wideEvent.finished) return wideEvent.finish(outcome);
    if (final?.tableCount !== undefined) wideEvent.setTableCount(final.tableCount);
    const effective = finalOutcome(outcome, error, opts.signal);
    for (const name of wideEvent.runningStages()) wideEvent.recordStage(name, 'cancelled', undefined, undefined, STILL_RUNNING);
    for (const span of open.values()) span.finish('cancelled', STILL_RUNNING);
    open.clear();
    const budget = telemetry?.agentSpans;
    const line = wideEvent.finish(effective, error, {
      errorStage: final?.errorStage,
      agentSpans: budget ? { total: budget.total, kept: budget.kept } : undefined,
    });
    try {
      spans.finish(effective, runSummaryAttributes(wideEvent.emitted));
    } catch {
      // spans never break the run
    }
    untrackActiveRun(endable);
    return line;
  };

  const endable: EndableRun = {
    runId: opts.runId,
    endNow: (reason) => void finish('cancelled', new PipelineCancelledError(`Pipeline run was cancelled: ${reason}`)),
  };
  trackActiveRun(endable);

  return {
    runId: opts.runId,
    traceId: spans.traceId,
    wideEvent,
    get finished() {
      return wideEvent.finished;
    },
    run: (fn) => spans.run(fn),
    async stage<T>(name: string, fn: () => T | Promise<T>, options: StageOptions<T> = {}): Promise<T> {
      const span = spans.startStage(name);
      wideEvent.startStage(name);
      open.set(name, span);
      try {
        options.onStart?.();
        const result = await span.run(fn);
        if (open.delete(name)) {
          wideEvent.recordStage(name, 'ok', undefined, undefined, undefined, describe(options.describe, result));
          span.finish('ok');
        }
        return result;
      } catch (err) {
        if (open.delete(name)) {
          if (endedByCancellation(err, opts.signal, options.signal)) {
            const reason = opts.signal?.aborted === true ? RUN_CANCELLED : SIBLING_FAILED;
            wideEvent.recordStage(name, 'cancelled', undefined, undefined, reason);
            span.finish('cancelled', reason);
          } else {
            wideEvent.recordStage(name, 'error', undefined, err);
            span.finish('error');
          }
        }
        throw err;
      }
    },
    stages: () => wideEvent.stageSnapshot(),
    firstFailedStage: () => wideEvent.firstFailedStage(),
    skipStage(name: string, reason: string): void {
      wideEvent.recordStage(name, 'skipped', 0, undefined, reason);
      spans.startStage(name).finish('skipped');
    },
    set: (key, value) => wideEvent.set(key, value),
    setTableCount: (n) => wideEvent.setTableCount(n),
    finish,
  };
}
