/**
 * finish() time, line size, Sentry event size (raw and gzipped), and the spans and envelopes of the run's trace at 100,
 * 1k, 10k and 100k calls (Sentry on, local endpoint, every run traced).
 */
import { gzipSync } from 'node:zlib';
import { readEnv } from '@/lib/env';
import { flushObservability, getAgentMetrics, initObservability, memoryLineSink, startRunObservability } from '@/lib/observability';
import { EnvelopeServer } from '../../tests/support/envelopeServer';
import { opOf, runEvent, traceSpans } from '../../tests/observability/helpers/received';
import { benchCall } from './stats';

export interface FinishFigures {
  calls: number;
  finishMs: number;
  lineBytes: number;
  eventBytes: number | null;
  eventGzipBytes: number | null;
  eventDelivered: boolean;
  /** Spans of the run's trace received (agent spans are capped per run). */
  spans: number;
  /** Envelopes that carried the run's trace. */
  envelopes: number;
}

export async function measureFinish(sizes = [100, 1_000, 10_000, 100_000]): Promise<FinishFigures[]> {
  const server = await EnvelopeServer.start('ok');
  await initObservability(readEnv({ NODE_ENV: 'production', SENTRY_DSN: server.dsn(), SENTRY_TRACES_SAMPLE_RATE: '1' }));
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
    const line = obs.finish({ outcome: 'success' });
    const finishMs = performance.now() - t0;
    const traceId = (JSON.parse(line) as { traceId?: string }).traceId ?? '';
    await flushObservability(10_000);
    await server
      .waitFor(() => runEvent(server, id) !== undefined && traceSpans(server, traceId).some((s) => opOf(s) === 'pipeline.run'), 10_000)
      .catch(() => undefined);
    const event = runEvent(server, id);
    const json = event ? JSON.stringify(event) : null;
    out.push({
      calls,
      finishMs,
      lineBytes: Buffer.byteLength(lines[0] ?? ''),
      eventBytes: json ? Buffer.byteLength(json) : null,
      eventGzipBytes: json ? gzipSync(json).length : null,
      eventDelivered: event !== undefined,
      spans: traceSpans(server, traceId).length,
      envelopes: traceId ? server.envelopes.filter((e) => e.items.some((i) => JSON.stringify(i.payload ?? '').includes(traceId))).length : 0,
    });
  }
  await server.close();
  return out;
}
