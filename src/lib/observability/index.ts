/**
 * Observability of pipeline runs: one wide event per run (a canonical JSON line and one Sentry event), a trace with a
 * root span `pipeline.run`, a span per stage, and per agent call a breadcrumb plus an `invoke_agent` span holding a
 * `gen_ai.chat` span. This barrel is the only way into the module; README.md beside it shows the data flow.
 *
 * A runner (works the same with Sentry off; callers never branch on it):
 *
 * ```ts
 * import { flushObservability, initObservability, startRunObservability } from '@/lib/observability';
 * import { decideRunEnd } from '@/lib/core/runEnd';
 *
 * await initObservability();                                  // Sentry on only when SENTRY_DSN (or Spotlight) is set
 * const obs = startRunObservability({ runId, dataset, source: 'cli', signal });   // line sinks: stdout (default), Sentry
 * let error: unknown;
 * try {
 *   await obs.run(async () => {                               // the run's context, Sentry scopes and trace
 *     const map = await obs.stage('DataMapProcessor', () => buildDataMap(sav), { signal: runAbort.signal });
 *     if (!surveyText) obs.skipStage('SkipLogicAgent', 'no survey document');
 *     obs.set('significance', true);                          // any field beside the canonical ones
 *   });
 * } catch (err) {
 *   error = err;
 * }
 * const end = decideRunEnd({ error, cancelSignal: signal, firstFailedStage: obs.firstFailedStage() });
 * obs.finish(end, { tableCount });                            // once: the line to every sink, the root span
 * await obs.delivered;                                        // asynchronous sinks (files, stores) have the line
 * await flushObservability(3000);                             // CLI: before exit; bounded, never throws
 * ```
 *
 * Agent calls need nothing of the agents: the model layer wraps each request in `beginAgentInvocation()` and records it
 * with `getAgentMetrics().record(call)`; both find the run through `currentRun()`.
 */

// Running a run
export { ObservedRun, startRunObservability } from './run/ObservedRun';
export type { RunObservability, RunObservabilityOptions, StageOptions } from './run/ObservedRun';
export { initObservability, flushObservability } from './sentry/sentryInit';
export { registerSentrySdk, addObservabilityBreadcrumb, isSentryOn } from './sentry/sentrySdk';
export { captureCleanAsyncContext, inCleanAsyncContext } from './run/cleanAsyncContext';
export { captureRunLink } from './run/runLink';
export type { RunLink } from './run/runLink';
export { endActiveRuns } from './run/activeRuns';
export { withPublishSpan, withProcessSpan, withoutSpans } from './sentry/queueSpans';
export type { QueueMessage, TraceHeaders, ProcessFacts } from './sentry/queueSpans';
export { stdoutLineSink, memoryLineSink, textLineSink, deliverLine } from './line/lineSinks';
export type { FinishedLine, LineSink } from './line/lineSinks';
export type { SentryEventSender } from './sentry/sentryLineSink';

// Agent calls
export { getAgentMetrics, AgentMetricsCollector } from './AgentMetrics';
export type { AgentCallRecord } from './AgentMetrics';
export { beginAgentInvocation } from './agentCalls/beginAgentInvocation';
export { currentRun } from './run/currentRun';
export type { AgentModelSummary } from './agentCalls/agentCallLedger';

// The plan's low-level API
export { WideEvent } from './wide-event';
export { startPipelineTransaction, setSentryUser } from './sentry-pipeline';

// The canonical line (also on its own, browser-safe, at '@/lib/observability/line')
export { CanonicalLineSchema, canonicalLineJsonSchema, CANONICAL_SCHEMA_VERSION, readCanonicalLine } from './line';
export type { CanonicalLine, LineReading, ReadLine } from './line';

// For the legacy tracing entry point
export { AGENT_BREADCRUMB_CATEGORY } from './agentCalls/genAiAttributes';
export { redactJson } from './line/redact';
export { toJsonSafe } from './line/serialize';
