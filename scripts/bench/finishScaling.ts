/** finish() time, line size and Sentry event size (raw and gzipped) at 100, 1k, 10k and 100k calls (Sentry on, local endpoint). */
import { gzipSync } from 'node:zlib';
import { readEnv } from '@/lib/env';
import { flushObservability, getAgentMetrics, initObservability, memoryLineSink, startRunObservability } from '@/lib/observability';
import { EnvelopeServer } from '../../tests/support/envelopeServer';
import { benchCall } from './stats';

export interface FinishFigures {
  calls: number;
  finishMs: number;
  lineBytes: number;
  eventBytes: number | null;
  eventGzipBytes: number | null;
  eventDelivered: boolean;
}

export async function measureFinish(sizes = [100, 1_000, 10_000, 100_000]): Promise<FinishFigures[]> {
  const server = await EnvelopeServer.start('ok');
  await initObservability(readEnv({ NODE_ENV: 'production', SENTRY_DSN: server.dsn() }));
  const out: FinishFigures[] = [];
  for (const calls of sizes) {
    const { sink, lines } = memoryLineSink();
    const id = `bench-finish-${calls}`;
    const obs = startRunObservability({ runId: id, dataset: 'bench', source: 'cli', sinks: [sink], warn: () => undefined });
    await obs.run(() =>
      obs.stage('VerificationAgent', () => {
        for (let i = 0; i < calls; i += 1) getAgentMetrics().record(benchCall(i));
      }),
    );
    const t0 = performance.now();
    obs.finish({ outcome: 'success' });
    const finishMs = performance.now() - t0;
    await flushObservability(10_000);
    await server.waitFor(() => server.events().some((e) => (e.tags as Record<string, string>).pipeline_id === id), 10_000).catch(() => undefined);
    const event = server.events().find((e) => (e.tags as Record<string, string>).pipeline_id === id);
    const json = event ? JSON.stringify(event) : null;
    out.push({
      calls,
      finishMs,
      lineBytes: Buffer.byteLength(lines[0] ?? ''),
      eventBytes: json ? Buffer.byteLength(json) : null,
      eventGzipBytes: json ? gzipSync(json).length : null,
      eventDelivered: event !== undefined,
    });
  }
  await server.close();
  return out;
}
