/**
 * What the module asks of the Sentry SDK for one agent call, written directly against the SDK's public API: the same
 * breadcrumb on the run's isolation scope, the same invoke_agent span under the stage span and chat span under it, with
 * the same names, attributes, status and times. The benchmark's "SDK alone" (sameTelemetry.ts checks it is the same).
 */
import type * as SentryNext from '@sentry/nextjs';
import type { Scope, Span } from '@sentry/core';
import type { AgentCallRecord } from '@/lib/observability';

/** Where the calls are made: the run's isolation scope, the stage's span, the run's id, the stage's name. */
export interface SdkAloneContext {
  sentry: typeof SentryNext;
  scope: Scope;
  stageSpan: Span | undefined;
  runId: string;
  stage: string;
}

const SPAN_STATUS_OK = 1;

/** Send one call's breadcrumb and spans with the SDK alone (a priced call that succeeded, as the benchmark's are). */
export function sdkAloneCall(c: SdkAloneContext, call: AgentCallRecord): void {
  const totalTokens = call.inputTokens + call.outputTokens;
  c.scope.addBreadcrumb(
    {
      category: 'agent',
      type: 'info',
      level: 'info',
      message: `${call.agentName} ${call.model}`,
      timestamp: call.endTime / 1000,
      data: {
        agent: call.agentName,
        model: call.model,
        provider: call.provider,
        inputTokens: call.inputTokens,
        outputTokens: call.outputTokens,
        cachedInputTokens: call.cachedInputTokens,
        reasoningTokens: call.reasoningTokens,
        totalTokens,
        durationMs: call.durationMs,
        costUsd: call.costUsd,
        status: call.status,
        stage: c.stage,
      },
    },
    100,
  );
  const invocation = c.sentry.startInactiveSpan({
    name: `invoke_agent ${call.agentName}`,
    op: 'gen_ai.invoke_agent',
    parentSpan: c.stageSpan,
    startTime: call.startTime,
    attributes: {
      'sentry.op': 'gen_ai.invoke_agent',
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': call.agentName,
      'gen_ai.conversation.id': c.runId,
      'crosstab.pipeline_id': c.runId,
      'crosstab.agent.task': call.task,
      'gen_ai.request.model': call.model,
      'crosstab.stage': c.stage,
    },
  });
  const chat = c.sentry.startInactiveSpan({
    name: `chat ${call.model}`,
    op: 'gen_ai.chat',
    parentSpan: invocation,
    startTime: call.startTime,
    attributes: {
      'sentry.op': 'gen_ai.chat',
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': call.model,
      'gen_ai.response.model': call.model,
      'gen_ai.agent.name': call.agentName,
      'gen_ai.provider.name': call.provider,
      'gen_ai.usage.input_tokens': call.inputTokens,
      'gen_ai.usage.output_tokens': call.outputTokens,
      'gen_ai.usage.total_tokens': totalTokens,
      'gen_ai.usage.cache_read.input_tokens': call.cachedInputTokens,
      'gen_ai.usage.reasoning.output_tokens': call.reasoningTokens,
      'crosstab.price_source': call.priceSource,
      'crosstab.agent.task': call.task,
      'gen_ai.cost.total_tokens': call.costUsd!,
      'crosstab.pipeline_id': c.runId,
      'gen_ai.conversation.id': c.runId,
      'crosstab.stage': c.stage,
    },
  });
  chat.setStatus({ code: SPAN_STATUS_OK });
  chat.end(call.endTime);
  invocation.setAttributes({
    'gen_ai.usage.input_tokens': call.inputTokens,
    'gen_ai.usage.output_tokens': call.outputTokens,
    'gen_ai.usage.total_tokens': totalTokens,
    'gen_ai.response.model': call.model,
    'gen_ai.cost.total_tokens': call.costUsd!,
  });
  invocation.setStatus({ code: SPAN_STATUS_OK });
  invocation.end(call.endTime);
}
