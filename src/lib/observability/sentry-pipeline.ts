import * as Sentry from '@sentry/nextjs';
import { SEMANTIC_ATTRIBUTE_SENTRY_OP, SPAN_STATUS_ERROR, SPAN_STATUS_OK, spanToJSON, type Span } from '@sentry/core';
import type { RunOutcome } from '@/lib/pipeline/types';
import { ATTR_DATASET, ATTR_PIPELINE_ID, ATTR_STAGE, ATTR_STAGE_STATUS, OP_PIPELINE_RUN, OP_PIPELINE_STAGE, PIPELINE_RUN_SPAN_NAME } from './genAiAttributes';
import { NOOP_PIPELINE_SPANS } from './noopPipelineSpans';
import type { PipelineSpanContext, PipelineTransactionOptions, StageSpan, StageSpanStatus } from './pipelineSpanTypes';
import { registerRunTelemetry, unregisterRunTelemetry, type RunTelemetry } from './runTelemetry';
import { isSentryOn } from './sentrySdk';
import { sanitiseTagValue } from './sentryTags';
import { stderrWarning } from './warn';

/** Span status message Sentry shows for a cancelled span. */
const STATUS_MESSAGE_CANCELLED = 'cancelled';
/** Span status message of a failed span. */
const STATUS_MESSAGE_ERROR = 'internal_error';

function setSpanStatus(span: Span, status: StageSpanStatus | RunOutcome): void {
  if (status === 'error') span.setStatus({ code: SPAN_STATUS_ERROR, message: STATUS_MESSAGE_ERROR });
  else if (status === 'cancelled') span.setStatus({ code: SPAN_STATUS_ERROR, message: STATUS_MESSAGE_CANCELLED });
  else span.setStatus({ code: SPAN_STATUS_OK });
}

function guarded(what: string, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    stderrWarning(`${what} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** A pipeline span context that also exposes the run's Sentry state (undefined when Sentry is off). */
export type TracedPipelineSpanContext = PipelineSpanContext & { readonly telemetry?: RunTelemetry };

/**
 * Start the root span `pipeline.run` of a run, in a new trace and a fresh Sentry isolation scope of its own.
 * Returns a no-op of the same shape when Sentry is off. Never throws.
 */
export function startPipelineTransaction(opts: PipelineTransactionOptions): PipelineSpanContext {
  return startPipelineTrace(opts);
}

/** startPipelineTransaction() plus access to the run's Sentry state (used by the run handle and the wide event). */
export function startPipelineTrace(opts: PipelineTransactionOptions): TracedPipelineSpanContext {
  if (!isSentryOn()) return NOOP_PIPELINE_SPANS;
  let telemetry: RunTelemetry;
  try {
    telemetry = Sentry.withIsolationScope((isolationScope) =>
      Sentry.startNewTrace(() => {
        isolationScope.setTag('pipeline_id', sanitiseTagValue(opts.pipelineId));
        const rootSpan = Sentry.startInactiveSpan({
          name: PIPELINE_RUN_SPAN_NAME,
          op: OP_PIPELINE_RUN,
          parentSpan: null,
          attributes: {
            [SEMANTIC_ATTRIBUTE_SENTRY_OP]: OP_PIPELINE_RUN,
            [ATTR_PIPELINE_ID]: opts.pipelineId,
            [ATTR_DATASET]: opts.dataset,
            ...(opts.source ? { 'crosstab.source': opts.source } : {}),
          },
        });
        return {
          runId: opts.pipelineId,
          traceId: spanToJSON(rootSpan).trace_id,
          isolationScope,
          currentScope: Sentry.getCurrentScope(),
          rootSpan,
          stageSpans: new Map<string, Span>(),
        };
      }),
    );
  } catch (err) {
    stderrWarning(`could not start the pipeline span: ${err instanceof Error ? err.message : String(err)}`);
    return NOOP_PIPELINE_SPANS;
  }
  registerRunTelemetry(telemetry);
  if (opts.userId !== undefined || opts.orgId !== undefined) setSentryUser({ userId: opts.userId, orgId: opts.orgId }, telemetry.isolationScope);

  let ended = false;
  return {
    traceId: telemetry.traceId,
    telemetry,
    startStage(name: string): StageSpan {
      let span: Span | undefined;
      guarded('starting a stage span', () => {
        span = Sentry.startInactiveSpan({
          name,
          op: OP_PIPELINE_STAGE,
          parentSpan: telemetry.rootSpan,
          attributes: { [SEMANTIC_ATTRIBUTE_SENTRY_OP]: OP_PIPELINE_STAGE, [ATTR_STAGE]: name, [ATTR_PIPELINE_ID]: opts.pipelineId },
        });
        telemetry.stageSpans.set(name, span);
      });
      let done = false;
      return {
        finish(status: StageSpanStatus) {
          if (done || !span) return;
          done = true;
          const s = span;
          guarded('ending a stage span', () => {
            s.setAttribute(ATTR_STAGE_STATUS, status);
            setSpanStatus(s, status);
            s.end();
          });
          if (telemetry.stageSpans.get(name) === s) telemetry.stageSpans.delete(name);
        },
      };
    },
    finish(status: RunOutcome) {
      if (ended) return;
      ended = true;
      guarded('ending the pipeline span', () => {
        telemetry.rootSpan.setAttribute('crosstab.outcome', status);
        setSpanStatus(telemetry.rootSpan, status);
        telemetry.rootSpan.end();
      });
      unregisterRunTelemetry(telemetry.runId);
    },
  };
}

/** Who is behind a request or run, as far as Sentry may know: opaque ids only (no e-mail, no IP). */
export interface SentryUserContext {
  userId?: string;
  orgId?: string;
}

/** Set the Sentry user (id only) and org tag on a scope (default: the current isolation scope). Never throws. */
export function setSentryUser(auth: SentryUserContext | null | undefined, scope?: import('@sentry/core').Scope): void {
  guarded('setting the Sentry user', () => {
    const target = scope ?? Sentry.getIsolationScope();
    if (!auth) {
      target.setUser(null);
      return;
    }
    if (auth.userId !== undefined) target.setUser({ id: sanitiseTagValue(auth.userId) });
    if (auth.orgId !== undefined) target.setTag('org_id', sanitiseTagValue(auth.orgId));
  });
}
