import * as Sentry from '@sentry/nextjs';
import { isCancellation } from '@/lib/errors/PipelineErrors';
import type { RunOutcome } from '@/lib/pipeline/types';
import { getAgentMetrics } from './AgentMetrics';
import type { LineSink } from './lineSink';
import { currentRunScope, withRunScope, withRunScopePatch } from './runScope';
import { sentryEventSender } from './sentryEventSender';
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
  /** The run's cancellation signal: a stage failing after it fired counts as cancelled, not as an error. */
  signal?: AbortSignal;
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
}

/** Everything a runner needs to make one run observable. Works the same whether Sentry is on or off. */
export interface RunObservability {
  readonly pipelineId: string;
  /** Trace id of the run's spans and event (undefined when Sentry is off). */
  readonly traceId: string | undefined;
  /** The run's wide event (for fields the handle does not cover). */
  readonly wideEvent: WideEvent;
  /** Run `fn` inside the run: its run scope (agent calls are attributed to it), Sentry isolation scope and trace. */
  run<T>(fn: () => T): T;
  /** Run a stage inside its span and as the run scope's current stage; records status and duration; re-throws fn's error unchanged. */
  stage<T>(name: string, fn: () => T | Promise<T>): Promise<T>;
  /** Record a stage that did not run (status skipped, with the reason). */
  skipStage(name: string, reason: string): void;
  /** Add a field to the wide event. */
  set(key: string, value: unknown): void;
  /** Number of tables the run produced. */
  setTableCount(n: number): void;
  /** Finish the run: wide event (line + Sentry event), root span, unbind. Idempotent; returns the canonical line. Never throws. */
  finish(outcome: RunOutcome, error?: unknown, final?: RunFinishDetails): string;
}

/**
 * Start observing one run: a WideEvent bound to the run (per run, not per process), a root span `pipeline.run`
 * in a new trace with its own Sentry isolation scope (no-op spans when Sentry is off).
 */
export function startRunObservability(opts: RunObservabilityOptions): RunObservability {
  const clock = opts.clock ?? Date.now;
  const spans = startPipelineTrace({ pipelineId: opts.pipelineId, dataset: opts.dataset, source: opts.source, orgId: opts.orgId, userId: opts.userId });
  const telemetry = spans.telemetry;
  const wideEvent = new WideEvent({
    pipelineId: opts.pipelineId,
    dataset: opts.dataset,
    source: opts.source,
    orgId: opts.orgId,
    userId: opts.userId,
    traceId: spans.traceId,
    sink: opts.sink,
    warn: opts.warn,
    clock,
    sentry: sentryEventSender(telemetry),
  });
  const metrics = getAgentMetrics();
  metrics.bindWideEvent(wideEvent, opts.pipelineId);

  const inScopes = <T>(fn: () => T): T => {
    const scoped = (): T => withRunScope({ runId: opts.pipelineId }, fn);
    if (!telemetry) return scoped();
    return Sentry.withIsolationScope(telemetry.isolationScope, () => Sentry.withScope(telemetry.currentScope, scoped));
  };

  return {
    pipelineId: opts.pipelineId,
    traceId: spans.traceId,
    wideEvent,
    run: inScopes,
    async stage<T>(name: string, fn: () => T | Promise<T>): Promise<T> {
      const span = spans.startStage(name);
      const started = clock();
      try {
        const inRun = currentRunScope()?.runId === opts.pipelineId;
        const result = await (inRun ? withRunScopePatch({ stage: name }, fn) : inScopes(() => withRunScopePatch({ stage: name }, fn)));
        wideEvent.recordStage(name, 'ok', clock() - started);
        span.finish('ok');
        return result;
      } catch (err) {
        const cancelled = isCancellation(err) || opts.signal?.aborted === true;
        wideEvent.recordStage(name, 'error', clock() - started, err);
        span.finish(cancelled ? 'cancelled' : 'error', err);
        throw err;
      }
    },
    skipStage(name: string, reason: string): void {
      wideEvent.recordStage(name, 'skipped', 0, undefined, reason);
      spans.startStage(name).finish('skipped');
    },
    set: (key, value) => wideEvent.set(key, value),
    setTableCount: (n) => wideEvent.setTableCount(n),
    finish(outcome: RunOutcome, error?: unknown, final?: RunFinishDetails): string {
      if (final?.tableCount !== undefined && !wideEvent.finished) wideEvent.setTableCount(final.tableCount);
      const effective: RunOutcome = outcome === 'error' && (opts.signal?.aborted === true || (error !== undefined && isCancellation(error))) ? 'cancelled' : outcome;
      const wasFinished = wideEvent.finished;
      const line = wideEvent.finish(effective, error);
      if (!wasFinished) {
        try {
          spans.finish(effective);
        } catch {
          // spans never break the run
        }
        if (metrics.boundWideEvent(opts.pipelineId) === wideEvent) metrics.unbindWideEvent(opts.pipelineId);
      }
      return line;
    },
  };
}
