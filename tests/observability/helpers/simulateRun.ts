import { getAgentMetrics, memoryLineSink, startRunObservability, type AgentCallRecord, type RunObservability } from '@/lib/observability';
import type { RunOutcome } from '@/lib/core/types';
import { agentCall } from './agentCall';
import { decideRunEnd } from '@/lib/core/runEnd';

/** What a simulated run did. */
export interface SimulatedRun {
  obs: RunObservability;
  line: string;
  lines: string[];
  warnings: string[];
  calls: AgentCallRecord[];
}

/** Options of a simulated run. */
export interface SimulateOptions {
  pipelineId: string;
  dataset?: string;
  model?: string;
  /** Agent calls made by each agent stage. */
  callsPerStage?: number;
  orgId?: string;
  userId?: string;
  /** Throw this from the CrosstabAgent stage. */
  failWith?: unknown;
  outcome?: RunOutcome;
  signal?: AbortSignal;
  /** Extra work inside the run, before finish. */
  extra?: (obs: RunObservability) => void | Promise<void>;
}

/** Yield to the event loop so concurrent runs interleave (no timers). */
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A run shaped like the real pipeline: sequential and parallel stages, a skipped stage, agent calls recorded through
 * getAgentMetrics().record() from inside stages (as the model layer does).
 */
export async function simulateRun(o: SimulateOptions): Promise<SimulatedRun> {
  const { sink, lines } = memoryLineSink();
  const warnings: string[] = [];
  const calls: AgentCallRecord[] = [];
  const model = o.model ?? 'gpt-4o-mini';
  const n = o.callsPerStage ?? 2;
  const obs = startRunObservability({
    runId: o.pipelineId,
    dataset: o.dataset ?? 'demo',
    source: 'cli',
    orgId: o.orgId,
    userId: o.userId,
    signal: o.signal,
    sinks: [sink],
    warn: (m) => void warnings.push(m),
  });
  const agentStage = (stage: 'BannerAgent' | 'CrosstabAgent' | 'VerificationAgent') => async () => {
    for (let i = 0; i < n; i += 1) {
      await tick();
      const call = agentCall({ agentName: stage, model, task: `${stage} task ${i}` });
      calls.push(call);
      getAgentMetrics().record(call);
    }
    if (stage === 'CrosstabAgent' && o.failWith !== undefined) throw o.failWith;
  };
  let failure: unknown;
  try {
    await obs.run(async () => {
      await obs.stage('validation', tick);
      await Promise.all([obs.stage('DataMapProcessor', tick), obs.stage('BannerAgent', agentStage('BannerAgent'))]);
      await obs.stage('CrosstabAgent', agentStage('CrosstabAgent'));
      obs.skipStage('SkipLogicAgent', 'no survey document');
      await obs.stage('VerificationAgent', agentStage('VerificationAgent'));
      obs.setTableCount(7);
      await o.extra?.(obs);
    });
  } catch (err) {
    failure = err;
  }
  const decided = decideRunEnd({ error: failure, cancelSignal: o.signal, firstFailedStage: obs.firstFailedStage() });
  const end = failure === undefined && o.outcome !== undefined ? { outcome: o.outcome } : decided;
  const line = obs.finish(end);
  return { obs, line, lines, warnings, calls };
}
