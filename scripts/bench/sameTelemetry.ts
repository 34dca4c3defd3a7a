/**
 * Check that the benchmark's "SDK alone" sends what record() sends: the same calls recorded through a run and sent
 * with the SDK alone (each in a run of its own) must reach the local endpoint as the same agent breadcrumbs and the
 * same spans (names, ops, attributes, status, times, parents), the run's own ids aside.
 */
import { currentRun, flushObservability, getAgentMetrics, memoryLineSink, startRunObservability } from '@/lib/observability';
import { activeSentry } from '@/lib/observability/sentry/sentrySdk';
import type { EnvelopeServer, ReceivedSpan } from '../../tests/support/envelopeServer';
import { opOf, runEvent, traceSpans } from '../../tests/observability/helpers/received';
import { sdkAloneCall } from './sdkAlone';
import { benchCall } from './stats';

const STAGE = 'VerificationAgent';
const CALLS = 5;

/** What one run sent for its agent calls, the run's own ids replaced so that two runs compare. */
async function sent(server: EnvelopeServer, runId: string, send: (i: number, base: number) => void, base: number): Promise<string> {
  const obs = startRunObservability({ runId, dataset: 'bench', source: 'cli', sinks: [memoryLineSink().sink], warn: () => undefined });
  await obs.run(() =>
    obs.stage(STAGE, () => {
      for (let i = 0; i < CALLS; i += 1) send(i, base);
    }),
  );
  const traceId = (JSON.parse(obs.finish({ outcome: 'success' })) as { traceId?: string }).traceId ?? '';
  await flushObservability(10_000);
  await server.waitFor(() => runEvent(server, runId) !== undefined && traceSpans(server, traceId).some((s) => opOf(s) === 'pipeline.run'), 10_000);
  const spans = traceSpans(server, traceId);
  const byId = new Map(spans.map((s) => [s.span_id, s]));
  const agentSpans = spans
    .filter((s) => String(opOf(s)).startsWith('gen_ai.'))
    .map((s: ReceivedSpan) => {
      // Ids differ from run to run: a span is compared by what it says and by its parent's name.
      const rest: Record<string, unknown> = { ...s, parent: byId.get(s.parent_span_id ?? '')?.name };
      delete rest.span_id;
      delete rest.trace_id;
      delete rest.parent_span_id;
      return rest;
    })
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const crumbs = ((runEvent(server, runId)?.breadcrumbs ?? []) as Array<{ category?: string }>).filter((b) => b.category === 'agent');
  const rootSpanId = spans.find((s) => opOf(s) === 'pipeline.run')?.span_id ?? '<none>';
  return JSON.stringify({ crumbs, agentSpans }).replaceAll(runId, '<run>').replaceAll(rootSpanId, '<root span>');
}

/** Whether the SDK alone sends exactly what record() sends for the same calls (Sentry on, local endpoint). */
export async function sameTelemetry(server: EnvelopeServer): Promise<boolean> {
  const base = Date.now();
  const viaRecord = await sent(server, 'bench-same-record', (i, b) => getAgentMetrics().record(benchCall(i, b)), base);
  const sentry = activeSentry()!.sentry;
  const viaSdk = await sent(
    server,
    'bench-same-sdk',
    (i, b) =>
      sdkAloneCall(
        { sentry, scope: sentry.getIsolationScope(), stageSpan: sentry.getActiveSpan(), runId: currentRun()!.run.runId, stage: STAGE },
        benchCall(i, b),
      ),
    base,
  );
  server.clear();
  return viaRecord === viaSdk && viaRecord.includes('gen_ai.chat');
}
