/**
 * Observability of pipeline runs: one wide event per run (a canonical JSON line on stdout and one Sentry event),
 * a trace with a root span `pipeline.run` and a span per stage, and a breadcrumb plus a gen_ai span per agent call.
 * This barrel is the only way into the module.
 *
 * Runner usage (works the same with Sentry off; callers never branch on it):
 *
 * ```ts
 * import { initObservability, flushObservability, startRunObservability } from '@/lib/observability';
 *
 * initObservability();                                   // CLI: Sentry on only when SENTRY_DSN is set
 * const obs = startRunObservability({ pipelineId: runId, dataset, source: 'cli', orgId, userId, signal });
 * let outcome: RunOutcome = 'success';
 * let failure: unknown;
 * try {
 *   await obs.run(async () => {
 *     const map = await obs.stage('DataMapProcessor', () => buildDataMap(sav));   // re-throws unchanged
 *     if (!surveyText) obs.skipStage('SkipLogicAgent', 'no survey document');
 *     obs.set('significance', true);
 *     obs.setTableCount(tables.length);
 *   });
 * } catch (err) {
 *   outcome = 'error';                                   // a cancellation becomes 'cancelled' by itself
 *   failure = err;
 * } finally {
 *   const line = obs.finish(outcome, failure);           // idempotent; prints the line, sends the event
 *   await fs.writeFile(path.join(outDir, 'canonical-line.json'), line + '\n');
 * }
 * await flushObservability(2000);                        // CLI: before exit; bounded, never throws
 * ```
 *
 * Agent calls need nothing: `getAgentMetrics().record(call)` inside `obs.run()`/`obs.stage()` feeds the run's wide
 * event, breadcrumbs and spans.
 */
export { AgentMetricsCollector, getAgentMetrics, resetAgentMetrics } from './AgentMetrics';
export type { AgentCallRecord } from './AgentMetrics';
export type { AgentModelSummary } from './agentCallLedger';
export { currentRun, RunContext } from './RunContext';
export { beginAgentInvocation } from './beginAgentInvocation';
export type { InvocationHandle } from './beginAgentInvocation';
export type { RunFrame } from './RunContext';
export { WideEvent, MAX_FIELDS, MAX_STAGES } from './wide-event';
export type { WideEventOptions, WideEventFinishDetails } from './wide-event';
export type { AgentCallInput } from './agentCallLedger';
export { MAX_AGENT_CALL_ENTRIES } from './agentCallLedger';
export { startPipelineTransaction, setSentryUser, MAX_AGENT_SPANS_PER_RUN } from './sentry-pipeline';
export { captureRunLink } from './runLink';
export type { RunLink } from './runLink';
export { captureCleanAsyncContext, inCleanAsyncContext } from './cleanAsyncContext';
export { activeRunCount, endActiveRuns } from './activeRuns';
export type { SentryUserContext } from './sentry-pipeline';
export type { PipelineSpanContext, PipelineTransactionOptions, StageSpan, StageSpanStatus } from './pipelineSpanTypes';
export { startRunObservability } from './runObservability';
export type { RunObservability, RunObservabilityOptions, RunFinishDetails } from './runObservability';
export { initObservability, flushObservability } from './sentryInit';
export { buildSentryOptions, filterBreadcrumb, scrubEvent, SENTRY_NORMALIZE_DEPTH } from './sentryOptions';
export type { SentryConfigInput, SharedSentryOptions } from './sentryOptions';
export { isSentryOn } from './sentrySdk';
export { agentCallBreadcrumb } from './agentTelemetry';
export { stdoutLineSink, memoryLineSink } from './lineSink';
export type { LineSink } from './lineSink';
export type { WarningSink } from './warn';
export {
  CanonicalLineSchema,
  canonicalLineJsonSchema,
  CANONICAL_KIND,
  CANONICAL_SCHEMA_VERSION,
} from './canonicalSchema';
export type { CanonicalLine, StageRecord, AgentRollup, AgentCallEntry, RunTotals, RunErrorInfo } from './canonicalSchema';
export { WIDE_EVENT_BUDGET_BYTES } from './sizeBudget';
export { isSecretKey, redactJson, REDACTED } from './redact';
export { toJsonSafe, safeStringify } from './serialize';
export { causeChain } from './causeChain';
export type { CauseLevel } from './causeChain';
export {
  GEN_AI_OPERATION_NAME,
  GEN_AI_REQUEST_MODEL,
  GEN_AI_AGENT_NAME,
  GEN_AI_USAGE_INPUT_TOKENS,
  GEN_AI_USAGE_OUTPUT_TOKENS,
  GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  AGENT_BREADCRUMB_CATEGORY,
  OP_GEN_AI_CHAT,
  OP_PIPELINE_RUN,
  OP_PIPELINE_STAGE,
  PIPELINE_RUN_SPAN_NAME,
} from './genAiAttributes';
