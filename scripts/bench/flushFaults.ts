/** flushObservability() after a failed run while the Sentry endpoint fails: how long it takes against its bound, and what it reports. */
import { readEnv } from '@/lib/env';
import { flushObservability, initObservability } from '@/lib/observability';
import { EnvelopeServer, refusedPort } from '../../tests/support/envelopeServer';
import { simulateRun } from '../../tests/observability/helpers/simulateRun';

/** How the endpoint fails. */
export type FaultyEndpoint = '500' | '429' | 'hang' | 'refused';

export interface FlushFigures {
  endpoint: FaultyEndpoint;
  boundMs: number;
  flushMs: number;
  /** What flushObservability resolved: true when every request was answered within the bound. */
  flushed: boolean;
  /** Envelope requests the endpoint received (null when it refuses connections). */
  requests: number | null;
}

/** One process per endpoint: the SDK has one client per process. */
export async function measureFlush(endpoint: FaultyEndpoint, boundMs = 1000): Promise<FlushFigures> {
  const server = endpoint === 'refused' ? null : await EnvelopeServer.start(endpoint);
  const dsn = server ? server.dsn() : `http://public@127.0.0.1:${await refusedPort()}/1`;
  await initObservability(readEnv({ NODE_ENV: 'production', SENTRY_DSN: dsn, SENTRY_TRACES_SAMPLE_RATE: '1' }));
  await simulateRun({ pipelineId: `bench-flush-${endpoint}`, callsPerStage: 2, failWith: new Error('host failure') });
  const t0 = performance.now();
  const flushed = await flushObservability(boundMs);
  const flushMs = performance.now() - t0;
  const requests = server ? server.requests : null;
  await server?.close();
  return { endpoint, boundMs, flushMs, flushed, requests };
}
