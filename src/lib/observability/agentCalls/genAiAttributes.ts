/**
 * Attribute names, span ops and the breadcrumb category this module emits. The OpenTelemetry GenAI and Sentry names
 * come from the SDK's own conventions package (never typed by hand); the crosstab.* names are this app's.
 */
export {
  GEN_AI_AGENT_NAME,
  GEN_AI_CONVERSATION_ID,
  GEN_AI_COST_TOTAL_TOKENS,
  GEN_AI_OPERATION_NAME,
  GEN_AI_PROVIDER_NAME,
  GEN_AI_REQUEST_MODEL,
  GEN_AI_RESPONSE_MODEL,
  GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  GEN_AI_USAGE_INPUT_TOKENS,
  GEN_AI_USAGE_OUTPUT_TOKENS,
  GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  GEN_AI_USAGE_TOTAL_TOKENS,
  SENTRY_CANCELLATION_REASON,
  SENTRY_OP,
  SENTRY_STATUS_MESSAGE,
} from '@sentry/conventions/attributes';
import { GEN_AI_CHAT, GEN_AI_INVOKE_AGENT } from '@sentry/conventions/op';

/** Value of gen_ai.operation.name for the agents' model calls. */
export const GEN_AI_OPERATION_CHAT = 'chat';
/** Value of gen_ai.operation.name for one agent invocation (one unit of an agent's work). */
export const GEN_AI_OPERATION_INVOKE_AGENT = 'invoke_agent';
/** Span op of one agent model call (the SDK's conventions). */
export const OP_GEN_AI_CHAT = GEN_AI_CHAT;
/** Span op of one agent invocation, the parent of its model calls (the SDK's conventions). */
export const OP_GEN_AI_INVOKE_AGENT = GEN_AI_INVOKE_AGENT;
/** Span op of the pipeline-run root span. */
export const OP_PIPELINE_RUN = 'pipeline.run';
/** Span op of a pipeline stage span. */
export const OP_PIPELINE_STAGE = 'pipeline.stage';
/** Name of the pipeline-run root span. */
export const PIPELINE_RUN_SPAN_NAME = 'pipeline.run';
/** Breadcrumb category of agent calls. */
export const AGENT_BREADCRUMB_CATEGORY = 'agent';
/** Span status message (and sentry.status.message) of a cancelled span. */
export const STATUS_MESSAGE_CANCELLED = 'cancelled';

/** crosstab.* attributes set on spans. */
export const ATTR_PIPELINE_ID = 'crosstab.pipeline_id';
/** Dataset of the run (span attribute). */
export const ATTR_DATASET = 'crosstab.dataset';
/** cli or web (span attribute). */
export const ATTR_SOURCE = 'crosstab.source';
/** How the run ended (root span attribute). */
export const ATTR_OUTCOME = 'crosstab.outcome';
/** Stage name (span attribute). */
export const ATTR_STAGE = 'crosstab.stage';
/** Stage status ok|error|skipped|cancelled (span attribute). */
export const ATTR_STAGE_STATUS = 'crosstab.stage.status';
/** Where the call's price came from (span attribute). */
export const ATTR_PRICE_SOURCE = 'crosstab.price_source';
/** Agent task label (span attribute). */
export const ATTR_AGENT_TASK = 'crosstab.agent.task';
/** Trace and span id of the request that asked for the run (root span attributes, beside the span link). */
export const ATTR_REQUEST_TRACE_ID = 'crosstab.request.trace_id';
export const ATTR_REQUEST_SPAN_ID = 'crosstab.request.span_id';
/** Attribute on the link from a run's root span to its request. */
export const ATTR_LINK_TYPE = 'crosstab.link.type';
