import type { Span, SpanAttributes, StartSpanOptions } from '@sentry/core';
import { errorMessage } from '@/lib/core/errorMessage';
import {
  ATTR_AGENT_TASK,
  ATTR_PIPELINE_ID,
  ATTR_STAGE,
  GEN_AI_AGENT_NAME,
  GEN_AI_CONVERSATION_ID,
  GEN_AI_COST_TOTAL_TOKENS,
  GEN_AI_OPERATION_INVOKE_AGENT,
  GEN_AI_OPERATION_NAME,
  GEN_AI_REQUEST_MODEL,
  GEN_AI_RESPONSE_MODEL,
  GEN_AI_USAGE_INPUT_TOKENS,
  GEN_AI_USAGE_OUTPUT_TOKENS,
  GEN_AI_USAGE_TOTAL_TOKENS,
  OP_GEN_AI_INVOKE_AGENT,
} from './genAiAttributes';
import type { RunTelemetry } from '../sentry/runTelemetry';
import { activeSentry, type SentrySdk } from '../sentry/sentrySdk';
import { SENTRY_OP } from './genAiAttributes';
import { truncateString } from '../line/serialize';
import { operatorWarning } from '../warn';

/** Span status message of a failed invocation. */
const STATUS_MESSAGE_ERROR = 'internal_error';

/**
 * One agent invocation: what one agent does for one unit of its work (a banner group, a table, a routed question). Its
 * `invoke_agent` span is the parent of the invocation's `gen_ai.chat` spans and sums their usage.
 */
export class AgentInvocation {
  private inputTokens = 0;
  private outputTokens = 0;
  private costUsd = 0;
  private priced = true;
  private readonly models = new Set<string>();
  private ended = false;

  constructor(
    readonly agent: string,
    /** The invocation's span; undefined when Sentry is off or the run's span budget is spent (then its calls get no span either). */
    readonly span: Span | undefined,
    /** The SDK that made the span (and ends it). */
    private readonly sdk?: SentrySdk,
  ) {}

  /** Add one of the invocation's calls to its sums. */
  addCall(model: string, inputTokens: number, outputTokens: number, costUsd: number | null): void {
    this.inputTokens += inputTokens;
    this.outputTokens += outputTokens;
    if (costUsd === null || !Number.isFinite(costUsd)) this.priced = false;
    else this.costUsd += costUsd;
    if (this.models.size < 10) this.models.add(truncateString(model, 200));
  }

  /** End the invocation's span with its summed usage and status (idempotent). `endTime` in epoch ms (default now). */
  end(status: 'ok' | 'error', endTime?: number): void {
    if (this.ended || !this.span) return;
    this.ended = true;
    const span = this.span;
    try {
      const models = [...this.models].join(',');
      const attributes: SpanAttributes = {
        [GEN_AI_USAGE_INPUT_TOKENS]: this.inputTokens,
        [GEN_AI_USAGE_OUTPUT_TOKENS]: this.outputTokens,
        [GEN_AI_USAGE_TOTAL_TOKENS]: this.inputTokens + this.outputTokens,
      };
      if (models) attributes[GEN_AI_RESPONSE_MODEL] = models;
      if (this.priced) attributes[GEN_AI_COST_TOTAL_TOKENS] = this.costUsd;
      span.setAttributes(attributes);
      const core = this.sdk?.core;
      if (core) span.setStatus(status === 'error' ? { code: core.SPAN_STATUS_ERROR, message: STATUS_MESSAGE_ERROR } : { code: core.SPAN_STATUS_OK });
      span.end(endTime);
    } catch (err) {
      operatorWarning(`ending an invoke_agent span failed: ${errorMessage(err)}`);
    }
  }
}

/**
 * Start an invocation of `agent` for `task` in a traced run: an `invoke_agent <Agent>` span under the stage's span (else
 * the root span), counted against the run's span budget. Without telemetry, or once the budget is spent, the invocation
 * has no span (and its calls then get none either). `sdk` is the active SDK when the caller has it already. Never throws.
 */
export function startAgentInvocation(
  telemetry: RunTelemetry | undefined,
  stage: string | undefined,
  agent: string,
  task: string,
  model: string | undefined,
  startTime?: number,
  sdk: SentrySdk | undefined = telemetry ? activeSentry() : undefined,
): AgentInvocation {
  if (!telemetry || !sdk) return new AgentInvocation(agent, undefined);
  const budget = telemetry.agentSpans;
  budget.total += 1;
  if (budget.kept >= budget.limit) return new AgentInvocation(agent, undefined);
  budget.kept += 1;
  try {
    const parentSpan = (stage !== undefined ? telemetry.stageSpans.get(stage) : undefined) ?? telemetry.rootSpan;
    const attributes: SpanAttributes = {
      [SENTRY_OP]: OP_GEN_AI_INVOKE_AGENT,
      [GEN_AI_OPERATION_NAME]: GEN_AI_OPERATION_INVOKE_AGENT,
      [GEN_AI_AGENT_NAME]: agent,
      [GEN_AI_CONVERSATION_ID]: telemetry.runId,
      [ATTR_PIPELINE_ID]: telemetry.runId,
      [ATTR_AGENT_TASK]: truncateString(task, 200),
    };
    if (model !== undefined) attributes[GEN_AI_REQUEST_MODEL] = truncateString(model, 200);
    if (stage !== undefined) attributes[ATTR_STAGE] = stage;
    const options: StartSpanOptions = { name: `${GEN_AI_OPERATION_INVOKE_AGENT} ${agent}`, op: OP_GEN_AI_INVOKE_AGENT, parentSpan, attributes };
    if (startTime !== undefined) options.startTime = startTime;
    const span = sdk.sentry.startInactiveSpan(options);
    return new AgentInvocation(agent, span, sdk);
  } catch (err) {
    operatorWarning(`starting an invoke_agent span failed: ${errorMessage(err)}`);
    return new AgentInvocation(agent, undefined);
  }
}
