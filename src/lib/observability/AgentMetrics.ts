import type { AgentName } from '@/lib/pipeline/types';
import { emitAgentCallTelemetry } from './agentTelemetry';
import { getRunTelemetry } from './runTelemetry';
import { currentRunScope } from './runScope';
import { stderrWarning } from './warn';
import type { WideEvent } from './wide-event';

/** One agent call as measured by the model layer. `inputTokens` includes cached ones; cached/reasoning are subsets. */
export interface AgentCallRecord {
  agentName: AgentName;
  model: string;
  provider: string;
  task: string;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  reasoningTokens: number;
  /** Epoch ms when the call started and ended (the gen_ai span is timed to these). */
  startTime: number;
  endTime: number;
  durationMs: number;
  /** Estimated cost in USD from the price library; null when the model has no known price. */
  costUsd: number | null;
  /** Where the price came from, e.g. "genai-prices@0.1.8:openai/gpt-4o-mini", "local (free)" or "unpriced". */
  priceSource: string;
  status: 'ok' | 'error';
  errorType?: string;
}

/** Per agent-and-model rollup. */
export interface AgentModelSummary {
  agentName: AgentName;
  model: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  reasoningTokens: number;
  durationMs: number;
  /** Sum of priced calls only. */
  costUsd: number;
  /** Calls whose price was unknown: their cost is not in costUsd. */
  unpricedCalls: number;
}

/** Collects agent-call metrics, bucketed per run (the run scope in AsyncLocalStorage), or in a process bucket outside a run. */
export class AgentMetricsCollector {
  private readonly buckets = new Map<string, AgentCallRecord[]>();
  private readonly wideEvents = new Map<string, WideEvent>();
  private static readonly PROCESS_BUCKET = '__process__';

  /**
   * Record one call (existing logic: store + roll up), then feed the run's bound WideEvent and emit the call's
   * breadcrumb and gen_ai span. Instrumentation failures never reach the caller.
   */
  record(call: AgentCallRecord): void {
    const scope = currentRunScope();
    const key = scope?.runId ?? AgentMetricsCollector.PROCESS_BUCKET;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = [];
      this.buckets.set(key, bucket);
    }
    bucket.push(call);

    try {
      this.wideEvents.get(key)?.recordAgentCall({ ...call, stage: scope?.stage });
    } catch (err) {
      stderrWarning(`feeding the wide event failed: ${err instanceof Error ? err.message : String(err)}`);
    }
    try {
      emitAgentCallTelemetry(call, getRunTelemetry(scope?.runId), scope?.stage);
    } catch (err) {
      stderrWarning(`agent call telemetry failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /**
   * Bind a WideEvent to a run so record() feeds it: the given run id, else the current run scope's, else the
   * process bucket (calls made outside any run scope). Per run, so concurrent runs never mix.
   */
  bindWideEvent(event: WideEvent, runId?: string): void {
    this.wideEvents.set(runId ?? currentRunScope()?.runId ?? AgentMetricsCollector.PROCESS_BUCKET, event);
  }

  /** Unbind a run's WideEvent (same run-id resolution as bindWideEvent). */
  unbindWideEvent(runId?: string): void {
    this.wideEvents.delete(runId ?? currentRunScope()?.runId ?? AgentMetricsCollector.PROCESS_BUCKET);
  }

  /** The WideEvent bound to a run, if any. */
  boundWideEvent(runId?: string): WideEvent | undefined {
    return this.wideEvents.get(runId ?? currentRunScope()?.runId ?? AgentMetricsCollector.PROCESS_BUCKET);
  }

  /** All calls recorded for a run (defaults to the current run scope). */
  calls(runId?: string): readonly AgentCallRecord[] {
    const key = runId ?? currentRunScope()?.runId ?? AgentMetricsCollector.PROCESS_BUCKET;
    return this.buckets.get(key) ?? [];
  }

  /** Per agent-and-model summary for a run. */
  summary(runId?: string): AgentModelSummary[] {
    const byKey = new Map<string, AgentModelSummary>();
    for (const c of this.calls(runId)) {
      const key = `${c.agentName}\u0000${c.model}`;
      let s = byKey.get(key);
      if (!s) {
        s = { agentName: c.agentName, model: c.model, calls: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, reasoningTokens: 0, durationMs: 0, costUsd: 0, unpricedCalls: 0 };
        byKey.set(key, s);
      }
      s.calls += 1;
      s.inputTokens += c.inputTokens;
      s.outputTokens += c.outputTokens;
      s.cachedInputTokens += c.cachedInputTokens;
      s.reasoningTokens += c.reasoningTokens;
      s.durationMs += c.durationMs;
      if (c.costUsd === null) s.unpricedCalls += 1;
      else s.costUsd += c.costUsd;
    }
    return [...byKey.values()];
  }

  /** Drop a finished run's records (the runner calls this after writing its summary). */
  clearRun(runId: string): void {
    this.buckets.delete(runId);
  }

  /** Drop everything (tests). */
  reset(): void {
    this.buckets.clear();
    this.wideEvents.clear();
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
