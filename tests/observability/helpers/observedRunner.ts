import type { RunPipelineFn } from '@/lib/webRuns/pipelineOrchestrator';
import { throwIfAborted } from '@/lib/core/PipelineErrors';
import { getAgentMetrics, startRunObservability, type LineSink } from '@/lib/observability';
import type { PipelineRunOptions, PipelineRunResult } from '@/lib/pipeline/runOptions';
import { agentCall } from './agentCall';
import { decideRunEnd } from '@/lib/core/runEnd';

/** Yield to the event loop so concurrent runs interleave (no timers). */
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * A runner with the real runner's observability and none of its work: the run handle it is given (or its own),
 * three stages, agent calls recorded from inside stages through the metrics collector, and one finish.
 */
export function observedRunner(o: { callsPerStage: number; sink?: LineSink; failAt?: 'BannerAgent' | 'CrosstabAgent' }): RunPipelineFn {
  return async (options: PipelineRunOptions): Promise<PipelineRunResult> => {
    const runId = options.runId!;
    const dataset = 'datasetName' in options.inputs ? options.inputs.datasetName : 'dataset';
    const obs =
      options.observability ??
      startRunObservability({
        runId: runId,
        dataset,
        source: options.source,
        orgId: options.orgId,
        userId: options.userId,
        signal: options.signal,
        ...(o.sink ? { sinks: [o.sink] } : {}),
      });
    let failure: unknown;
    try {
      await obs.run(async () => {
        for (const stage of ['validation', 'BannerAgent', 'CrosstabAgent'] as const) {
          throwIfAborted(options.signal);
          await obs.stage(stage, async () => {
            for (let i = 0; i < o.callsPerStage; i += 1) {
              await tick();
              if (stage !== 'validation') getAgentMetrics().record(agentCall({ agentName: stage, task: `${runId} ${stage} ${i}` }));
            }
            if (stage === o.failAt) throw new Error(`${stage} failed`);
          });
        }
      });
    } catch (err) {
      failure = err;
    }
    const end = decideRunEnd({ error: failure, cancelSignal: options.signal, firstFailedStage: obs.firstFailedStage() });
    const outcome = end.outcome;
    const canonicalLine = obs.finish(end);
    await obs.delivered;
    return { runId, outcome, outputDir: null, tableCount: 0, durationMs: 1, stageTiming: {}, stages: obs.stages(), canonicalLine };
  };
}
