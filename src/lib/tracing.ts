/**
 * Legacy tracing entry point, kept slim: re-exports of the observability module, plus logAgentExecution()
 * for its remaining call sites. New code imports from '@/lib/observability'.
 */
import { AGENT_BREADCRUMB_CATEGORY, addObservabilityBreadcrumb, redactJson, toJsonSafe } from '@/lib/observability';

export {
  WideEvent,
  startPipelineTransaction,
  setSentryUser,
  startRunObservability,
  flushObservability,
  initObservability,
  getAgentMetrics,
} from '@/lib/observability';

/**
 * Leave an agent-execution breadcrumb (category "agent"); metadata is made JSON-safe and redacted first.
 * @deprecated Agent calls are recorded automatically through getAgentMetrics().record(); use that.
 */
export function logAgentExecution(agentName: string, messageOrMetadata?: string | Record<string, unknown>, metadata?: Record<string, unknown>): void {
  try {
    const message = typeof messageOrMetadata === 'string' ? messageOrMetadata : 'execution';
    const meta = typeof messageOrMetadata === 'string' ? metadata : (messageOrMetadata ?? metadata);
    const data = meta === undefined ? undefined : (redactJson(toJsonSafe(meta)) as Record<string, unknown>);
    addObservabilityBreadcrumb({
      category: AGENT_BREADCRUMB_CATEGORY,
      level: 'info',
      message: `${agentName}: ${message}`.slice(0, 500),
      ...(data ? { data } : {}),
    });
  } catch {
    // a breadcrumb never breaks the caller
  }
}
