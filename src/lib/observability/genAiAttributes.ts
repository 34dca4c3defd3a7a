/**
 * OpenTelemetry GenAI semantic-convention attribute names (as Sentry's AI views read them),
 * plus the span ops and breadcrumb category this module emits. One place for every name.
 */

/** gen_ai.operation.name: the kind of model operation ("chat"). */
export const GEN_AI_OPERATION_NAME = 'gen_ai.operation.name';
/** gen_ai.request.model: the model asked for. */
export const GEN_AI_REQUEST_MODEL = 'gen_ai.request.model';
/** gen_ai.response.model: the model that answered. */
export const GEN_AI_RESPONSE_MODEL = 'gen_ai.response.model';
/** gen_ai.agent.name: the agent that made the call. */
export const GEN_AI_AGENT_NAME = 'gen_ai.agent.name';
/** gen_ai.provider.name: the model provider. */
export const GEN_AI_PROVIDER_NAME = 'gen_ai.provider.name';
/** gen_ai.usage.input_tokens: prompt tokens, cached ones included. */
export const GEN_AI_USAGE_INPUT_TOKENS = 'gen_ai.usage.input_tokens';
/** gen_ai.usage.output_tokens: completion tokens, reasoning ones included. */
export const GEN_AI_USAGE_OUTPUT_TOKENS = 'gen_ai.usage.output_tokens';
/** gen_ai.usage.total_tokens: input plus output tokens. */
export const GEN_AI_USAGE_TOTAL_TOKENS = 'gen_ai.usage.total_tokens';
/** gen_ai.usage.cache_read.input_tokens: the cached subset of the input tokens. */
export const GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS = 'gen_ai.usage.cache_read.input_tokens';
/** gen_ai.usage.reasoning.output_tokens: the reasoning subset of the output tokens. */
export const GEN_AI_USAGE_REASONING_OUTPUT_TOKENS = 'gen_ai.usage.reasoning.output_tokens';
/** gen_ai.cost.total_tokens: estimated cost of the call in USD (absent when the price is unknown). */
export const GEN_AI_COST_TOTAL_TOKENS = 'gen_ai.cost.total_tokens';

/** Value of gen_ai.operation.name for the agents' model calls. */
export const GEN_AI_OPERATION_CHAT = 'chat';
/** Span op of one agent model call. */
export const OP_GEN_AI_CHAT = 'gen_ai.chat';
/** Span op of the pipeline-run root span. */
export const OP_PIPELINE_RUN = 'pipeline.run';
/** Span op of a pipeline stage span. */
export const OP_PIPELINE_STAGE = 'pipeline.stage';
/** Name of the pipeline-run root span. */
export const PIPELINE_RUN_SPAN_NAME = 'pipeline.run';
/** Breadcrumb category of agent calls. */
export const AGENT_BREADCRUMB_CATEGORY = 'agent';

/** crosstab.* attributes set on spans. */
export const ATTR_PIPELINE_ID = 'crosstab.pipeline_id';
/** Dataset of the run (span attribute). */
export const ATTR_DATASET = 'crosstab.dataset';
/** Stage name (span attribute). */
export const ATTR_STAGE = 'crosstab.stage';
/** Stage status ok|error|skipped (span attribute). */
export const ATTR_STAGE_STATUS = 'crosstab.stage.status';
/** Where the call's price came from (span attribute). */
export const ATTR_PRICE_SOURCE = 'crosstab.price_source';
/** Agent task label (span attribute). */
export const ATTR_AGENT_TASK = 'crosstab.agent.task';
