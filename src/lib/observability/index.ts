/**
 * Observability of pipeline runs: one wide event per run (a canonical JSON line and one Sentry event), a trace with a
 * root span `pipeline.run`, a span per stage, and per agent call a breadcrumb plus an `invoke_agent` span holding a
 * `gen_ai.chat` span. This barrel is the only way into the module; README.md beside it shows the data flow.
 *
 * A runner (works the same with Sentry off; callers never branch on it):
 *
 * ```ts
 * import { flushObservability, initObservability, startRunObservability } from '@/lib/observability';
 *
 * initObservability();                                        // Sentry on only when SENTRY_DSN (or Spotlight) is set
 * const obs = startRunObservability({ runId: runId, dataset, source: 'cli', signal });
 * let outcome: RunOutcome = 'success';
 * let failure: unknown;
 * try {
 *   await obs.run(async () => {                               // the run's context, Sentry scopes and trace
 *     const map = await obs.stage('DataMapProcessor', () => buildDataMap(sav), { signal: runAbort.signal });
 *     if (!surveyText) obs.skipStage('SkipLogicAgent', 'no survey document');
 *     obs.set('significance', true);                          // any field beside the canonical ones
 *   });
 * } catch (err) {
 *   outcome = 'error';                                        // a cancellation becomes 'cancelled' by itself
 *   failure = err;
 * }
 * const line = obs.finish(outcome, failure, { tableCount }); // once: the line, the Sentry event, the root span
 * await flushObservability(3000);                             // CLI: before exit; bounded, never throws
 * ```
 *
 * Agent calls need nothing of the agents: the model layer wraps each request in `beginAgentInvocation()` and records it
 * with `getAgentMetrics().record(call)`; both find the run through `currentRun()`.
 */

// Running a run
export { startRunObservability } from './runObservability';
export type { RunObservability, RunObservabilityOptions, RunFinishDetails, StageOptions } from './runObservability';
export { initObservability, flushObservability } from './sentryInit';
export { registerSentrySdk, addObservabilityBreadcrumb, isSentryOn } from './sentrySdk';
export { captureCleanAsyncContext, inCleanAsyncContext } from './cleanAsyncContext';
export { captureRunLink } from './runLink';
export type { RunLink } from './runLink';
export { endActiveRuns } from './activeRuns';
export { stdoutLineSink, memoryLineSink } from './lineSink';
export type { LineSink } from './lineSink';

// Agent calls
export { getAgentMetrics, AgentMetricsCollector } from './AgentMetrics';
export type { AgentCallRecord } from './AgentMetrics';
export { beginAgentInvocation } from './beginAgentInvocation';
export { currentRun } from './RunContext';
export type { AgentModelSummary } from './agentCallLedger';

// The plan's low-level API
export { WideEvent } from './wide-event';
export { startPipelineTransaction, setSentryUser } from './sentry-pipeline';

// The canonical line
export { CanonicalLineSchema, canonicalLineJsonSchema, CANONICAL_SCHEMA_VERSION } from './canonicalSchema';
export type { CanonicalLine } from './canonicalSchema';

// For the legacy tracing entry point
export { AGENT_BREADCRUMB_CATEGORY } from './genAiAttributes';
export { redactJson } from './redact';
export { toJsonSafe } from './serialize';
