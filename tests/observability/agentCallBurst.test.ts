import * as Sentry from '@sentry/nextjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '@/lib/env';
import { flushObservability, getAgentMetrics, initObservability, memoryLineSink, startRunObservability } from '@/lib/observability';
import { MAX_AGENT_SPANS_PER_RUN } from '@/lib/observability/sentry-pipeline';
import { EnvelopeServer } from '../support/envelopeServer';
import { agentCall } from './helpers/agentCall';
import { parseCanonicalLine } from './helpers/lineAssertions';
import { opOf, runEvent, traceSpans } from './helpers/received';

let server: EnvelopeServer;

beforeAll(async () => {
  server = await EnvelopeServer.start('ok');
  expect(await initObservability(readEnv({ SENTRY_DSN: server.dsn(), NODE_ENV: 'test' }))).toBe(true);
});

afterAll(async () => {
  await Sentry.close(2000);
  await server.close();
});

describe('a run that records 100,000 agent calls in one synchronous burst', () => {
  it('still delivers its event and root span; gen_ai spans are capped and the line says how many were cut', async () => {
    const CALLS = 100_000;
    const { sink, lines } = memoryLineSink();
    const obs = startRunObservability({ runId: 'burst', dataset: 'demo', source: 'cli', sinks: [sink] });
    await obs.run(() =>
      obs.stage('VerificationAgent', () => {
        for (let i = 0; i < CALLS; i += 1) getAgentMetrics().record(agentCall({ agentName: 'VerificationAgent', task: `t${i}` }));
      }),
    );
    const line = parseCanonicalLine(obs.finish({ outcome: 'success' }));
    expect(lines).toHaveLength(1);
    // Rollups and totals are complete; the spans and the per-call list are capped, and say so.
    expect(line.totals.agentCalls).toBe(CALLS);
    expect(line.agents.VerificationAgent?.calls).toBe(CALLS);
    expect(line.agentSpansTruncated).toEqual({ total: CALLS, kept: MAX_AGENT_SPANS_PER_RUN });
    expect(line.truncated?.agentSpans).toContain(`sent ${MAX_AGENT_SPANS_PER_RUN} of ${CALLS}`);

    expect(await flushObservability(10_000)).toBe(true);
    await server.waitFor(() => runEvent(server, 'burst') !== undefined && traceSpans(server, line.traceId!).some((s) => opOf(s) === 'pipeline.run'), 10_000);
    const event = runEvent(server, 'burst') as { contexts: Record<string, Record<string, unknown>> };
    expect(event.contexts.pipeline_run).toMatchObject({ agentSpansTotal: CALLS, agentSpansKept: MAX_AGENT_SPANS_PER_RUN });
    const spans = traceSpans(server, line.traceId!);
    expect(spans.filter((s) => opOf(s) === 'pipeline.run')).toHaveLength(1);
    expect(spans.filter((s) => opOf(s) === 'pipeline.stage')).toHaveLength(1);
    expect(spans.filter((s) => opOf(s) === 'gen_ai.chat')).toHaveLength(MAX_AGENT_SPANS_PER_RUN);
  }, 120_000);
});
