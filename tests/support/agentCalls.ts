import { vi } from 'vitest';
import { currentRun, getAgentMetrics, memoryLineSink, startRunObservability, type AgentCallRecord } from '@/lib/observability';

/**
 * Every agent-call record the model layer hands to the metrics collector, with the run it was made in. Spies on the
 * current collector: call it after any resetAgentMetrics() of the test.
 */
export function captureAgentCalls(): {
  byRun: (runId: string) => AgentCallRecord[];
  outsideRuns: () => AgentCallRecord[];
  all: AgentCallRecord[];
  restore: () => void;
} {
  const records: Array<{ runId: string | undefined; call: AgentCallRecord }> = [];
  const metrics = getAgentMetrics();
  const original = metrics.record.bind(metrics);
  const spy = vi.spyOn(metrics, 'record').mockImplementation((call: AgentCallRecord) => {
    records.push({ runId: currentRun()?.run.runId, call });
    original(call);
  });
  return {
    byRun: (runId) => records.filter((r) => r.runId === runId).map((r) => r.call),
    outsideRuns: () => records.filter((r) => r.runId === undefined).map((r) => r.call),
    get all() {
      return records.map((r) => r.call);
    },
    restore: () => spy.mockRestore(),
  };
}

/** Run `fn` inside a run of its own (a real run context; its line goes to memory), as a pipeline stage would. */
export function inTestRun<T>(runId: string, fn: () => T): T {
  const obs = startRunObservability({ runId: runId, dataset: 'test', source: 'cli', sinks: [memoryLineSink().sink], warn: () => undefined });
  return obs.run(fn);
}
