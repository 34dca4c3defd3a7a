import type { Scope, Span, SpanAttributes, SpanLink } from '@sentry/core';
import type { RunOutcome } from '@/lib/core/types';
import {
  ATTR_DATASET,
  ATTR_LINK_TYPE,
  ATTR_OUTCOME,
  ATTR_PIPELINE_ID,
  ATTR_REQUEST_SPAN_ID,
  ATTR_REQUEST_TRACE_ID,
  ATTR_SOURCE,
  ATTR_STAGE,
  ATTR_STAGE_STATUS,
  OP_PIPELINE_RUN,
  OP_PIPELINE_STAGE,
  PIPELINE_RUN_SPAN_NAME,
  SENTRY_CANCELLATION_REASON,
  SENTRY_OP,
  SENTRY_STATUS_MESSAGE,
  STATUS_MESSAGE_CANCELLED,
} from './agentCalls/genAiAttributes';
import { NOOP_PIPELINE_SPANS } from './sentry/noopPipelineSpans';
import type { PipelineSpanContext, PipelineTransactionOptions, StageSpan, StageSpanStatus } from './sentry/pipelineSpanTypes';
import type { RunTelemetry } from './sentry/runTelemetry';
import { activeSentry, registeredSentry, type SentrySdk } from './sentry/sentrySdk';
import { sanitiseTagValue } from './sentry/sentryTags';
import { errorMessage } from '@/lib/core/errorMessage';
import { operatorWarning } from './warn';

/** The SDK's breadcrumb limit when a client does not set one. */
const DEFAULT_MAX_BREADCRUMBS = 100;

/** Span status message of a failed span. */
const STATUS_MESSAGE_ERROR = 'internal_error';

/**
 * Most gen_ai spans one run sends. The SDK sends a trace's spans in envelopes of at most 1,000 and its transport holds
 * at most 64 requests, dropping the rest: a run with more calls than this keeps complete rollups in its event and line,
 * and the line says how many calls had no span (agentSpansTruncated).
 */
export const MAX_AGENT_SPANS_PER_RUN = 1000;

/**
 * Set a span's status. A cancelled span gets Sentry's `cancelled` status (shown as such for transactions; the streamed
 * span format has only ok/error and sends it as not-an-error) plus `sentry.status.message` and
 * `sentry.cancellation_reason`, which both formats keep.
 */
function setSpanStatus(sdk: SentrySdk, span: Span, status: StageSpanStatus | RunOutcome, reason?: string): void {
  const { SPAN_STATUS_ERROR, SPAN_STATUS_OK } = sdk.core;
  if (status === 'error') {
    span.setStatus({ code: SPAN_STATUS_ERROR, message: STATUS_MESSAGE_ERROR });
  } else if (status === 'cancelled') {
    span.setStatus({ code: SPAN_STATUS_ERROR, message: STATUS_MESSAGE_CANCELLED });
    span.setAttribute(SENTRY_STATUS_MESSAGE, STATUS_MESSAGE_CANCELLED);
    span.setAttribute(SENTRY_CANCELLATION_REASON, reason ?? 'cancelled');
  } else {
    span.setStatus({ code: SPAN_STATUS_OK });
  }
}

function guarded(what: string, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    operatorWarning(`${what} failed: ${errorMessage(err)}`);
  }
}

/** A new, empty scope bound to the process's client (nothing of the caller's scopes). */
function freshScope(sdk: SentrySdk): Scope {
  const scope = new sdk.core.Scope();
  scope.setClient(sdk.sentry.getClient());
  return scope;
}

function linkTo(opts: PipelineTransactionOptions): SpanLink[] | undefined {
  if (!opts.link) return undefined;
  return [
    {
      context: { traceId: opts.link.traceId, spanId: opts.link.spanId, traceFlags: opts.link.sampled ? 1 : 0 },
      attributes: { [ATTR_LINK_TYPE]: 'requested_by' },
    },
  ];
}

/**
 * Start the root span `pipeline.run` of a run, in a new trace with fresh Sentry scopes of its own (a no-op span context
 * of the same shape when Sentry is off). Never throws. The run's scopes are new, never forked from the caller's: a run
 * queued behind another request, or started from a timer, carries nothing of that request (breadcrumbs, user, tags).
 * Its root span links to `opts.link`, the request that asked for it.
 */
export function startPipelineTransaction(opts: PipelineTransactionOptions): PipelineSpanContext {
  const sdk = activeSentry();
  if (!sdk) return NOOP_PIPELINE_SPANS;
  const Sentry = sdk.sentry;
  let telemetry: RunTelemetry;
  try {
    const isolationScope = freshScope(sdk);
    telemetry = Sentry.withIsolationScope(isolationScope, () =>
      Sentry.withScope(freshScope(sdk), () =>
        Sentry.startNewTrace(() => {
          isolationScope.setTag('pipeline_id', sanitiseTagValue(opts.pipelineId));
          // The run is the conversation: every AI span of the run carries its id (gen_ai.conversation.id).
          isolationScope.setConversationId(opts.pipelineId);
          const attributes: SpanAttributes = {
            [SENTRY_OP]: OP_PIPELINE_RUN,
            [ATTR_PIPELINE_ID]: opts.pipelineId,
            [ATTR_DATASET]: opts.dataset,
          };
          if (opts.source) attributes[ATTR_SOURCE] = opts.source;
          if (opts.link) {
            attributes[ATTR_REQUEST_TRACE_ID] = opts.link.traceId;
            attributes[ATTR_REQUEST_SPAN_ID] = opts.link.spanId;
          }
          const rootSpan = Sentry.startInactiveSpan({ name: PIPELINE_RUN_SPAN_NAME, op: OP_PIPELINE_RUN, parentSpan: null, attributes, links: linkTo(opts) });
          for (const breadcrumb of opts.breadcrumbs ?? []) Sentry.addBreadcrumb(breadcrumb);
          return {
            runId: opts.pipelineId,
            traceId: sdk.core.spanToJSON(rootSpan).trace_id,
            isolationScope,
            currentScope: Sentry.getCurrentScope(),
            rootSpan,
            stageSpans: new Map<string, Span>(),
            agentSpans: { limit: Math.max(0, Math.floor(opts.maxAgentSpans ?? MAX_AGENT_SPANS_PER_RUN)), total: 0, kept: 0 },
            maxBreadcrumbs: Sentry.getClient()?.getOptions().maxBreadcrumbs ?? DEFAULT_MAX_BREADCRUMBS,
          };
        }),
      ),
    );
  } catch (err) {
    operatorWarning(`could not start the pipeline span: ${errorMessage(err)}`);
    return NOOP_PIPELINE_SPANS;
  }
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
          attributes: { [SENTRY_OP]: OP_PIPELINE_STAGE, [ATTR_STAGE]: name, [ATTR_PIPELINE_ID]: opts.pipelineId },
        });
        telemetry.stageSpans.set(name, span);
      });
      let done = false;
      return {
        finish(status: StageSpanStatus, reason?: string) {
          if (done || !span) return;
          done = true;
          const s = span;
          guarded('ending a stage span', () => {
            s.setAttribute(ATTR_STAGE_STATUS, status);
            setSpanStatus(sdk, s, status, reason);
            s.end();
          });
          if (telemetry.stageSpans.get(name) === s) telemetry.stageSpans.delete(name);
        },
      };
    },
    finish(status: RunOutcome, summary?: SpanAttributes) {
      if (ended) return;
      ended = true;
      guarded('ending the pipeline span', () => {
        if (summary) telemetry.rootSpan.setAttributes(summary);
        telemetry.rootSpan.setAttribute(ATTR_OUTCOME, status);
        setSpanStatus(sdk, telemetry.rootSpan, status, status === 'cancelled' ? 'run cancelled' : undefined);
        telemetry.rootSpan.end();
      });
    },
  };
}

/** Who is behind a request or run, as far as Sentry may know: opaque ids only (no e-mail, no IP). */
export interface SentryUserContext {
  userId?: string;
  orgId?: string;
}

/** Set the Sentry user (id only) and org tag on a scope (default: the current isolation scope). Never throws. */
export function setSentryUser(auth: SentryUserContext | null | undefined, scope?: Scope): void {
  guarded('setting the Sentry user', () => {
    const target = scope ?? registeredSentry()?.sentry.getIsolationScope();
    if (!target) return;
    if (!auth) {
      target.setUser(null);
      return;
    }
    if (auth.userId !== undefined) target.setUser({ id: sanitiseTagValue(auth.userId) });
    if (auth.orgId !== undefined) target.setTag('org_id', sanitiseTagValue(auth.orgId));
  });
}
