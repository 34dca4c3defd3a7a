/** callModel() per-call cost by tenth of a run of many calls (a provider that answers at once): flat means O(1) per call. */
import { z } from 'zod';
import { callModel } from '@/lib/llm/callModel';
import { setModelProvider } from '@/lib/llm/getModelProvider';
import type { ModelProvider } from '@/lib/llm/types';
import { memoryLineSink, startRunObservability } from '@/lib/observability';

const Answer = z.object({ ok: z.boolean() });

export interface CallModelFigures {
  calls: number;
  /** Microseconds per call in each tenth of the run, first to last. */
  tenthsUs: number[];
}

export async function measureCallModel(calls = Number(process.env.BENCH_CALLMODEL ?? 100_000)): Promise<CallModelFigures> {
  const instant: ModelProvider = {
    name: 'openai',
    model: 'gpt-4o-mini',
    generate: async <T>() => ({ object: { ok: true } as T, usage: { inputTokens: 100, outputTokens: 10, cachedInputTokens: 0, reasoningTokens: 0 } }),
  };
  setModelProvider(instant);
  const obs = startRunObservability({ runId: 'bench-callmodel', dataset: 'bench', source: 'cli', sinks: [memoryLineSink().sink], warn: () => undefined });
  const tenth = Math.max(1, Math.floor(calls / 10));
  const tenthsUs: number[] = [];
  await obs.run(() =>
    obs.stage('VerificationAgent', async () => {
      for (let part = 0; part < 10; part += 1) {
        const t0 = process.hrtime.bigint();
        for (let i = 0; i < tenth; i += 1) await callModel({ agent: 'VerificationAgent', task: `t${i}`, system: 's', prompt: 'p', input: {}, schema: Answer });
        tenthsUs.push(Number(process.hrtime.bigint() - t0) / 1000 / tenth);
      }
    }),
  );
  obs.finish({ outcome: 'success' });
  return { calls: tenth * 10, tenthsUs };
}
