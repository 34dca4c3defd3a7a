import type { AgentCallRecord } from './agentCalls/agentCallRecord';
import { emitAgentCallTelemetry } from './agentCalls/agentTelemetry';
import { errorMessage } from '@/lib/core/errorMessage';
import { processWide } from '@/lib/core/processWide';
import { currentRun } from './run/currentRun';
import { operatorWarning } from './warn';
import type { WideEvent } from './wide-event';

export type { AgentCallRecord } from './agentCalls/agentCallRecord';

/**
 * The plan's hook for agent calls: the model layer calls record() once per call, and the call reaches the run it was
 * made in (its ledger, breadcrumb and gen_ai span) through the run's async context, without any lookup by run id.
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
      operatorWarning(`recording an agent call failed: ${errorMessage(err)}`);
    }
  }

  /** Make `event` the wide event that calls made outside any run feed (a run's calls always feed its own). */
  bindWideEvent(event: WideEvent): void {
    this.outside = event;
  }

  /** Undo bindWideEvent. */
  unbindWideEvent(): void {
    this.outside = undefined;
  }

  /** The wide event calls made here would feed. */
  boundWideEvent(): WideEvent | undefined {
    return currentRun()?.run.wideEvent ?? this.outside;
  }
}

/**
 * The process-wide holder of the collector (one per process: Next.js may load this module twice), looked up once here
 * rather than on every call: the model layer asks for the collector once per model call.
 */
const holder = processWide('agentMetrics', () => ({ collector: new AgentMetricsCollector() }));

/** The process-wide collector. */
export function getAgentMetrics(): AgentMetricsCollector {
  return holder.collector;
}

/** Replace the collector with a fresh one (tests). */
export function resetAgentMetrics(): void {
  holder.collector = new AgentMetricsCollector();
}
