/** Heap retained per run after many in-process runs (Sentry on, local endpoint): nothing of a finished run may stay. */
import { readEnv } from '@/lib/env';
import { flushObservability, getAgentMetrics, initObservability, memoryLineSink, startRunObservability } from '@/lib/observability';
import { EnvelopeServer } from '../../tests/support/envelopeServer';
import { benchCall } from './stats';

export interface HeapFigures {
  runs: number;
  retainedBytesPerRun: number;
}

function settledHeap(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 3; i += 1) gc?.();
  return process.memoryUsage().heapUsed;
}

export async function measureHeap(runs = 500): Promise<HeapFigures> {
  const server = await EnvelopeServer.start('ok');
  await initObservability(readEnv({ NODE_ENV: 'production', SENTRY_DSN: server.dsn() }));
  const one = async (n: number): Promise<void> => {
    const obs = startRunObservability({ runId: `bench-heap-${n}`, dataset: 'bench', source: 'cli', sinks: [memoryLineSink().sink], warn: () => undefined });
    await obs.run(() =>
      obs.stage('BannerAgent', () => {
        for (let i = 0; i < 20; i += 1) getAgentMetrics().record(benchCall(i));
      }),
    );
    obs.finish({ outcome: 'success' });
  };
  for (let i = 0; i < 50; i += 1) await one(i); // warm-up
  await flushObservability(5000);
  server.clear();
  const before = settledHeap();
  for (let i = 0; i < runs; i += 1) await one(1000 + i);
  await flushObservability(5000);
  server.clear();
  const after = settledHeap();
  await server.close();
  return { runs, retainedBytesPerRun: Math.max(0, (after - before) / runs) };
}
