import type { Breadcrumb, SpanAttributes } from '@sentry/core';
import type { AgentCallRecord } from './agentCallRecord';
import { normaliseTokens, type NormalisedTokens } from './tokenCounts';
import {
  AGENT_BREADCRUMB_CATEGORY,
  ATTR_AGENT_TASK,
  ATTR_PIPELINE_ID,
  ATTR_PRICE_SOURCE,
  ATTR_STAGE,
  GEN_AI_AGENT_NAME,
  GEN_AI_CONVERSATION_ID,
  GEN_AI_COST_TOTAL_TOKENS,
  GEN_AI_OPERATION_CHAT,
  GEN_AI_OPERATION_NAME,
  GEN_AI_PROVIDER_NAME,
  GEN_AI_REQUEST_MODEL,
  GEN_AI_RESPONSE_MODEL,
  GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  GEN_AI_USAGE_INPUT_TOKENS,
  GEN_AI_USAGE_OUTPUT_TOKENS,
  GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  GEN_AI_USAGE_TOTAL_TOKENS,
  OP_GEN_AI_CHAT,
  SENTRY_OP,
} from './genAiAttributes';
import { startAgentInvocation, type AgentInvocation } from './agentInvocation';
import type { RunTelemetry } from '../sentry/runTelemetry';
import { activeSentry } from '../sentry/sentrySdk';
import { truncateString } from '../line/serialize';

/** Span status message of a failed model call. */
const STATUS_MESSAGE_ERROR = 'internal_error';

/** Breadcrumb of one agent call: metrics only (no prompt, no output, no respondent data). `model` is the call's, cut. */
export function agentCallBreadcrumb(
  call: AgentCallRecord,
  stage: string | undefined,
  t: NormalisedTokens = normaliseTokens(call),
  model: string = truncateString(call.model, 200),
): Breadcrumb {
  const data: Record<string, string | number | null> = {
    agent: call.agentName,
    model,
    provider: truncateString(call.provider, 100),
    inputTokens: t.inputTokens,
    outputTokens: t.outputTokens,
    cachedInputTokens: t.cachedInputTokens,
    reasoningTokens: t.reasoningTokens,
    totalTokens: t.inputTokens + t.outputTokens,
    durationMs: call.durationMs,
    costUsd: call.costUsd,
    status: call.status,
  };
  if (stage !== undefined) data.stage = stage;
  if (call.errorType !== undefined) data.errorType = truncateString(call.errorType, 200);
  const endTime = Number.isFinite(call.endTime) ? call.endTime : Date.now();
  return {
    category: AGENT_BREADCRUMB_CATEGORY,
    type: 'info',
    level: call.status === 'error' ? 'error' : 'info',
    message: `${call.agentName} ${model}`,
    timestamp: endTime / 1000,
    data,
  };
}

/** OpenTelemetry GenAI attributes of one agent call (token counts only, never content). `model` is the call's, cut. */
export function agentCallAttributes(
  call: AgentCallRecord,
  runId: string | undefined,
  stage: string | undefined,
  t: NormalisedTokens = normaliseTokens(call),
  model: string = truncateString(call.model, 200),
): SpanAttributes {
  const attributes: SpanAttributes = {
    [SENTRY_OP]: OP_GEN_AI_CHAT,
    [GEN_AI_OPERATION_NAME]: GEN_AI_OPERATION_CHAT,
    [GEN_AI_REQUEST_MODEL]: model,
    [GEN_AI_RESPONSE_MODEL]: model,
    [GEN_AI_AGENT_NAME]: call.agentName,
    [GEN_AI_PROVIDER_NAME]: truncateString(call.provider, 100),
    [GEN_AI_USAGE_INPUT_TOKENS]: t.inputTokens,
    [GEN_AI_USAGE_OUTPUT_TOKENS]: t.outputTokens,
    [GEN_AI_USAGE_TOTAL_TOKENS]: t.inputTokens + t.outputTokens,
    [GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: t.cachedInputTokens,
    [GEN_AI_USAGE_REASONING_OUTPUT_TOKENS]: t.reasoningTokens,
    [ATTR_PRICE_SOURCE]: truncateString(call.priceSource, 200),
    [ATTR_AGENT_TASK]: truncateString(call.task, 200),
  };
  if (call.costUsd !== null && Number.isFinite(call.costUsd)) attributes[GEN_AI_COST_TOTAL_TOKENS] = call.costUsd;
  if (runId !== undefined) {
    attributes[ATTR_PIPELINE_ID] = runId;
    attributes[GEN_AI_CONVERSATION_ID] = runId;
  }
  if (stage !== undefined) attributes[ATTR_STAGE] = stage;
  return attributes;
}

/**
 * Emit the Sentry side of one agent call: a breadcrumb in the run's isolation scope and a gen_ai.chat span timed to the
 * call, child of its invocation's invoke_agent span. A call recorded outside an invocation (the low-level API) gets an
 * invocation of its own, timed to it. No span once the run's span budget is spent; outside a traced run, the breadcrumb
 * goes to the current scope and no span is made.
 */
export function emitAgentCallTelemetry(
  call: AgentCallRecord,
  telemetry: RunTelemetry | undefined,
  stage: string | undefined,
  invocation?: AgentInvocation,
  tokens?: NormalisedTokens,
): void {
  const sdk = activeSentry();
  if (!sdk) return;
  const Sentry = sdk.sentry;
  const t = tokens ?? normaliseTokens(call);
  const model = truncateString(call.model, 200);
  const breadcrumb = agentCallBreadcrumb(call, stage, t, model);
  if (!telemetry) {
    Sentry.addBreadcrumb(breadcrumb);
    return;
  }
  // Straight onto the run's own scope (no scope entered per call). The breadcrumb is this module's own metrics —
  // agent, model, provider, counts — so it skips the redaction hook that guards everything else.
  telemetry.isolationScope.addBreadcrumb(breadcrumb, telemetry.maxBreadcrumbs);
  const endTime = Number.isFinite(call.endTime) ? call.endTime : Date.now();
  const startTime = Number.isFinite(call.startTime) && call.startTime <= endTime ? call.startTime : endTime - Math.max(0, call.durationMs || 0);
  const own = invocation ?? startAgentInvocation(telemetry, stage, call.agentName, call.task, call.model, startTime, sdk);
  own.addCall(call.model, t.inputTokens, t.outputTokens, call.costUsd);
  // Bounded per run (through the invocation's budget), so that a run's own event and root span always fit the SDK's transport buffer.
  if (own.span) {
    const span = Sentry.startInactiveSpan({
      name: `${GEN_AI_OPERATION_CHAT} ${model}`,
      op: OP_GEN_AI_CHAT,
      parentSpan: own.span,
      startTime,
      attributes: agentCallAttributes(call, telemetry.runId, stage, t, model),
    });
    span.setStatus(call.status === 'error' ? { code: sdk.core.SPAN_STATUS_ERROR, message: STATUS_MESSAGE_ERROR } : { code: sdk.core.SPAN_STATUS_OK });
    span.end(endTime);
  }
  if (!invocation) own.end(call.status, endTime);
}
