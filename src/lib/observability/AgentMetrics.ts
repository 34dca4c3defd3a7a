import type { AgentCallRecord } from './agentCallRecord';
import { emitAgentCallTelemetry } from './agentTelemetry';
import { errorMessage } from '@/lib/core/errorMessage';
import { currentRun } from './RunContext';
import { stderrWarning } from './warn';
import type { WideEvent } from './wide-event';

export type { AgentCallRecord } from './agentCallRecord';

/**
 * The plan's hook for agent calls: the model layer calls record() once per call, and the call reaches the run it was
 * made in (its wide event, breadcrumb and gen_ai span) through the run context, without any lookup by run id.
 */
export class AgentMetricsCollector {
  /** The wide event of calls made outside any run (bindWideEvent), e.g. by a script using the low-level API. */
  private outside: WideEvent | undefined;

  /** Record one call in the run it belongs to. Instrumentation failures never reach the caller. */
  record(call: AgentCallRecord): void {
    const frame = currentRun();
    if (frame) {
      frame.run.recordAgentCall(call, frame.stage, frame.invocation);
      return;
    }
    try {
      this.outside?.recordAgentCall(call, undefined);
      emitAgentCallTelemetry(call, undefined, undefined);
    } catch (err) {
      stderrWarning(`recording an agent call failed: ${errorMessage(err)}`);
    }
  }

  /** Make `event` the wide event that calls feed: the current run's, or (outside any run) the process's. */
  bindWideEvent(event: WideEvent): void {
    const frame = currentRun();
    if (frame) frame.run.bind(event);
    else this.outside = event;
  }

  /** Undo bindWideEvent (same resolution). */
  unbindWideEvent(): void {
    const frame = currentRun();
    if (frame) frame.run.bind(undefined);
    else this.outside = undefined;
  }

  /** The wide event calls made here would feed. */
  boundWideEvent(): WideEvent | undefined {
    return currentRun()?.run.wideEvent ?? this.outside;
  }
}

const carrier = globalThis as typeof globalThis & { __crosstabAgentMetrics?: AgentMetricsCollector };

/** The process-wide collector (on globalThis: Next.js may load this module twice). */
export function getAgentMetrics(): AgentMetricsCollector {
  carrier.__crosstabAgentMetrics ??= new AgentMetricsCollector();
  return carrier.__crosstabAgentMetrics;
}

/** Replace the collector with a fresh one (tests). */
export function resetAgentMetrics(): void {
  carrier.__crosstabAgentMetrics = new AgentMetricsCollector();
}
